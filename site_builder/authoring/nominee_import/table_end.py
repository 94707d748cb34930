"""Where the list of nominees ends: the date line or the signature block, and nothing after them is read.

Why a hard stop rather than row-by-row judgement: below the total, the official
form has the place and date ("Ninh Bình, ngày 05 tháng 10 năm 2026"), then the
signature block — "NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
"PHÓ CHỦ TỊCH" — and the signers' names, often with "Nơi nhận:" and its list.
Those rows look like nominees to a row-by-row reader (a name in the name column,
a title in the award column), and a list of collectives only has nothing to tell
them apart. Nothing a board publishes for comment comes after them, so the first
of these rows ends the table:

- a date line: a cell that is only "[place,] ngày … tháng … năm …" (blanks allowed,
  as in a draft waiting for its date);
- "NGƯỜI LẬP BIỂU" (or "Người lập bảng", "Người lập"): the clerk's signature;
- "TM.", "KT.", "TL.", "TUQ." at the start of a cell: signing on behalf of a body;
- "Nơi nhận" at the start of a cell: the distribution list of an official letter;
- "(Ký, ghi rõ họ tên)" and the like: the instruction under a signature;
- a row whose only text is a signer's title: "CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG BAN"…

A rule looks at whole cells (or the start of a cell), never at words inside a
summary, so a summary that mentions a date or "Chủ tịch" does not end the table.
"""

from __future__ import annotations

import re

from site_builder.model.i18n import mark as N_
from site_builder.model.text import fold

from .sources import Row

# Each rule: a name for the messages, and the pattern a folded cell matches (re.fullmatch).
_BLANK = r"[\d\s.…_/-]*"
_CELL_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (N_("the date line"), re.compile(rf"(?:[^,\n]{{1,60}},\s*)?ngay\s*{_BLANK}thang\s*{_BLANK}nam\s*{_BLANK}")),
    (N_("the signature block"), re.compile(r"nguoi lap(?: bieu| bang| danh sach)?\b.*", re.S)),
    (N_("the signature block"), re.compile(r"(?:tm|kt|tl|tuq)\s*\..*", re.S)),
    (N_("the list of recipients"), re.compile(r"noi nhan\b.*", re.S)),
    (N_("the signature block"), re.compile(r"\(\s*ky\b.*\)", re.S)),
)
# Titles that stand alone on a signer's row (folded).
SIGNER_TITLES = frozenset({
    "chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ban", "pho truong ban",
    "truong phong", "pho truong phong", "chanh van phong", "pho chanh van phong", "bi thu",
    "pho bi thu", "hieu truong", "tong giam doc", "thu truong don vi", "thu truong co quan",
    "vien truong", "cuc truong", "vu truong", "chu nhiem", "thu truong",
})


def table_end(row: Row) -> str | None:
    """What ``row`` starts (e.g. "the signature block") if the table of nominees ends there, else None."""
    cells = [" ".join(fold(cell).split()) for cell in row.values]
    for cell in cells:
        for what, pattern in _CELL_RULES:
            if pattern.fullmatch(cell):
                return what
    if cells and all(cell.rstrip(":") in SIGNER_TITLES for cell in cells):
        return "the signature block"
    return None
