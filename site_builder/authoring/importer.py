"""``site-builder import nominees``: a batch's nominees from the board's spreadsheet.

Boards keep the list of nominees in Excel, in the shape of the official form:
a title block above the table, a header that may span two rows with merged
cells, a numbering row ``(1) (2) (3)…`` under it, section rows such as
"I. TẬP THỂ" / "II. CÁ NHÂN" or "A. Huân chương Lao động hạng Ba", line breaks
inside cells, and a total and signatures below. This module finds the header
(matching column titles without regard to diacritics or case), reads each
nominee, keeps the Vietnamese text as written, and reports every non-empty row
it could not use by its row number.

The nominees are written into the batch file ``nominations/<batch>.yml``: a
new file from the batch template (its batch-level values are placeholders to
fill), or, for an existing batch, in place of its ``nominees:`` section, the
rest of the file being kept as it is.
"""

from __future__ import annotations

import csv
import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

from site_builder.model.fields import SLUG
from site_builder.model.text import fold
from site_builder.records.placeholders import is_placeholder, placeholder

from .scaffold import NewRecord, make_id, render_template, yaml_scalar


class SpreadsheetError(Exception):
    """The spreadsheet cannot be imported at all; the message says why."""


class NoNominees(SpreadsheetError):
    """No row could be used; ``result`` says why for each."""

    def __init__(self, message: str, result: ImportResult):
        super().__init__(message)
        self.result = result


# Column titles seen on the boards' forms, as compared: folded, punctuation as spaces.
COLUMN_TITLES: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so tt", "so thu tu"),
    "name_position_unit": ("ho va ten chuc vu don vi cong tac", "ho ten chuc vu don vi cong tac",
                           "ten tap the ca nhan chuc vu don vi cong tac",
                           "ho va ten chuc vu don vi"),
    "name": ("ho va ten", "ho ten", "ten tap the ca nhan", "ten tap the hoac ca nhan", "ten tap the",
             "ten don vi ca nhan", "tap the ca nhan duoc de nghi", "ho va ten ten tap the",
             "ten tap the ho va ten ca nhan", "ten"),
    "position_unit": ("chuc vu don vi cong tac", "chuc vu don vi", "chuc vu va don vi cong tac",
                      "chuc danh don vi cong tac", "chuc vu noi cong tac"),
    "position": ("chuc vu", "chuc danh"),
    "unit": ("don vi cong tac", "noi cong tac", "co quan cong tac", "don vi"),
    "award": ("hinh thuc khen thuong de nghi", "hinh thuc khen thuong", "hinh thuc de nghi",
              "de nghi khen thuong", "danh hieu hinh thuc khen thuong de nghi", "danh hieu de nghi",
              "hinh thuc", "khen thuong de nghi"),
    "grade": ("hang",),
    "summary": ("tom tat thanh tich", "thanh tich", "noi dung thanh tich", "thanh tich dat duoc"),
    "kind": ("tap the ca nhan", "ca nhan tap the", "loai", "doi tuong"),
    "province": ("tinh thanh pho", "tinh", "tinh thanh"),
    "district": ("quan huyen", "huyen"),
    "commune": ("xa phuong thi tran", "xa phuong", "xa"),
    "ignore": ("ghi chu",),
}
FIELDS = tuple(COLUMN_TITLES)
# "Họ và tên, chức vụ…" must be tried before "Họ và tên".
_TITLES_LONGEST_FIRST = tuple(sorted(((title, name) for name, titles in COLUMN_TITLES.items() for title in titles),
                                     key=lambda item: -len(item[0])))
HEADER_SEARCH_ROWS = 40
KIND_SECTION_MAX = 45

