"""How a record file is recognised between builds, and what a record cache must offer the loader.

The loader only reads and validates; keeping records between builds is the
build layer's business (:class:`site_builder.build.recordcache.RecordCache`),
handed in as a :class:`RecordStore`. What both must agree on lives here: a
file's *signature* (unchanged signature, unchanged file: no need to read it),
the digest of its text, and the key a validated record is kept under.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

from site_builder.model.record import Record

Signature = tuple[int, int, int, int]  # modification time, change time (ns), size, inode


def signature(path: Path) -> Signature:
    """Changes on any write: ``ctime`` cannot be set back by hand."""
    status = path.stat()
    return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def record_key(kind: type, record_id: str, digest: str) -> str:
    """A validated record is found again by its kind, its id (file name) and its text's digest."""
    return f"{kind.__name__}:{record_id}:{digest}"


class RecordStore(Protocol):
    """Validated records kept between builds (see :mod:`site_builder.build.recordcache`)."""

    def digest_of(self, path: Path, found: Signature) -> str | None:
        """The digest of ``path``'s text if its signature is still ``found``."""

    def saw(self, path: Path, found: Signature, digest: str) -> None:
        """``path`` with signature ``found`` has text of digest ``digest``."""

    def get(self, key: str) -> Record | None:
        """The record kept under ``key``, if any."""

    def put(self, key: str, record: Record) -> None:
        """Keep a record just validated."""
