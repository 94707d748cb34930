"""The rows under the header, read into nominees; every other non-empty row reported by its number.

A row is a nominee when it has a name and something more (a number, an award, a
summary, a position); its kind and award come from its own cells, else from the
section rows above it, else from the options. What the sheet does not say is
left as a placeholder to fill, with a note naming the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.authoring.scaffold import make_id
from site_builder.model.i18n import gettext as _
from site_builder.model.text import fold
from site_builder.records.placeholders import is_placeholder, placeholder

from .columns import title_key
from .header import Header, field_text
from .names import (
    SEPARATORS,
    one_line,
    split_first,
    split_position_and_unit_checked,
    without_honorific,
)
from .options import ImportOptions
from .outcome import ImportResult, Nominee
from .sections import Section, kinds_named, read_section
from .sources import Row
from .table_end import table_end
from .totals import TotalRow, read_total

_DETAILS = ("summary", "award", "position", "unit", "position_unit", "kind", "province")
_KIND_ABBREVIATIONS = {"tt": "tap the", "cn": "ca nhan"}
# Vietnamese full names have two to five words; more suggests a position or unit left in the name.
PERSON_NAME_MAX_WORDS = 5


@dataclass
class _Table:
    """The table being read: its header, the options, the current section, and what was read so far."""

    header: Header
    options: ImportOptions
    section: Section
    result: ImportResult
    section_start: int = 0  # index of the first nominee under the current section row
    last_nominee: Nominee | None = None  # the nominee of the row just above, which a row may continue

    def text(self, row: Row, name: str) -> str:
        return field_text(row, self.header, name)

    def note(self, row: Row, message: str) -> None:
        self.result.notes.append((row.number, message))

    def skip(self, row: Row, message: str) -> None:
        self.result.skipped.append((row.number, message))


def read_nominees(rows: list[Row], header: Header, options: ImportOptions) -> ImportResult:
    """Every nominee of the table, up to its end; every other non-empty row is reported by its number."""
    table = _Table(header, options, Section(kind=options.kind), ImportResult())
    body = [row for row in rows if row.number >= header.first_data_row and row.values]
    for position, row in enumerate(body):
        if (end := table_end(row)) is not None:
            table.result.end = (row.number, end, len(body) - position)
            break
        _read_row(row, table)
    _give_unique_ids(table.result.nominees)
    return table.result


def _read_row(row: Row, table: _Table) -> None:
    """A total, a section, the rest of the summary above, or a nominee (else a row reported)."""
    if (total := read_total(row)) is not None:
        _add_total(total, table)
    elif read_section(row, table.header, table.section, table.result):
        table.section_start, table.last_nominee = len(table.result.nominees), None
    elif not _continues_summary(row, table):
        table.last_nominee = _read_nominee(row, table)
        if table.last_nominee is not None:
            table.result.nominees.append(table.last_nominee)


def _add_total(total: TotalRow, table: _Table) -> None:
    # Totals are checked once every nominee is read: only then is it known which ones a total covers.
    total.section_start, total.read_before = table.section_start, len(table.result.nominees)
    table.result.totals.append(total)
    table.last_nominee = None


def _continues_summary(row: Row, table: _Table) -> bool:
    """A row with text in the summary column only continues the summary of the nominee above it.

    That is what pasting a Word table into Excel makes of a long summary: the rest
    of it on the next row, with no number and no name.
    """
    nominee, columns = table.last_nominee, set(table.header.columns_of("summary"))
    filled = {index for index, cell in enumerate(row.cells) if cell}
    if nominee is None or not columns or not filled <= columns:
        return False
    summary, more = str(nominee.values["summary"]), table.text(row, "summary")
    nominee.values["summary"] = more if is_placeholder(summary) else f"{summary}\n{more}"
    table.note(row, _('continues the summary of row {row} ("{name}"): appended to it').format(
        row=nominee.row, name=nominee.values["name"]))
    return True


def _read_nominee(row: Row, table: _Table) -> Nominee | None:
    kind = _kind_of(row, table)
    name, position_unit = _name_and_position_unit(row, table, kind)
    if not name or not _looks_like_nominee(row, table):
        table.skip(row, _why_skipped(row, name))
        return None
    if kind is None:
        table.skip(row, _unknown_kind(name))
        return None
    nominee = Nominee(row.number, {"kind": kind, "name": _person_or_body(one_line(name), kind, row, table)})
    _read_position_and_unit(nominee, row, table, position_unit)
    _read_place(nominee, row, table)
    _read_award(nominee, row, table)
    _read_summary(nominee, row, table)
    return nominee


def _name_and_position_unit(row: Row, table: _Table, kind: str | None) -> tuple[str, str]:
    """The name, and the position with the unit: from their columns or from one column holding all.

    In one column, a person's name ends at a line break, a dash or a comma; a
    collective's name may hold dashes and commas ("Ban Thi đua - Khen thưởng tỉnh
    …"), so only a line break ends it.
    """
    name, position_unit = table.text(row, "name"), table.text(row, "position_unit")
    combined = table.text(row, "name_position_unit")
    if combined and not name:
        name, _separator, rest = split_first(combined, SEPARATORS if kind == "individual" else ("\n",))
        position_unit = position_unit or rest
    return name, position_unit


def _person_or_body(name: str, kind: str, row: Row, table: _Table) -> str:
    """A person's name without "Ông", "Bà", "Đồng chí"…; a long one is flagged (a position left in it?)."""
    if kind != "individual":
        return name
    name = without_honorific(name)
    if len(name.split()) > PERSON_NAME_MAX_WORDS or any(char.isdigit() for char in name):
        table.note(row, _('"{name}" is long for a person\'s name: check that it holds no position or unit').format(
            name=name))
    return name


