"""The files a list of nominees comes in, each read into the same grid of rows of text.

Everything after this module sees only :class:`Row`: numbered as the spreadsheet
shows them, cells as text with their line breaks, a merged cell repeated over
its range. A new kind of file (a Word table, an old ``.xls`` workbook) is a new
reader here, added to ``READERS``.
"""

from __future__ import annotations

import csv
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .outcome import SpreadsheetError


@dataclass(frozen=True)
class Row:
    """One row of the sheet, as text, with its number as the spreadsheet shows it."""

    number: int
    cells: tuple[str, ...]

    def get(self, column: int) -> str:
        return self.cells[column] if column < len(self.cells) else ""

    @property
    def values(self) -> list[str]:
        """The distinct non-empty cells, in order (a merged cell counts once)."""
        seen: list[str] = []
        for cell in self.cells:
            if cell and cell not in seen:
                seen.append(cell)
        return seen


def read_rows(path: Path, sheet: str | None = None) -> list[Row]:
    """The rows of a ``.xlsx`` sheet (merged cells repeated over their range) or of a CSV file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SpreadsheetError(f"{path.as_posix()}: no such file")
    reader = READERS.get(suffix)
    if reader is None:
        raise SpreadsheetError(f"{path.as_posix()}: cannot read {suffix or 'this'} files; "
                               "save the list as Excel (.xlsx) or as CSV UTF-8 (.csv)")
    return reader(path, sheet)


# -- Excel -----------------------------------------------------------------------------------

def read_xlsx(path: Path, sheet_name: str | None) -> list[Row]:
    """The rows of the named sheet (default: the first), merged cells repeated over their range."""
    workbook = _open_workbook(path)
    sheet = _choose_sheet(path, workbook, sheet_name)
    grid = [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        _fill_merged(grid, merged.min_row, merged.max_row, merged.min_col, merged.max_col)
    return [Row(number, tuple(cells)) for number, cells in enumerate(grid, start=1)]


def _open_workbook(path: Path):
    import openpyxl

    with warnings.catch_warnings():  # openpyxl warns about styles and extensions it ignores
        warnings.simplefilter("ignore")
        try:
            return openpyxl.load_workbook(path, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise SpreadsheetError(f"{path.as_posix()}: cannot open it as an Excel workbook ({exc})") from exc


def _choose_sheet(path: Path, workbook, sheet_name: str | None):
    if sheet_name is not None and sheet_name not in workbook.sheetnames:
        raise SpreadsheetError(f'{path.as_posix()}: no sheet named "{sheet_name}"; '
                               f"the sheets are: {', '.join(workbook.sheetnames)}")
    return workbook[sheet_name] if sheet_name else workbook.worksheets[0]


def _fill_merged(grid: list[list[str]], top: int, bottom: int, left: int, right: int) -> None:
    """A merged range holds its value in the top-left cell only; repeat it over the range."""
    value = grid[top - 1][left - 1] if top - 1 < len(grid) and left - 1 < len(grid[top - 1]) else ""
    for row in grid[top - 1:bottom]:
        row.extend([""] * (right - len(row)))
        for column in range(left - 1, right):
            row[column] = value


# -- CSV -------------------------------------------------------------------------------------

def read_csv(path: Path, _sheet: str | None = None) -> list[Row]:
    """The records of a UTF-8 CSV file (``,``, ``;`` or tab), numbered as Excel shows them."""
    text = _read_utf8(path)
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text.splitlines(keepends=True), dialect)
    return [Row(number, tuple(cell_text(cell) for cell in cells)) for number, cells in enumerate(reader, start=1)]


def _read_utf8(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(f"{path.as_posix()}: the file is not UTF-8 text ({exc.reason}); "
                               'in Excel choose "Save As" › "CSV UTF-8 (Comma delimited)"') from exc


# -- cells -----------------------------------------------------------------------------------

def cell_text(value: object) -> str:
    """A cell's text: composed Unicode (NFC), line breaks kept as ``\\n``, surrounding and trailing spaces removed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = "".join(char for char in text if char in "\n\t" or unicodedata.category(char) != "Cc")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


# Each file suffix the import reads, and its reader: (path, sheet name or None) -> rows.
READERS: dict[str, Callable[[Path, str | None], list[Row]]] = {
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
    ".csv": read_csv,
    ".txt": read_csv,
}
