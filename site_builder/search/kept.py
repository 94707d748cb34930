"""The search postings of the last build, kept on disk for the next one.

A rebuild after one edit, even in a new process (``mkdocs build`` run again),
then patches the postings for the documents that changed instead of indexing
ten thousand again (:class:`~site_builder.search.index.KeptIndex`). The file is
replaced whole, and only once an index has been built, so it always holds the
postings of the stamps it holds; one of another version of the code, or one
that cannot be read, is ignored (the next build indexes everything).
"""

from __future__ import annotations

import pickle
from pathlib import Path

from ..pagecache import write_whole
from .index import KeptIndex

_READ_ERRORS = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError,
                IndexError)


def read_kept(file: Path, salt: str) -> KeptIndex:
    """The postings kept in ``file`` by a build of the same code, or none."""
    try:
        found_salt, kept = pickle.loads(file.read_bytes())
    except _READ_ERRORS:
        return KeptIndex()
    return kept if found_salt == salt and isinstance(kept, KeptIndex) else KeptIndex()


def write_kept(kept: KeptIndex, file: Path, salt: str) -> None:
    write_whole(file, pickle.dumps((salt, kept), protocol=pickle.HIGHEST_PROTOCOL))
