"""What an import gives back to the command: the nominees read, the rows not used, the notes.

Or, when nothing can be imported, an exception whose message says why. Every
step (the sources, the interpretation, the batch file) reports through these,
so the command has one place to print from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class SpreadsheetError(Exception):
    """The spreadsheet cannot be imported at all; the message says why."""


class NoNominees(SpreadsheetError):
    """No row could be used; ``result`` says why for each."""

    def __init__(self, message: str, result: ImportResult):
        super().__init__(message)
        self.result = result


@dataclass
class Nominee:
    """A nominee read from one row, with the row it came from."""

    row: int
    values: dict[str, object]
    note: str = ""


@dataclass
class ImportResult:
    """What was read: the nominees, the rows that could not be used, and what to check."""

    nominees: list[Nominee] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
