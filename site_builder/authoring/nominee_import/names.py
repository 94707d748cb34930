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
_HONORIFIC = re.compile(r"^(?:ông|bà|anh|chị|đồng chí|đ/c)\s+", re.IGNORECASE)


def one_line(text: str) -> str:
    """Line breaks inside a short cell are only wrapping: join the lines with spaces."""
    return " ".join(text.split())


def without_honorific(name: str) -> str:
    """``"Bà Nguyễn Thị Hoà"`` → ``"Nguyễn Thị Hoà"`` (for the nominee's id; the name keeps it)."""
    return _HONORIFIC.sub("", name)


def split_position_and_unit(text: str) -> tuple[str, str]:
    """``"Chủ nhiệm Hợp tác xã Hải Đông"`` → ``("Chủ nhiệm", "Hợp tác xã Hải Đông")``.

    A line break or the first comma separates them when there is one; otherwise
    the unit starts at the first word that begins the name of a body (Hợp tác xã,
    Trường, Sở, UBND…). Returns an empty unit when no split is found.
    """
    first, separator, rest = split_first(text)
    if separator:
        return first, one_line(rest)
    match = _UNIT_WORDS.search(text)
    if match:
        return text[:match.start()].strip(), text[match.start():].strip()
    return text, ""


def split_first(text: str) -> tuple[str, str, str]:
    """Split at the first line break, else at the first comma."""
    for separator in ("\n", ","):
        if separator in text:
            first, rest = text.split(separator, 1)
            if first.strip() and rest.strip():
                return first.strip(), separator, rest.strip()
    return text.strip(), "", ""