# Where the unit starts inside "Chủ nhiệm Hợp tác xã Nông nghiệp Hải Đông".
_UNIT_WORDS = re.compile(
    r"(?<!^)(?<=\s)(?:Hợp tác xã|HTX|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Sở|Bộ|Cục|Chi cục|Tổng cục|Vụ|Viện"
    r"|Trường|Phòng|Ban|Văn phòng|Trung tâm|Bệnh viện|Trạm|Khoa|Công ty|Tổng công ty|Tập đoàn"
    r"|Ngân hàng|Báo|Đài|Hội|Liên đoàn|Đoàn|Chi bộ|Đảng ủy|Đảng uỷ|Huyện ủy|Tỉnh ủy|Đồn|Đội|Tổ"
    r"|Công an|Bộ Chỉ huy|Ban Chỉ huy|Mặt trận|Nhà máy|Xí nghiệp|thôn|bản|ấp|xã|phường|thị trấn)\b"
)
_HONORIFIC = re.compile(r"^(?:ông|bà|anh|chị|đồng chí|đ/c)\s+", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|[A-Za-zĐđ]|\d+(?:\.\d+)*)\s*[.):/-]\s*")
_NUMBER_ONLY = re.compile(r"^(?:[IVXLC]+|[A-Za-zĐđ]|\d+(?:\.\d+)*)\.?$")
_AWARD_END = re.compile(r"\s*(?:[:(]|\s[-–]\s|\bcho\b|\bgồm\b)", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?(?:\d{1,2}|[A-Za-z])\)?(?:\s*=.*)?$")
_KIND_WORDS = {"collective": "tap the", "individual": "ca nhan"}
_AWARD_WORDS = re.compile(
    r"huan chuong|huy chuong|bang khen|chien si thi dua|co thi dua|anh hung|giay khen|danh hieu"
    r"|giai thuong|ky niem chuong|nha giao|thay thuoc|nghe nhan|nghe si|tap the lao dong"
)


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


@dataclass
class Header:
    """Which column holds which field, and where the table starts."""

    columns: dict[int, str]
    first_data_row: int

    def columns_of(self, name: str) -> list[int]:
        return [column for column, field_name in sorted(self.columns.items()) if field_name == name]


@dataclass
class ImportOptions:
    """The command's options; the defaults fill what the sheet does not say."""

    batch: str
    folder: Path = Path("exemplars")
    output: Path | None = None
    mapping: dict[str, str | None] = field(default_factory=dict)
    province: str | None = None
    kind: str | None = None
    award: str | None = None
    sheet: str | None = None
    replace: bool = False
    schema: str | None = None  # the site's URL, for the schema line of a new batch file

    @property
    def path(self) -> Path:
        return self.output or self.folder / "nominations" / f"{self.batch}.yml"


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


# -- reading ---------------------------------------------------------------------------------

def read_rows(path: Path, sheet: str | None = None) -> list[Row]:
    """The rows of a ``.xlsx`` sheet (merged cells repeated over their range) or of a CSV file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SpreadsheetError(f"{path.as_posix()}: no such file")
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    raise SpreadsheetError(f"{path.as_posix()}: cannot read {suffix or 'this'} files; "
                       "save the list as Excel (.xlsx) or as CSV UTF-8 (.csv)")


def _read_xlsx(path: Path, sheet_name: str | None) -> list[Row]:
    import openpyxl

    with warnings.catch_warnings():  # openpyxl warns about styles and extensions it ignores
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(path, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise SpreadsheetError(f"{path.as_posix()}: cannot open it as an Excel workbook ({exc})") from exc
    if sheet_name is not None and sheet_name not in workbook.sheetnames:
        raise SpreadsheetError(f'{path.as_posix()}: no sheet named "{sheet_name}"; '
                           f"the sheets are: {', '.join(workbook.sheetnames)}")
    sheet = workbook[sheet_name] if sheet_name else workbook.worksheets[0]
    grid = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        _fill_merged(grid, merged.min_row, merged.max_row, merged.min_col, merged.max_col)
    return [Row(number, tuple(cells)) for number, cells in enumerate(grid, start=1)]


def _fill_merged(grid: list[list[str]], top: int, bottom: int, left: int, right: int) -> None:
    """A merged range holds its value in the top-left cell only; repeat it over the range."""
    value = grid[top - 1][left - 1] if top - 1 < len(grid) and left - 1 < len(grid[top - 1]) else ""
    for row in grid[top - 1:bottom]:
        row.extend([""] * (right - len(row)))
        for column in range(left - 1, right):
            row[column] = value


def _read_csv(path: Path) -> list[Row]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(f"{path.as_posix()}: the file is not UTF-8 text ({exc.reason}); "
                           'in Excel choose "Save As" › "CSV UTF-8 (Comma delimited)"') from exc
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text.splitlines(keepends=True), dialect)
    return [Row(number, tuple(_cell_text(cell) for cell in cells)) for number, cells in enumerate(reader, start=1)]


def _cell_text(value: object) -> str:
    """A cell's text: line breaks kept as ``\\n``, surrounding and trailing spaces removed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = "".join(char for char in text if char in "\n\t" or unicodedata.category(char) != "Cc")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


