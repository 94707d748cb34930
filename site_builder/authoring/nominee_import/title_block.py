"""The title block above the table: who proposes, the province, the list's title, the submission.

The official form opens with the proposing body ("ỦY BAN NHÂN DÂN / TỈNH NINH
BÌNH", or "UBND TỈNH … / SỞ NỘI VỤ"), the national motto, "DANH SÁCH ĐỀ NGHỊ …"
and "(Kèm theo Tờ trình số … ngày … của …)". These say what the batch file
otherwise asks the officer to type again: ``proposed_by``, ``title``, a line of
``legal_basis`` (the submission the list goes with), and the province of
nominees whose row names none. What is taken is noted with its row, so the
officer checks it; a value already written in the batch file is never replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_builder.model.i18n import gettext as _
from site_builder.model.places import find_province
from site_builder.model.text import fold

from .names import one_line
from .outcome import ImportResult
from .sources import Row

# A line that starts the name of a body (folded); a line starting otherwise continues the one above.
_BODY_START = re.compile(
    r"(?:uy ban|ubnd|hoi dong|so|ban|bo|cuc|chi cuc|phong|truong|benh vien|trung tam|cong an|bo chi huy"
    r"|dang uy|tinh uy|huyen uy|thanh uy|mat tran|lien doan|hoi|cong ty|tong cong ty|vien|van phong|doan)\b")
_LEVEL = re.compile(r"\b(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\b")
_PEOPLES_COMMITTEE = re.compile(r"(?:uy ban nhan dan|ubnd) (tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran) ")
_NOT_BODY = re.compile(r"cong hoa\b|doc lap|so\s*:|.*\bngay\b.*\bthang\b|[-_=.…\s]*$")
_REFERENCE = re.compile(r"^\(?\s*kèm theo\s+(.+?)\s*\)?\s*$", re.IGNORECASE | re.DOTALL)


@dataclass
class TitleBlock:
    """What the title block says, each value with the row it was read from."""

    values: dict[str, str] = field(default_factory=dict)
    province: str | None = None
    rows: dict[str, int] = field(default_factory=dict)


def read_title_block(rows: list[Row], header_row: int) -> TitleBlock:
    """The values of the title block in the rows above the header."""
    block, body_lines = TitleBlock(), []
    for row in (row for row in rows if row.number < header_row):
        for position, value in enumerate(row.values):
            _read_value(block, row.number, value, body_lines if position == 0 else [])
    _read_bodies(block, body_lines)
    return block


def _read_value(block: TitleBlock, row: int, value: str, body_lines: list[tuple[int, str]]) -> None:
    """The title, the reference, or (in the leftmost cell above the title) lines naming the body."""
    key = fold(value)
    if key.startswith("danh sach") and "title" not in block.values:
        _take(block, "title", one_line(value), row)
    elif reference := _REFERENCE.match(value):
        text = one_line(reference.group(1))
        _take(block, "legal_basis", text[:1].upper() + text[1:], row)
    elif "title" not in block.values:
        body_lines.extend((row, line) for line in value.split("\n") if not _NOT_BODY.match(fold(line)))


def _take(block: TitleBlock, name: str, value: str, row: int) -> None:
    block.values[name], block.rows[name] = value, row


def _read_bodies(block: TitleBlock, lines: list[tuple[int, str]]) -> None:
    """The bodies named at the top left, one per line or over two ("ỦY BAN NHÂN DÂN / TỈNH NINH BÌNH")."""
    bodies: list[tuple[int, str]] = []
    for row, line in lines:
        if _BODY_START.match(fold(line)) or not bodies:
            bodies.append((row, one_line(line)))
        else:
            bodies[-1] = (bodies[-1][0], f"{bodies[-1][1]} {one_line(line)}")
    bodies = [(row, text) for row, text in bodies if _BODY_START.match(fold(text))]
    if not bodies:
        return
    block.province = next((province for _row, text in bodies if (province := _province_of(text))), None)
    row, text = bodies[-1]
    if not _LEVEL.search(fold(text)) and len(bodies) > 1:
        text = f"{text} {_place_part(bodies[-2][1])}".strip()  # "SỞ NỘI VỤ" under "UBND TỈNH NINH BÌNH"
    _take(block, "proposed_by", peoples_committee_name(text), row)


def _province_of(text: str) -> str | None:
    """The province a body's name ends with ("… TỈNH NINH BÌNH"), spelled as in the list of provinces."""
    match = re.search(r"\b(?:tinh|thanh pho) (.+)$", fold(text))
    if not match:
        return None
    try:
        return find_province(match.group(1)).name
    except ValueError:
        return None


def _place_part(text: str) -> str:
    """``"tỉnh Ninh Bình"`` from ``"UBND TỈNH NINH BÌNH"``: from the level word on."""
    words = text.split()
    start = next((index for index in range(len(words)) if _level_words(words[index:])), len(words))
    return _place_name(words[start:])


def peoples_committee_name(text: str) -> str:
    """``"ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"`` → ``"Ủy ban nhân dân tỉnh Ninh Bình"``; other names as written.

    The one form whose capitals are certain: the level in lower case, the place
    name capitalised word by word. Other names in capitals are kept (and noted).
    """
    words, folded = text.split(), fold(text)
    skip = 1 if folded.startswith("ubnd ") else 4 if folded.startswith("uy ban nhan dan ") else 0
    if not skip or not _level_words(words[skip:]):
        return text
    return f"Ủy ban nhân dân {_place_name(words[skip:])}"


def _level_words(words: list[str]) -> int:
    """How many of the first words name an administrative level ("TỈNH", "THÀNH PHỐ"…), or 0."""
    if fold(" ".join(words[:2])) in ("thanh pho", "thi xa", "thi tran") and len(words) > 2:
        return 2
    return 1 if words and len(words) > 1 and fold(words[0]) in ("tinh", "huyen", "quan", "xa", "phuong") else 0


def _place_name(words: list[str]) -> str:
    level = _level_words(words)
    names = " ".join(word[:1].upper() + word[1:].lower() for word in words[level:])
    return " ".join([*(word.lower() for word in words[:level]), names]) if level else " ".join(words)


def in_capitals(text: str) -> bool:
    """Written in capitals as on the form (two words or more), so to be rewritten for the site."""
    return sum(1 for word in text.split() if word.isupper() and len(word) > 1) >= 2


def take_title_block(block: TitleBlock, result: ImportResult, province_from_block: bool) -> None:
    """Give the title block's values to the batch file, each with a note naming its row."""
    for name, value in block.values.items():
        result.batch_values[name] = value
        capitals = _("; it is in capitals as on the form: write it as the site should show it") \
            if name != "legal_basis" and in_capitals(value) else ""
        result.notes.append((block.rows[name], _('{field} taken from the title block: "{value}"{capitals}').format(
            field=name, value=value, capitals=capitals)))
    if province_from_block and block.rows.get("proposed_by"):
        result.notes.append((block.rows["proposed_by"], _(
            'the province "{province}" (from the title block) is given to the nominees whose row names '
            'none').format(province=block.province)))
