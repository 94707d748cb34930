"""Keep the previous build's site folder, so a rebuild rewrites what changed, not every page.

MkDocs empties the site folder before each build (``--dirty`` skips that and
leaves stale files behind). At 10,000 records emptying it and linking 15,000
pages back cost more than the rest of a rebuild. Instead, :class:`ReusedSite`:

1. moves the folder aside before MkDocs cleans it (``on_pre_build``), so MkDocs
   finds nothing to clean, and moves it back before anything is written
   (``on_files``);
2. before the pages are published, removes the generated pages of the previous
   build that this one does not produce (they are hard links into the page
   cache, and MkDocs writes its files in place: a page cached under an address
   that is now a hand-written page must not be written through);
3. after the build, removes every file this build neither wrote nor published,
   and the folders left empty (except in folders whose writer removes its own
   stale files and leaves unchanged ones untouched, as the search index does). The folder is then what a clean build writes
   (a test compares the two); hidden entries at its top stay, as with MkDocs.

"Written by this build" is read from the modification time: newer than a
marker file made when the build started. Published pages are linked from the
page cache and keep its (older) times, so they are named instead. Should the
clock go back during a build, nothing is removed (stale files wait for the next
build), so a fresh file is never taken for a stale one.

The folder is reused only when the list of pages published into it by the
previous build is on record (a build that stopped half-way leaves none): in any
other case it is emptied as MkDocs would.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

from .pagecache import write_whole

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class ReusedSite:
    """The site ``folder`` across builds; ``record`` is where the published pages are listed."""

    def __init__(self, folder: Path, record: Path) -> None:
        self.folder = folder.resolve()
        self.record = record
        self.aside = self.folder.with_name(f".{self.folder.name}.previous")
        self.started_ns: int | None = None  # set when the folder is reused
        self.previous_pages: set[str] = set()

    def set_aside(self) -> None:
        """Before MkDocs cleans the folder: move it aside when it can be reused."""
        if self.aside.exists():  # left by a build that was stopped
            shutil.rmtree(self.aside, ignore_errors=True)
        pages = self._read_record()
        self.record.unlink(missing_ok=True)  # until this build has finished, the folder is unknown
        if pages is None or not self._movable():
            return
        try:
            self.started_ns = self._now_on_disk()
            os.rename(self.folder, self.aside)
        except OSError as exc:
            log.debug("site folder not reused: %s", exc)
            self.started_ns = None
            return
        self.previous_pages = pages

    def bring_back(self) -> None:
        """Before anything is written: the folder back in its place (or emptied, if it cannot be)."""
        if self.started_ns is None:
            return
        try:
            if self.folder.exists():
                self.folder.rmdir()  # MkDocs made it empty; anything else in it is not ours to lose
            os.rename(self.aside, self.folder)
        except OSError as exc:
            log.debug("site folder not reused: %s", exc)
            shutil.rmtree(self.aside, ignore_errors=True)
            self.started_ns = None
            self.previous_pages = set()

    def drop_pages_not_in(self, pages: set[str]) -> None:
        """Remove the previous build's published pages that this build does not publish."""
        for relative in self.previous_pages - pages:
            (self.folder / relative).unlink(missing_ok=True)

    def finish(self, pages: set[str], self_kept: tuple[str, ...] = ()) -> None:
        """After the build: remove what is stale; record the published pages for the next build.

        ``self_kept`` names top folders whose writer removes its own stale files.
        """
        if self.started_ns is not None:
            if time.time_ns() >= self.started_ns:
                folder = str(self.folder)
                self._sweep({os.path.join(folder, relative) for relative in pages}, set(self_kept))
            else:
                log.warning("The clock went back during the build: stale files are removed next time.")
        write_whole(self.record, json.dumps({"folder": str(self.folder), "pages": sorted(pages)}).encode("utf-8"))

    def _read_record(self) -> set[str] | None:
        try:
            kept = json.loads(self.record.read_text(encoding="utf-8"))
            if kept["folder"] != str(self.folder):
                return None
            return set(kept["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _movable(self) -> bool:
        return self.folder.is_dir() and not self.folder.is_symlink() and not os.path.ismount(self.folder)

    def _now_on_disk(self) -> int:
        """The file system's clock (it may lag ``time.time``): the time of a file made now."""
        marker = self.folder.with_name(f".{self.folder.name}.started-{os.getpid()}")
        marker.touch()
        try:
            return marker.stat().st_mtime_ns
        finally:
            marker.unlink()

    def _sweep(self, published: set[str], self_kept: set[str]) -> None:
        assert self.started_ns is not None
        with os.scandir(self.folder) as top:
            entries = [entry for entry in top if not entry.name.startswith(".") and entry.name not in self_kept]
        self._sweep_entries(entries, published)  # the site folder itself stays, even empty

    def _sweep_folder(self, path: str, published: set[str]) -> bool:
        """Remove stale files below ``path``; returns whether the folder is now empty (and removed)."""
        with os.scandir(path) as found:
            entries = list(found)
        empty = self._sweep_entries(entries, published)
        if empty:
            os.rmdir(path)
        return empty

    def _sweep_entries(self, entries: list[os.DirEntry], published: set[str]) -> bool:
        """Remove the stale files among ``entries``, and below those that are folders; returns
        whether nothing is left of them."""
        empty = True
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                empty = self._sweep_folder(entry.path, published) and empty
            elif self._stale(entry, published):
                os.unlink(entry.path)
            else:
                empty = False
        return empty

    def _stale(self, entry: os.DirEntry, published: set[str]) -> bool:
        assert self.started_ns is not None
        return entry.stat(follow_symlinks=False).st_mtime_ns < self.started_ns and entry.path not in published
