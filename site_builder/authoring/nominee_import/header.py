"""Where the table starts: the header row (or two, under merged titles) and what each column holds.

The header is looked for in the first rows, below any title block: the first row
naming a name column and at least one other known column. The row of column
numbers ``(1) (2) (3)…`` under it is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from site_builder.model.i18n import gettext as _

from .columns import COLUMN_TITLES, Mapping, columns_by_letter, match_title
from .outcome import SpreadsheetError
from .sources import Row

HEADER_SEARCH_ROWS = 40
_COLUMN_NUMBER = re.compile(r"^\(?(?:\d{1,2}|[A-Za-z])\)?(?:\s*=.*)?$")
_NAME_FIELDS = ("name", "name_position_unit")


@dataclass
class Header:
    """Which column holds which field, and where the table starts."""

    columns: dict[int, str]
    first_data_row: int
    row: int = 1  # the header's (first) row: the title block is above it

    def columns_of(self, name: str) -> list[int]:
        return [column for column, field_name in sorted(self.columns.items()) if field_name == name]


def field_text(row: Row, header: Header, name: str) -> str:
    """The text of a field; a field over several columns (a merged title) joins them."""
    parts = [row.get(index) for index in header.columns_of(name)]
    joiner = "\n" if name == "summary" else " "
    return joiner.join(_unique(part for part in parts if part))


def _unique(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def find_header(rows: list[Row], mapping: Mapping | None = None) -> Header:
    """The first row naming a name column and at least one other known column (two rows if merged)."""
    by_letter = columns_by_letter(mapping)
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _header_columns(row, mapping, by_letter)
        if _is_header(columns):
            return _header_from(rows, position, columns, mapping, by_letter)
    known = ", ".join(f'"{titles[0]}"' for titles in (COLUMN_TITLES["name"], COLUMN_TITLES["summary"]))
    raise SpreadsheetError(_("no header row found in the first {rows} rows: a row with a name column (such as "
                             "{known}) and at least one other known column; name the columns with --mapping "
                             "{example}").format(rows=HEADER_SEARCH_ROWS, known=known,
                                                 example='\'{"Tên cột": "name", …}\''))


def _header_from(rows: list[Row], position: int, columns: dict[int, str], mapping: Mapping | None,
                 by_letter: dict[int, str | None]) -> Header:
    """The header found at ``position``, with its second row if any; the table starts below them."""
    following = position + 1
    if following < len(rows) and _is_sub_header(rows[following], rows[position], columns, mapping):
        columns = {**columns, **_header_columns(rows[following], mapping, by_letter)}
        following += 1
    if following < len(rows) and _is_column_numbers(rows[following]):
        following += 1
    first_data_row = rows[following].number if following < len(rows) else rows[-1].number + 1
    return Header(columns, first_data_row, rows[position].number)


def _header_columns(row: Row, mapping: Mapping | None, by_letter: dict[int, str | None]) -> dict[int, str]:
    """The field of each column whose title is known; a column letter in the mapping wins."""
    columns = {}
    for index, cell in enumerate(row.cells):
        field_name = (by_letter[index] or "ignore") if index in by_letter else match_title(cell, mapping)
        if field_name:
            columns[index] = field_name
    return columns


def _is_header(columns: dict[int, str]) -> bool:
    names = set(columns.values()) - {"ignore"}
    return bool(names & set(_NAME_FIELDS)) and len(names) >= 2


def _is_sub_header(row: Row, header: Row, columns: dict[int, str], mapping: Mapping | None) -> bool:
    """The second row of a two-row header: titles under merged cells, the name cell empty or repeated."""
    name_columns = [index for index, name in columns.items() if name in _NAME_FIELDS]
    if any(row.get(index) and row.get(index) != header.get(index) for index in name_columns):
        return False
    return any(match_title(cell, mapping) for index, cell in enumerate(row.cells) if cell != header.get(index))


def _is_column_numbers(row: Row) -> bool:
    """The row of column numbers under the header: ``1 2 3 …`` or ``(1) (2) (3) …`` or ``A B C``."""
    values = [cell for cell in row.cells if cell]
    return len(values) >= 2 and all(_COLUMN_NUMBER.match(cell) for cell in values)
