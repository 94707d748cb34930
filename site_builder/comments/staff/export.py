"""The register of one batch for the council: CSV and Excel files, Vietnamese intact.

CSV is written as UTF-8 *with* a byte-order mark: without it Excel on Windows
reads the file as the local code page and every diacritic is garbled. Cells
that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``) are neutralised: a citizen's text is data, never code. In the XLSX file
they are stored as plain strings; in the CSV they get a leading apostrophe.

Every CSV field is quoted, but quoting alone is not enough: where Windows'
list separator is ``;`` (common with Vietnamese regional settings), Excel
splits a comma-separated line at every ``;`` and ignores the quotes, so
``x;=HYPERLINK(…)`` would give a cell that *is* the formula; and a line break
inside a field may start a new row. So inside the text, a piece that follows
a ``;`` or a line break and would start a formula gets the apostrophe too.

Both files are created readable by their owner only (mode 0600): they hold
the commenters' names, phone numbers and addresses.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from site_builder.comments.handling.status_changes import STATUS_LABELS
from site_builder.comments.private_files import open_private
from site_builder.comments.store.register import CHANNEL_WORDS, StoredComment
from site_builder.model.vntime import VIETNAM

HEADERS = ["Mã biên nhận", "Thời điểm nhận", "Mã đối tượng", "Tập thể, cá nhân được góp ý",
           "Họ và tên người góp ý", "Điện thoại/Email", "Địa chỉ", "Nội dung góp ý", "Kênh",
           "Trạng thái", "Lý do", "Nhận trong thời hạn"]
_WIDTHS = [12, 20, 22, 30, 24, 22, 30, 80, 12, 16, 30, 12]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A cell a ";"-separated reading would start inside the text: after ";" or a line break,
# past the blanks and quotes a spreadsheet skips, at a formula character.
_SPLIT_FORMULA = re.compile(r'(?<=[;\n\r])(?=[ \t\r"]*[=+\-@])')

Row = list[str | datetime]


def rows(comments: Iterable[StoredComment], nominee_names: dict[str, str]) -> list[Row]:
    """One row per comment, in the order of :data:`HEADERS`; time in Vietnam time."""
    return [
        [c.receipt, c.received_at.astimezone(VIETNAM).replace(tzinfo=None, microsecond=0), c.nominee,
         nominee_names.get(c.nominee, ""), c.name, c.contact, c.address or "", c.text,
         CHANNEL_WORDS.get(c.channel, c.channel), STATUS_LABELS.get(c.status, c.status),
         c.status_reason or "" if c.duplicate_of is None else f"Trùng với {c.duplicate_of}: {c.status_reason}",
         "Không" if c.outside_period else "Có"]
        for c in comments
    ]


def write_csv(path: Path, table: list[Row]) -> None:
    """CSV for Excel: UTF-8 with BOM, comma-separated, every field quoted, times as ``dd/mm/yyyy HH:MM:SS``."""
    with open_private(path, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_ALL)
        writer.writerow(HEADERS)
        writer.writerows([_csv_cell(value) for value in row] for row in table)


def write_xlsx(path: Path, table: list[Row], title: str) -> None:
    """An Excel workbook: bold frozen header, wrapped text, real date-times."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ý kiến nhân dân"
    workbook.properties.title = title[:250]
    sheet.append(HEADERS)
    for row in table:
        sheet.append([_xlsx_value(value) for value in row])
    _style(sheet)
    with open_private(path, "wb") as file:
        workbook.save(file)


def _csv_cell(value: str | datetime) -> str:
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M:%S}"
    value = _SPLIT_FORMULA.sub("'", value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _xlsx_value(value: str | datetime) -> str | datetime:
    # openpyxl refuses control characters; validation keeps them out, this is a last guard.
    return value if isinstance(value, datetime) else ILLEGAL_CHARACTERS_RE.sub("", value)


def _style(sheet) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # openpyxl took "=…" for a formula: keep it as text
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[1].number_format = "dd/mm/yyyy hh:mm:ss"
