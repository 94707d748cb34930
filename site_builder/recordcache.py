"""Validated records kept between builds, so a rebuild reads 10,000 files without validating them.

A record is found again by the hash of its file's text, its kind and its file
name (the id); only valid records are kept, so a file with problems is checked,
and its errors reported, on every build. Checks across records (references,
duplicate ids) are not cached: the loader runs them every time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from .record import Record


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class RecordCache:
    """One pickle file of ``{key: record}``, dropped whole when ``salt`` (the code) changes."""

    def __init__(self, file: Path, salt: str) -> None:
        self.file = file
        self.salt = salt
        self._stored = self._read()
        self._used: dict[str, Record] = {}

    def _read(self) -> dict[str, Record]:
        try:
            with self.file.open("rb") as stream:
                salt, records = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return {}
        return records if salt == self.salt else {}

    @staticmethod
    def key(kind: type, record_id: str, digest: str) -> str:
        return f"{kind.__name__}:{record_id}:{digest}"

    def get(self, key: str) -> Record | None:
        record = self._stored.get(key)
        if record is not None:
            self._used[key] = record
        return record

    def put(self, key: str, record: Record) -> None:
        self._used[key] = record

    def save(self) -> None:
        """Keep the records of this build only; nothing is written when nothing changed."""
        if self._used.keys() == self._stored.keys():
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as stream:
            pickle.dump((self.salt, self._used), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.file)
        self._stored = dict(self._used)
