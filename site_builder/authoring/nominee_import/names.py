"""The text of a nominee's cells: names, honorifics, and a position written with its unit.

Kept apart from the table's structure because the forms write these many ways
("Ông Trần Ngọc Điểm, Giám đốc Công ty…", "Chủ nhiệm\\nHợp tác xã…"); the Vietnamese
text itself is kept as written.
"""

from __future__ import annotations

import re

# Where the unit starts inside "Chủ nhiệm Hợp tác xã Nông nghiệp Hải Đông".
_UNIT_WORDS = re.compile(
    r"(?<!^)(?<=\s)(?:Hợp tác xã|HTX|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Sở|Bộ|Cục|Chi cục|Tổng cục|Vụ|Viện"
    r"|Trường|Phòng|Ban|Văn phòng|Trung tâm|Bệnh viện|Trạm|Khoa|Công ty|Tổng công ty|Tập đoàn"
    r"|Ngân hàng|Báo|Đài|Hội|Liên đoàn|Đoàn|Chi bộ|Đảng ủy|Đảng uỷ|Huyện ủy|Tỉnh ủy|Đồn|Đội|Tổ"
    r"|Công an|Bộ Chỉ huy|Ban Chỉ huy|Mặt trận|Nhà máy|Xí nghiệp|thôn|bản|ấp|xã|phường|thị trấn)\b"
)
# A form of address before a person's name: a separate leading word, followed by at least a
# two-word name ("Bà Nguyễn Thị Hoà"; not "Bà Rịa", not "Anh" at the start of "Anhxtanh").
_HONORIFIC = re.compile(r"^(?:ông\s*/\s*bà|bà\s*/\s*ông|đồng chí|đ\s*/\s*c|ông|bà|anh|chị)\.?:?\s+(?=\S+\s+\S)",
                        re.IGNORECASE)
# How boards separate a person's name from the position, and a position from the unit, in one cell.
SEPARATORS = ("\n", " - ", " – ", " — ", ",")
# A unit given after a comma that only names the level above it: "…UBND xã B, huyện C".
_LEVEL_AFTER_COMMA = re.compile(r"(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s")


def one_line(text: str) -> str:
    """Line breaks inside a short cell are only wrapping: join the lines with spaces."""
    return " ".join(text.split())


def without_honorific(name: str) -> str:
    """``"Bà Nguyễn Thị Hoà"``, ``"Đ/c Nguyễn Thị Hoà"``, ``"Ông/Bà Nguyễn Thị Hoà"`` → ``"Nguyễn Thị Hoà"``."""
    return _HONORIFIC.sub("", name)


def split_position_and_unit(text: str) -> tuple[str, str]:
    """``"Chủ nhiệm Hợp tác xã Hải Đông"`` → ``("Chủ nhiệm", "Hợp tác xã Hải Đông")``.

    A line break, a dash or the first comma separates them when there is one
    (but not a comma that only adds the level above: "UBND xã B, huyện C");
    otherwise the unit starts at the first word that begins the name of a body
    (Hợp tác xã, Trường, Sở, UBND…). Returns an empty unit when no split is found.
    """
    position, unit, _sure = split_position_and_unit_checked(text)
    return position, unit


def split_position_and_unit_checked(text: str) -> tuple[str, str, bool]:
    """:func:`split_position_and_unit`, and whether a separator said where (rather than a guess)."""
    first, separator, rest = split_first(text)
    if separator and _separates_unit(separator, rest):
        return first, one_line(rest), True
    match = _UNIT_WORDS.search(text)
    if match:
        return one_line(text[:match.start()]), one_line(text[match.start():]), False
    return one_line(text), "", False


def _separates_unit(separator: str, rest: str) -> bool:
    """Whether the separator found ends the position: a dash can be inside a unit's name
    ("Sở Lao động - Thương binh và Xã hội"), a comma can add the level above ("…, huyện C")."""
    if separator == ",":
        return not _LEVEL_AFTER_COMMA.match(rest)
    if separator != "\n":
        match = _UNIT_WORDS.search(" " + rest)
        return bool(match and match.start() == 1)
    return True


def split_first(text: str, separators: tuple[str, ...] = SEPARATORS) -> tuple[str, str, str]:
    """Split at the first line break, else at the dash (" - ", " – ") or comma that comes first."""
    text = text.strip()
    found = [(0 if separator == "\n" else 1, text.find(separator), separator)
             for separator in separators if separator in text]
    for _rank, index, separator in sorted(found):
        first, rest = text[:index].strip(), text[index + len(separator):].strip()
        if first and rest:
            return first, separator, rest
    return text, "", ""