# -- the header ------------------------------------------------------------------------------

def title_key(text: str) -> str:
    """How column titles are compared: ``"Họ và tên (2)"`` → ``"ho va ten"``."""
    text = re.sub(r"\(\s*\d+\s*\)", " ", fold(text))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def match_title(text: str, mapping: dict[str, str | None] | None = None) -> str | None:
    """The field a column title stands for, or None. A mapping entry wins over the known titles."""
    key = title_key(text)
    if not key:
        return None
    for title, field_name in (mapping or {}).items():
        if title_key(title) == key:
            return field_name or "ignore"
    for title, field_name in _TITLES_LONGEST_FIRST:
        if key == title or key.startswith(title + " "):
            return field_name
    return None


def find_header(rows: list[Row], mapping: dict[str, str | None] | None = None) -> Header:
    """The first row naming a name column and at least one other known column (two rows if merged)."""
    by_letter = {_column_index(key): value for key, value in (mapping or {}).items() if _is_column_letter(key)}
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _header_columns(row, mapping, by_letter)
        if not _is_header(columns):
            continue
        following = position + 1
        if following < len(rows) and _is_sub_header(rows[following], row, columns, mapping):
            columns = {**columns, **_header_columns(rows[following], mapping, by_letter)}
            following += 1
        if following < len(rows) and _is_column_numbers(rows[following]):
            following += 1
        return Header(columns, rows[following].number if following < len(rows) else rows[-1].number + 1)
    known = ", ".join(f'"{titles[0]}"' for titles in (COLUMN_TITLES["name"], COLUMN_TITLES["summary"]))
    raise SpreadsheetError(f"no header row found in the first {HEADER_SEARCH_ROWS} rows: a row with a name column "
                       f"(such as {known}) and at least one other known column; "
                       'name the columns with --mapping \'{"Tên cột": "name", …}\'')


def _header_columns(row: Row, mapping, by_letter: dict[int, str | None]) -> dict[int, str]:
    """The field of each column whose title is known; a column letter in the mapping wins."""
    columns = {}
    for index, cell in enumerate(row.cells):
        field_name = (by_letter[index] or "ignore") if index in by_letter else match_title(cell, mapping)
        if field_name:
            columns[index] = field_name
    return columns


def _is_header(columns: dict[int, str]) -> bool:
    names = set(columns.values()) - {"ignore"}
    return bool(names & {"name", "name_position_unit"}) and len(names) >= 2


def _is_sub_header(row: Row, header: Row, columns: dict[int, str], mapping) -> bool:
    """The second row of a two-row header: titles under merged cells, the name cell empty or repeated."""
    name_columns = [index for index, name in columns.items() if name in ("name", "name_position_unit")]
    if any(row.get(index) and row.get(index) != header.get(index) for index in name_columns):
        return False
    return any(match_title(cell, mapping) for index, cell in enumerate(row.cells) if cell != header.get(index))


def _is_column_numbers(row: Row) -> bool:
    """The row of column numbers under the header: ``1 2 3 …`` or ``(1) (2) (3) …`` or ``A B C``."""
    values = [cell for cell in row.cells if cell]
    return len(values) >= 2 and all(_COLUMN_NUMBER.match(cell) for cell in values)


