"""Section rows: "II. CÁ NHÂN" or "A. Huân chương Lao động hạng Ba" above the nominees they apply to.

A section row sets the kind or the award of the nominees below it, until the
next one. Telling a section from a nominee is the hard part: a section row has a
single text and nothing in the detail columns, and a kind section is short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.model.i18n import gettext as _
from site_builder.model.text import fold

from .header import Header
from .outcome import ImportResult
from .sources import Row

KIND_SECTION_MAX = 45
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|[A-Za-zĐđ]|\d+(?:\.\d+)*)\s*[.):/-]\s*")
_NUMBER_ONLY = re.compile(r"^(?:[IVXLC]+|[A-Za-zĐđ]|\d+(?:\.\d+)*)\.?$")
_AWARD_END = re.compile(r"\s*(?:[:(]|\s[-–]\s|\bcho\b|\bgồm\b)", re.IGNORECASE)
_KIND_WORDS = {"collective": "tap the", "individual": "ca nhan"}
_AWARD_WORDS = re.compile(
    r"huan chuong|huy chuong|bang khen|chien si thi dua|co thi dua|anh hung|giay khen|danh hieu"
    r"|giai thuong|ky niem chuong|nha giao|thay thuoc|nghe nhan|nghe si|tap the lao dong"
)
_DETAILS = ("summary", "award", "position", "unit", "position_unit", "province")


@dataclass
class Section:
    """What the section rows above a nominee said: its kind, its award."""

    kind: str | None = None
    award: str | None = None


def kinds_named(key: str) -> list[str]:
    """The kinds ("collective", "individual") that folded text mentions."""
    return [kind for kind, words in _KIND_WORDS.items() if words in key]


def read_section(row: Row, header: Header, section: Section, result: ImportResult) -> bool:
    """A row like "II. CÁ NHÂN" or "A. Huân chương Lao động hạng Ba" sets the kind or the award below it.

    A kind section is short ("Tập thể", "II. ĐỀ NGHỊ KHEN THƯỞNG CÁ NHÂN"): a longer text
    that mentions "tập thể" is more likely a nominee's name.
    """
    text = _section_text(row, header)
    if text is None:
        return False
    key = _position_fold(text)
    kinds = kinds_named(key)
    award = _AWARD_WORDS.search(key)
    if len(kinds) == 1 and not award and len(text) <= KIND_SECTION_MAX:
        section.kind = kinds[0]
        return True
    if award:
        _set_award(section, text[award.start():], row.number, result)
        if len(kinds) == 1:
            section.kind = kinds[0]
        return True
    return False


def _section_text(row: Row, header: Header) -> str | None:
    """The one text of a row that may be a section, without its numbering; None if it cannot be one."""
    values = row.values
    texts = [value for value in values if not _NUMBER_ONLY.match(value)]
    if len(values) > 2 or len(texts) != 1 or _has_details(row, header, texts[0]):
        return None
    return _NUMBERING.sub("", texts[0]).strip()


def _set_award(section: Section, text: str, row_number: int, result: ImportResult) -> None:
    """The award named from ``text`` on, up to a colon, a dash or "cho"/"gồm"."""
    section.award = " ".join(_AWARD_END.split(text)[0].split())
    if section.award.isupper():
        note = _('the award "{award}" is in capitals, as in the section row; write it as the site should show '
                 'it, e.g. "Huân chương Lao động hạng Nhì"').format(award=section.award)
        result.notes.append((row_number, note))


def _has_details(row: Row, header: Header, text: str) -> bool:
    """A nominee row has something in a detail column besides the text of a merged section row."""
    return any(row.get(index) and row.get(index) != text
               for name in _DETAILS for index in header.columns_of(name))


def _position_fold(text: str) -> str:
    """Folded text with the same length as ``text``, so positions found in it apply to ``text``."""
    return "".join((fold(char) or " ")[:1] if not char.isspace() else " " for char in text)
