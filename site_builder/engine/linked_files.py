"""Files the build keeps in its cache, published into the site as hard links.

A page, a share card or a photo's web size is made once and kept in the
build's cache; copying it into the site folder would write every byte a
second time (at 50,000 records, about a gigabyte of cards alone), and the
kernel must flush those bytes to disk while the build goes on. A hard link
writes none.

The rule that keeps the cache intact: nothing writes into a published file in
place. :func:`link_into_site` replaces the file at the target (a new link),
never opens it for writing; a page an earlier build published where this build
writes another file is removed first
(:meth:`site_builder.build.site_reuse.ReusedSite.drop_pages_not_in`). MkDocs'
own :meth:`File.copy_file` would open an existing target for writing, which
through a link would overwrite the cached file, so a :class:`LinkedFile`
publishes itself with :func:`link_into_site` instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.structure.files import File


def link_into_site(kept: Path, target: Path) -> None:
    """A cached file into the site: a hard link where the file system allows (else a copy).

    A target already linked to the same cached file (the site folder of the
    previous build, kept) is left as it is.
    """
    try:
        if os.path.samefile(kept, target):
            return
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(kept, target)
    except FileExistsError:
        target.unlink()
        os.link(kept, target)
    except OSError:  # another file system, or one without hard links
        target.unlink(missing_ok=True)
        shutil.copyfile(kept, target)


class LinkedFile(File):
    """A generated file backed by a file of the build's cache, published as a hard link.

    Made with ``LinkedFile.generated(config, src_uri, abs_src_path=…)``.
    """

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        assert self.abs_src_path is not None, "a LinkedFile is backed by a file"
        link_into_site(Path(self.abs_src_path), Path(self.abs_dest_path))
