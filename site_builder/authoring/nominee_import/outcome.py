"""What an import gives back to the command: the nominees read, the rows not used, the notes.

Or, when nothing can be imported, an exception whose message says why. Every
step (the sources, the interpretation, the batch file) reports through these,
so the command has one place to print from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .totals import TotalRow


class SpreadsheetError(Exception):
    """The spreadsheet cannot be imported at all; the message says why."""


class ImportRefused(SpreadsheetError):
    """The sheet was read but nothing is written; ``result`` says what was read, row by row."""

    def __init__(self, message: str, result: ImportResult):
        super().__init__(message)
        self.result = result


class NoNominees(ImportRefused):
    """No row could be used; ``result`` says why for each."""


class TotalMismatch(ImportRefused):
    """The sheet's total row counts another number of nominees than the import read."""


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
    totals: list[TotalRow] = field(default_factory=list)
    # Batch values from the title block: title, proposed_by, and a legal_basis line to add.
    batch_values: dict[str, str] = field(default_factory=dict)
    end: tuple[int, str, int] | None = None  # the row that ends the list, what it starts, rows not read