def _is_column_letter(key: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{1,2}", key))


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


# -- the rows --------------------------------------------------------------------------------

@dataclass
class _Section:
    """What the section rows above a nominee said: its kind, its award."""

    kind: str | None = None
    award: str | None = None


def read_nominees(rows: list[Row], header: Header, options: ImportOptions) -> ImportResult:
    """Every nominee of the table; every other non-empty row is reported by its number."""
    result = ImportResult()
    section = _Section(kind=options.kind)
    for row in rows:
        if row.number < header.first_data_row or not row.values:
            continue
        if _read_section(row, header, section, result):
            continue
        nominee = _read_nominee(row, header, section, options, result)
        if nominee is not None:
            result.nominees.append(nominee)
    _give_unique_ids(result.nominees)
    return result


def _cell(row: Row, header: Header, name: str) -> str:
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


def _read_section(row: Row, header: Header, section: _Section, result: ImportResult) -> bool:
    """A row like "II. CÁ NHÂN" or "A. Huân chương Lao động hạng Ba" sets the kind or the award below it.

    A kind section is short ("Tập thể", "II. ĐỀ NGHỊ KHEN THƯỞNG CÁ NHÂN"): a longer text
    that mentions "tập thể" is more likely a nominee's name.
    """
    values = row.values
    texts = [value for value in values if not _NUMBER_ONLY.match(value)]
    if len(values) > 2 or len(texts) != 1 or _has_details(row, header, texts[0]):
        return False
    text = _NUMBERING.sub("", texts[0]).strip()
    key = _position_fold(text)
    kinds = [kind for kind, words in _KIND_WORDS.items() if words in key]
    award = _AWARD_WORDS.search(key)
    if len(kinds) == 1 and not award and len(text) <= KIND_SECTION_MAX:
        section.kind = kinds[0]
        return True
    if award:
        section.award = " ".join(_AWARD_END.split(text[award.start():])[0].split())
        if section.award.isupper():
            result.notes.append((row.number, f'the award "{section.award}" is in capitals, as in the section row; '
                                             'write it as the site should show it, e.g. "Huân chương Lao động hạng Nhì"'))
        if len(kinds) == 1:
            section.kind = kinds[0]
        return True
    return False


def _has_details(row: Row, header: Header, text: str) -> bool:
    """A nominee row has something in a detail column besides the text of a merged section row."""
    details = ("summary", "award", "position", "unit", "position_unit", "province")
    return any(row.get(index) and row.get(index) != text
               for name in details for index in header.columns_of(name))


def _position_fold(text: str) -> str:
    """Folded text with the same length as ``text``, so positions found in it apply to ``text``."""
    return "".join((fold(char) or " ")[:1] if not char.isspace() else " " for char in text)


def _read_nominee(row: Row, header: Header, section: _Section, options: ImportOptions,
                  result: ImportResult) -> Nominee | None:
    name, position_unit = _cell(row, header, "name"), _cell(row, header, "position_unit")
    combined = _cell(row, header, "name_position_unit")
    if combined and not name:
        name, _, rest = _split_first(combined)
        position_unit = position_unit or rest
    if not name or not _looks_like_nominee(row, header):
        result.skipped.append((row.number, _why_skipped(row, header, name)))
        return None
    kind = _kind_of(row, header, section)
    if kind is None:
        result.skipped.append((row.number, f'skipped: cannot tell whether "{_one_line(name)}" is a collective or an '
                                           'individual: add a section row "Tập thể" / "Cá nhân" above it, '
                                           "a column \"Tập thể/Cá nhân\", or use --kind"))
        return None
    nominee = Nominee(row.number, {"kind": kind, "name": _one_line(name)})
    _read_position_and_unit(nominee, row, header, position_unit, result)
    _read_place(nominee, row, header, options, result)
    _read_award(nominee, row, header, section, options, result)
    _read_summary(nominee, row, header, result)
    return nominee


def _looks_like_nominee(row: Row, header: Header) -> bool:
    """A name plus a number, an award, a summary or a position: not a total or a signature."""
    stt = _cell(row, header, "stt")
    details = ("summary", "award", "position", "unit", "position_unit", "kind", "province")
    name = _cell(row, header, "name") or _cell(row, header, "name_position_unit")
    return bool(re.fullmatch(r"\d+(?:\.\d+)*\.?", stt)) or any(
        _cell(row, header, detail) and _cell(row, header, detail) != name for detail in details)


def _why_skipped(row: Row, header: Header, name: str) -> str:
    text = _one_line(" | ".join(row.values))
    shown = text if len(text) <= 80 else text[:77] + "…"
    if not name:
        return f'skipped: no name in the name column (the row says "{shown}")'
    return f'skipped: a name without a number, an award or a summary, so not a nominee (the row says "{shown}")'


def _kind_of(row: Row, header: Header, section: _Section) -> str | None:
    key = title_key(_cell(row, header, "kind"))
    key = {"tt": "tap the", "cn": "ca nhan"}.get(key, key)
    kinds = [kind for kind, words in _KIND_WORDS.items() if words in key]
    return kinds[0] if len(kinds) == 1 else section.kind


def _read_position_and_unit(nominee: Nominee, row: Row, header: Header, position_unit: str,
                            result: ImportResult) -> None:
    position, unit = _cell(row, header, "position"), _cell(row, header, "unit")
    if position_unit and not (position or unit):
        if nominee.values["kind"] == "collective":
            unit = position_unit
        else:
            position, unit = split_position_and_unit(position_unit)
            nominee.note = f'"{_one_line(position_unit)}" tách thành chức vụ và đơn vị'
    if nominee.values["kind"] == "individual":
        if not position or not unit:
            result.notes.append((row.number, "write the position and the unit of this individual (placeholders left)"))
        position = position or placeholder("Chức vụ")
        unit = unit or placeholder("Đơn vị công tác")
    if position:
        nominee.values["position"] = _one_line(position)
    if unit:
        nominee.values["unit"] = _one_line(unit)


def split_position_and_unit(text: str) -> tuple[str, str]:
    """``"Chủ nhiệm Hợp tác xã Hải Đông"`` → ``("Chủ nhiệm", "Hợp tác xã Hải Đông")``.

    A line break or the first comma separates them when there is one; otherwise
    the unit starts at the first word that begins the name of a body (Hợp tác xã,
    Trường, Sở, UBND…). Returns an empty unit when no split is found.
    """
    first, separator, rest = _split_first(text)
    if separator:
        return first, _one_line(rest)
    match = _UNIT_WORDS.search(text)
    if match:
        return text[:match.start()].strip(), text[match.start():].strip()
    return text, ""


def _split_first(text: str) -> tuple[str, str, str]:
    """Split at the first line break, else at the first comma."""
    for separator in ("\n", ","):
        if separator in text:
            first, rest = text.split(separator, 1)
            if first.strip() and rest.strip():
                return first.strip(), separator, rest.strip()
    return text.strip(), "", ""


def _read_place(nominee: Nominee, row: Row, header: Header, options: ImportOptions, result: ImportResult) -> None:
    province = _one_line(_cell(row, header, "province")) or options.province
    if not province:
        result.notes.append((row.number, "no province: add a province column or use --province (placeholder left)"))
        province = placeholder("Tỉnh/thành phố")
    place: dict[str, object] = {"province": province}
    for name in ("district", "commune"):
        if value := _one_line(_cell(row, header, name)):
            place[name] = value
    nominee.values["place"] = place


def _read_award(nominee: Nominee, row: Row, header: Header, section: _Section, options: ImportOptions,
                result: ImportResult) -> None:
    award = _one_line(_cell(row, header, "award")) or section.award or options.award
    grade = _one_line(_cell(row, header, "grade"))
    if award and grade and fold(grade) not in fold(award):
        award = f"{award} {grade}"
    if not award:
        result.notes.append((row.number, "no award: add an award column or a section row, or use --award "
                                         "(placeholder left)"))
        award = placeholder("Hình thức khen thưởng đề nghị")
    nominee.values["award"] = award


def _read_summary(nominee: Nominee, row: Row, header: Header, result: ImportResult) -> None:
    summary = _cell(row, header, "summary")
    if not summary:
        result.notes.append((row.number, "no summary of achievements (placeholder left)"))
        summary = placeholder("Tóm tắt thành tích")
    nominee.values["summary"] = summary


def _one_line(text: str) -> str:
    """Line breaks inside a short cell are only wrapping: join the lines with spaces."""
    return " ".join(text.split())


def _give_unique_ids(nominees: list[Nominee]) -> None:
    """Ids from the names (without "Ông", "Bà"…), numbered when two are the same."""
    used: dict[str, int] = {}
    for nominee in nominees:
        base = make_id(_HONORIFIC.sub("", str(nominee.values["name"]))) or f"dong-{nominee.row}"
        used[base] = used.get(base, 0) + 1
        record_id = base if used[base] == 1 else f"{base}-{used[base]}"
        nominee.values = {"id": record_id, **nominee.values}


# -- writing ---------------------------------------------------------------------------------

def render_nominees(nominees: list[Nominee], source: str) -> str:
    """The ``nominees:`` section, each nominee under a comment naming its row."""
    lines = ["nominees:"]
    for nominee in nominees:
        note = f"; {nominee.note}" if nominee.note else ""
        lines.append(f"  # Dòng {nominee.row} trong {source}{note}")
        lines.extend(_render_mapping(nominee.values, indent=4, first_prefix="  - "))
    return "\n".join(lines) + "\n"


def _render_mapping(values: dict[str, object], indent: int, first_prefix: str | None = None) -> list[str]:
    lines = []
    for position, (key, value) in enumerate(values.items()):
        prefix = first_prefix if position == 0 and first_prefix is not None else " " * indent
        if isinstance(value, dict):
            lines.append(f"{prefix}{key}:")
            lines.extend(_render_mapping(value, indent + 2))
        elif "\n" in str(value):
            lines.append(f"{prefix}{key}: |-")
            lines.extend((" " * (indent + 2) + line).rstrip() for line in str(value).split("\n"))
        else:
            lines.append(f"{prefix}{key}: {yaml_scalar(str(value))}")
    return lines


def write_batch(options: ImportOptions, nominees_text: str) -> str:
    """Write the nominees into the batch file; return "created" or "updated"."""
    path = options.path
    if not path.exists():
        request = NewRecord("batch", placeholder("Tiêu đề thông báo"), options.folder, record_id=options.batch,
                            schema=options.schema, output=path)
        template = render_template(request)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(replace_nominees(template, nominees_text))
        return "created"
    text = path.read_text(encoding="utf-8")
    if not options.replace and _has_real_nominees(text):
        raise SpreadsheetError(f"{path.as_posix()} already has nominees; use --replace to replace them with the "
                           "spreadsheet's (the rest of the file is kept), or --output to write another file")
    path.write_text(replace_nominees(text, nominees_text), encoding="utf-8")
    return "updated"


def replace_nominees(text: str, nominees_text: str) -> str:
    """``text`` with its top-level ``nominees:`` section (up to the next top-level field) replaced."""
    lines = text.splitlines(keepends=True)
    start = next((index for index, line in enumerate(lines) if re.match(r"nominees\s*:", line)), None)
    if start is None:
        return text.rstrip("\n") + "\n" + nominees_text
    end = start + 1
    while end < len(lines) and not re.match(r"[^\s#-]", lines[end]):
        end += 1
    if end < len(lines):  # comments at the margin just above the next field belong to it
        while end > start + 1 and re.match(r"#|\s*$", lines[end - 1]):
            end -= 1
    return "".join(lines[:start]) + nominees_text + "".join(lines[end:])


def _has_real_nominees(text: str) -> bool:
    """Nominees other than the template's placeholder one."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return True
    nominees = data.get("nominees") if isinstance(data, dict) else None
    if not isinstance(nominees, list):
        return False
    return any(not (isinstance(item, dict) and is_placeholder(item.get("id"))) for item in nominees)


def import_nominees(source: Path, options: ImportOptions) -> ImportResult:
    """Read ``source`` and write its nominees into the batch file named in ``options``."""
    if not SLUG.match(options.batch):
        raise SpreadsheetError(f'"{options.batch}" is not a valid batch id: use lower-case letters without accents, '
                           "digits and hyphens, e.g. huan-chuong-lao-dong-2026")
    rows = read_rows(source, options.sheet)
    header = find_header(rows, options.mapping)
    result = read_nominees(rows, header, options)
    if not result.nominees:
        raise NoNominees(f"{source.as_posix()}: no nominee found under the header (row {header.first_data_row - 1})",
                         result)
    write_batch(options, render_nominees(result.nominees, source.name))
    return result
