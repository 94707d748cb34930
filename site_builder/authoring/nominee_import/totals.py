"""The sheet's own total rows ("Tổng cộng: 02 tập thể, 04 cá nhân"), checked against what was read.

A board counts its list: the total row is the one number on the form that
someone checked by hand. If the import reads another number, a nominee was
dropped or a row that is not a nominee was taken for one, and publishing either
would be wrong, so the import refuses and names both numbers and the row.

A total row covers the nominees above it: all of them when no nominee comes
after it (the grand total); those since the section row above it when the list
goes on (a section's total, "Cộng: 02" under "I. TẬP THỂ"). A row labelled "Cộng"
alone is always a section's total.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from site_builder.model.i18n import gettext as _
from site_builder.model.i18n import ngettext
from site_builder.model.text import fold

from .outcome import ImportResult, Nominee, TotalMismatch
from .sources import Row

# "Tổng cộng", "Tổng số", "Cộng", and "Tổng"/"Cộng" before a colon, a bracket or a number
# (not "Tổng công ty…", not "Cộng đồng…").
_SECTION = r"(?:\s+mục\s+[IVXLC\d]+)?"
_LABEL = re.compile(rf"(?:(tổng cộng|tổng số)|(tổng|cộng)(?={_SECTION}\s*(?:[:(]|\d|$))){_SECTION}", re.IGNORECASE)
_KIND_COUNT = re.compile(r"(\d+)\s*(tap the|ca nhan)")
_NUMBER = re.compile(r"\d+")
_KINDS = {"tap the": "collective", "ca nhan": "individual"}


@dataclass
class TotalRow:
    """A total row: its numbers, and which nominees it covers."""

    row: int
    total: int | None
    by_kind: dict[str, int] = field(default_factory=dict)
    section_only: bool = False
    section_start: int = 0  # index of the first nominee of the section it stands in
    read_before: int = 0  # nominees read above it


def read_total(row: Row) -> TotalRow | None:
    """The numbers of a total row, or None if ``row`` is not one."""
    text = unicodedata.normalize("NFC", " ".join(row.values)).strip()
    label = _LABEL.match(text)
    if not label:
        return None
    numbers = fold(text[label.end():])
    by_kind = {_KINDS[kind]: int(count) for count, kind in _KIND_COUNT.findall(numbers)}
    others = _NUMBER.findall(_KIND_COUNT.sub(" ", numbers))
    total = int(others[0]) if others else (sum(by_kind.values()) if by_kind else None)
    return TotalRow(row.number, total, by_kind, section_only=fold(label.group(2) or "") == "cong")


def check_totals(result: ImportResult, source: str) -> None:
    """Refuse the import when a total row does not count what was read."""
    for total in result.totals:
        covered = _covered(total, result.nominees)
        expected, found = _expected_and_found(total, covered)
        if expected != found:
            rows = _("rows {first}–{last}").format(first=covered[0].row, last=covered[-1].row) if covered \
                else _("no row")
            raise TotalMismatch(f"{source}:{total.row}: " + _(
                "the sheet's total row counts {expected}, but the import read {found} ({rows}); nothing was "
                "written. Check the rows listed above, correct the sheet or its total, and import again").format(
                expected=describe_count(*expected), found=describe_count(*found), rows=rows), result)


def _covered(total: TotalRow, nominees: list[Nominee]) -> list[Nominee]:
    grand = not total.section_only and total.read_before == len(nominees)
    return nominees[:total.read_before] if grand else nominees[total.section_start:total.read_before]


def _expected_and_found(total: TotalRow, covered: list[Nominee]) -> tuple[tuple, tuple]:
    """The counts the row gives, and the same counts of what was read (only what the row says)."""
    counts = {kind: sum(1 for nominee in covered if nominee.values["kind"] == kind) for kind in total.by_kind}
    expected = (total.total, tuple(sorted(total.by_kind.items())))
    found = (len(covered) if total.total is not None else None, tuple(sorted(counts.items())))
    return expected, found


def describe_count(total: int | None, by_kind: tuple[tuple[str, int], ...]) -> str:
    """``6 nominees (2 collectives, 4 individuals)``: how counts are shown in the messages."""
    kinds = ", ".join(_count_of(kind, count) for kind, count in by_kind)
    if total is None:
        return kinds
    nominees = ngettext("{count} nominee", "{count} nominees", total).format(count=total)
    return f"{nominees} ({kinds})" if kinds else nominees


def _count_of(kind: str, count: int) -> str:
    if kind == "individual":
        return ngettext("{count} individual", "{count} individuals", count).format(count=count)
    return ngettext("{count} collective", "{count} collectives", count).format(count=count)
