"""The files a list of nominees comes in, each read into the same grid of rows of text.

Everything after this module sees only :class:`Row`: numbered as the spreadsheet
shows them, cells as text with their line breaks, a merged cell repeated over
its range. A new kind of file is a new reader here, added to ``READERS``.

A Word document has no row numbers: its paragraphs and the rows of its tables
are numbered in the order of the document, a paragraph counting as one row and
each table row as one, so the title block and the signature block (paragraphs or
tables around the list) go through the same rules as in a sheet.

A PDF is refused on purpose: its text layer keeps words and positions, not rows
and cells, so a summary running over two lines, a merged cell or a signature
beside the table cannot be told apart reliably, and a scanned copy has no text
at all. The file the PDF was printed from always exists; the message asks for it.
"""

from __future__ import annotations

import csv
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from site_builder.model.i18n import gettext as _

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
    """The rows of the file, read by the reader for its suffix (``READERS``)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SpreadsheetError(_("{file}: no such file").format(file=path.as_posix()))
    reader = READERS.get(suffix)
    if reader is None:
        raise SpreadsheetError(_("{file}: cannot read {suffix} files; save the list as Excel (.xlsx), Word "
                                 "(.docx) or CSV UTF-8 (.csv)").format(file=path.as_posix(), suffix=suffix or "?"))
    return reader(path, sheet)


def refuse_pdf(path: Path, _sheet: str | None = None) -> list[Row]:
    """A PDF is not read (see the module's docstring): ask for the file it was printed from."""
    raise SpreadsheetError(_("{file}: a PDF is not read, because it does not keep the table's rows and cells "
                             "(and a scan has no text at all). Ask the sender for the file the PDF was printed "
                             "from, the Word (.docx) or Excel (.xlsx, .xls) list, and import that").format(
        file=path.as_posix()))


def refuse_doc(path: Path, _sheet: str | None = None) -> list[Row]:
    """An old Word document (.doc): Word saves it as .docx."""
    raise SpreadsheetError(_('{file}: an old Word document (.doc) is not read; open it in Word and choose '
                             '"Save As" › "Word Document (.docx)", then import the .docx').format(file=path.as_posix()))


# -- Excel -----------------------------------------------------------------------------------

def read_xlsx(path: Path, sheet_name: str | None) -> list[Row]:
    """The rows of the named sheet (default: the first), merged cells repeated over their range."""
    workbook = _open_workbook(path)
    sheet = workbook[_choose_sheet(path, workbook.sheetnames, sheet_name)]
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
            raise SpreadsheetError(_("{file}: cannot open it as an Excel workbook ({reason})").format(
                file=path.as_posix(), reason=exc)) from exc


def _choose_sheet(path: Path, names: list[str], sheet_name: str | None) -> str:
    """The name of the sheet to read: the one asked for, else the first."""
    if sheet_name is not None and sheet_name not in names:
        raise SpreadsheetError(_('{file}: no sheet named "{sheet}"; the sheets are: {sheets}').format(
            file=path.as_posix(), sheet=sheet_name, sheets=", ".join(names)))
    return sheet_name or names[0]


def read_xls(path: Path, sheet_name: str | None) -> list[Row]:
    """The rows of a sheet of an old Excel (97-2003) workbook, merged cells repeated over their range."""
    import xlrd

    try:
        workbook = xlrd.open_workbook(str(path), formatting_info=True)  # formatting_info: the merged cells
    except Exception as exc:  # xlrd raises many kinds for a damaged file
        raise SpreadsheetError(_("{file}: cannot open it as an Excel 97-2003 workbook (.xls) ({reason})").format(
            file=path.as_posix(), reason=exc)) from exc
    sheet = workbook.sheet_by_name(_choose_sheet(path, workbook.sheet_names(), sheet_name))
    grid = [[_xls_value(workbook, sheet.cell(row, column)) for column in range(sheet.ncols)]
            for row in range(sheet.nrows)]
    for top, bottom, left, right in sheet.merged_cells:  # 0-based, bottom and right excluded
        _fill_merged(grid, top + 1, bottom, left + 1, right)
    return [Row(number, tuple(cells)) for number, cells in enumerate(grid, start=1)]


def _xls_value(workbook, cell) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        return cell_text(xlrd.xldate_as_datetime(cell.value, workbook.datemode))
    return cell_text(cell.value)


def _fill_merged(grid: list[list[str]], top: int, bottom: int, left: int, right: int) -> None:
    """A merged range holds its value in the top-left cell only; repeat it over the range."""
    value = grid[top - 1][left - 1] if top - 1 < len(grid) and left - 1 < len(grid[top - 1]) else ""
    for row in grid[top - 1:bottom]:
        row.extend([""] * (right - len(row)))
        for column in range(left - 1, right):
            row[column] = value


# -- Word ------------------------------------------------------------------------------------

def read_docx(path: Path, _sheet: str | None = None) -> list[Row]:
    """Paragraphs and table rows of a Word document, in order; a merged cell repeated over its range."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged file
        raise SpreadsheetError(_("{file}: cannot open it as a Word document (.docx) ({reason})").format(
            file=path.as_posix(), reason=exc)) from exc
    grid: list[tuple[str, ...]] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            grid.extend(_docx_rows(block))
        else:
            grid.append((cell_text(block.text),))
    return [Row(number, cells) for number, cells in enumerate(grid, start=1)]


def _docx_rows(table) -> list[tuple[str, ...]]:
    """python-docx gives a cell spanning columns once per column, and the first cell of a
    vertical merge for the cells below it: the same repetition as for a merged range in Excel."""
    return [tuple([""] * row.grid_cols_before + [_docx_cell(cell) for cell in row.cells]) for row in table.rows]


def _docx_cell(cell) -> str:
    """A cell's paragraphs joined with line breaks (a nested table's text is left out)."""
    return cell_text("\n".join(paragraph.text for paragraph in cell.paragraphs))


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
        raise SpreadsheetError(_('{file}: the file is not UTF-8 text ({reason}); in Excel choose "Save As" › '
                                 '"CSV UTF-8 (Comma delimited)"').format(file=path.as_posix(), reason=exc.reason)) from exc


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
    ".xls": read_xls,
    ".docx": read_docx,
    ".csv": read_csv,
    ".txt": read_csv,
    ".pdf": refuse_pdf,
    ".doc": refuse_doc,
}