def _looks_like_nominee(row: Row, table: _Table) -> bool:
    """A name plus a number, an award, a summary or a position: not a total or a signature."""
    stt = table.text(row, "stt")
    name = table.text(row, "name") or table.text(row, "name_position_unit")
    return bool(re.fullmatch(r"\d+(?:\.\d+)*\.?", stt)) or any(
        table.text(row, detail) and table.text(row, detail) != name for detail in _DETAILS)


def _why_skipped(row: Row, name: str) -> str:
    text = one_line(" | ".join(row.values))
    shown = text if len(text) <= 80 else text[:77] + "…"
    if not name:
        return _('skipped: no name in the name column (the row says "{text}")').format(text=shown)
    return _('skipped: a name without a number, an award or a summary, so not a nominee (the row says '
             '"{text}")').format(text=shown)


def _unknown_kind(name: str) -> str:
    return _('skipped: cannot tell whether "{name}" is a collective or an individual: add a section row '
             '"Tập thể" / "Cá nhân" above it, a column "Tập thể/Cá nhân", or use --kind').format(name=one_line(name))


def _kind_of(row: Row, table: _Table) -> str | None:
    key = title_key(table.text(row, "kind"))
    kinds = kinds_named(_KIND_ABBREVIATIONS.get(key, key))
    return kinds[0] if len(kinds) == 1 else table.section.kind


# -- the details of a nominee ----------------------------------------------------------------

def _read_position_and_unit(nominee: Nominee, row: Row, table: _Table, position_unit: str) -> None:
    position, unit = table.text(row, "position"), table.text(row, "unit")
    if position_unit and not (position or unit):
        position, unit = _split_position_unit(nominee, row, table, position_unit)
    if nominee.values["kind"] == "individual":
        position, unit = _position_placeholders(row, table, position, unit)
    if position:
        nominee.values["position"] = one_line(position)
    if unit:
        nominee.values["unit"] = one_line(unit)


def _split_position_unit(nominee: Nominee, row: Row, table: _Table, text: str) -> tuple[str, str]:
    """A collective's text is its unit; an individual's is split, with a note in the written file
    and, when no separator said where the unit starts, a note to check it."""
    if nominee.values["kind"] == "collective":
        return "", text
    nominee.note = f'"{one_line(text)}" tách thành chức vụ và đơn vị'
    position, unit, sure = split_position_and_unit_checked(text)
    if not sure:
        table.note(row, _('"{text}" was split by guess into the position "{position}" and the unit "{unit}": '
                          'check them').format(text=one_line(text), position=position, unit=unit))
    return position, unit


def _position_placeholders(row: Row, table: _Table, position: str, unit: str) -> tuple[str, str]:
    if not position or not unit:
        table.note(row, _("write the position and the unit of this individual (placeholders left)"))
    return position or placeholder("Chức vụ"), unit or placeholder("Đơn vị công tác")


def _read_place(nominee: Nominee, row: Row, table: _Table) -> None:
    province = one_line(table.text(row, "province")) or table.options.province
    if not province:
        table.note(row, _("no province: add a province column or use --province (placeholder left)"))
        province = placeholder("Tỉnh/thành phố")
    place: dict[str, object] = {"province": province}
    for name in ("district", "commune"):
        if value := one_line(table.text(row, name)):
            place[name] = value
    nominee.values["place"] = place


def _read_award(nominee: Nominee, row: Row, table: _Table) -> None:
    award = one_line(table.text(row, "award")) or table.section.award or table.options.award
    grade = one_line(table.text(row, "grade"))
    if award and grade and fold(grade) not in fold(award):
        award = f"{award} {grade}"
    if not award:
        table.note(row, _("no award: add an award column or a section row, or use --award (placeholder left)"))
        award = placeholder("Hình thức khen thưởng đề nghị")
    nominee.values["award"] = award


def _read_summary(nominee: Nominee, row: Row, table: _Table) -> None:
    summary = table.text(row, "summary")
    if not summary:
        table.note(row, "no summary of achievements (placeholder left)")
        summary = placeholder("Tóm tắt thành tích")
    nominee.values["summary"] = summary


def _give_unique_ids(nominees: list[Nominee]) -> None:
    """Ids from the names (without "Ông", "Bà"…), numbered when two are the same."""
    used: dict[str, int] = {}
    for nominee in nominees:
        base = make_id(without_honorific(str(nominee.values["name"]))) or f"dong-{nominee.row}"
        used[base] = used.get(base, 0) + 1
        record_id = base if used[base] == 1 else f"{base}-{used[base]}"
        nominee.values = {"id": record_id, **nominee.values}
