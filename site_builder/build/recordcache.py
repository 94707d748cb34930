"""Validated records kept between builds, so a rebuild reads 10,000 files without validating them.

A record is found again by the hash of its file's text, its kind and its file
name (the id); only valid records are kept, so a file with problems is checked,
and its errors reported, on every build. Checks across records (references,
duplicate ids) are not cached: the loader runs them every time.

A file whose size, times and inode are those of an earlier build is not even
read: its hash is remembered by that signature (``ctime`` changes on any write,
and cannot be set back by hand). The cache is one file of pickled frames: the
first holds everything, each later one what a build added, so a rebuild after
one edit appends one record instead of writing 10,000 again; the file is written
whole again once it holds more old entries than current ones, and whenever a
frame appended to it would not be read back (another version of the code wrote
it, or its last frame was cut short). The process that
wrote or read it last keeps its contents in memory (``mkdocs serve`` reads
nothing again).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from site_builder.model.record import Record
from site_builder.records.file_identity import Signature, signature

from .pagecache import UNPICKLING_ERRORS

# Cache file → (its signature when this process last read or wrote it, salt, records, digests).
_IN_MEMORY: dict[Path, tuple[Signature, str, dict[str, Record], dict[str, tuple[Signature, str]]]] = {}
_KEPT_IN_MEMORY = 4  # cache files (sites) remembered by one process


class RecordCache:
    """``{key: record}`` and ``{file: (signature, digest)}``, dropped whole when ``salt`` (the code) changes.

    The loader uses it as a :class:`~site_builder.records.file_identity.RecordStore`.
    """

    def __init__(self, file: Path, salt: str) -> None:
        self.file = file
        self.salt = salt
        # Whether a frame appended to the file would be read: not after another salt's frames
        # (they end the reading), nor after a frame cut short.
        self._appendable = False
        self._stored, self._digests = self._read()
        self._used: dict[str, Record] = {}
        self._seen: dict[str, tuple[Signature, str]] = {}
        self._planned: tuple | None = None

    def _read(self) -> tuple[dict[str, Record], dict[str, tuple[Signature, str]]]:
        try:
            current = signature(self.file)
        except OSError:
            return {}, {}
        kept = _IN_MEMORY.get(self.file)
        if kept is not None and kept[0] == current and kept[1] == self.salt:
            self._appendable = True
            return kept[2], kept[3]
        records: dict[str, Record] = {}
        digests: dict[str, tuple[Signature, str]] = {}
        end = 0  # where the frames read whole end
        try:
            with self.file.open("rb") as stream:
                while True:
                    salt, added, seen = _frame(pickle.load(stream))
                    if salt != self.salt:
                        return {}, {}
                    records.update(added)
                    digests.update(seen)
                    end = stream.tell()
        except UNPICKLING_ERRORS:
            pass  # the end of the file, or a frame cut short (a build stopped while appending)
        if end == current[2]:  # every byte read: the file ends with a whole frame
            self._appendable = True
            _remember(self.file, (current, self.salt, records, digests))
        return records, digests

    def digest_of(self, path: Path, found: Signature) -> str | None:
        """The hash of ``path``'s text when the file is unchanged since it was last read."""
        known = self._digests.get(str(path))
        if known is None or known[0] != found:
            return None
        self._seen[str(path)] = known
        return known[1]

    def saw(self, path: Path, found: Signature, digest: str) -> None:
        self._seen[str(path)] = (found, digest)

    def get(self, key: str) -> Record | None:
        record = self._stored.get(key)
        if record is not None:
            self._used[key] = record
        return record

    def put(self, key: str, record: Record) -> None:
        self._used[key] = record

    def save(self) -> None:
        self.write()
        self.remember()

    def write(self) -> None:
        """Append what this build added; write the file whole when old entries outnumber current ones.

        May run in another process (pickling 10,000 records leaves this one's heap
        a few tens of megabytes bigger); :meth:`remember` then brings this one up to date.
        """
        plan = self._plan()
        if plan is None:
            return
        append, frame, _records, _digests = plan
        self.file.parent.mkdir(parents=True, exist_ok=True)
        if append:
            with self.file.open("ab") as stream:  # one write: a frame is never interleaved with another
                stream.write(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))
        else:
            temporary = self.file.with_suffix(f".{os.getpid()}.tmp")
            with temporary.open("wb") as stream:
                pickle.dump(frame, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)

    def remember(self) -> None:
        """Once the file is written: what it holds, kept in this process for the next build."""
        plan = self._plan()
        if plan is None:
            return
        _append, _frame, records, digests = plan
        self._stored, self._digests, self._planned = records, digests, None
        self._appendable = True
        if self.file.exists():
            _remember(self.file, (signature(self.file), self.salt, records, digests))

    def _plan(self) -> tuple[bool, tuple, dict[str, Record], dict[str, tuple[Signature, str]]] | None:
        """What :meth:`write` writes, decided once (the file may exist once another process wrote it)."""
        if self._planned is None:
            added = {key: record for key, record in self._used.items() if key not in self._stored}
            seen = {path: known for path, known in self._seen.items() if self._digests.get(path) != known}
            if not added and not seen:
                return None
            if (self._appendable and self.file.exists()
                    and len(self._stored) + len(added) <= 2 * len(self._used) + 64):
                self._planned = (True, (self.salt, added, seen), {**self._stored, **added}, {**self._digests, **seen})
            else:
                used, current = dict(self._used), dict(self._seen)
                self._planned = (False, (self.salt, used, current), used, current)
        return self._planned


def _remember(file: Path, contents: tuple) -> None:
    _IN_MEMORY.pop(file, None)
    _IN_MEMORY[file] = contents
    while len(_IN_MEMORY) > _KEPT_IN_MEMORY:
        del _IN_MEMORY[next(iter(_IN_MEMORY))]


def _frame(value: Any) -> tuple[str, dict[str, Record], dict[str, tuple[Signature, str]]]:
    salt, records, digests = value
    if not isinstance(records, dict) or not isinstance(digests, dict):
        raise ValueError("not a frame of the record cache")
    return salt, records, digests
