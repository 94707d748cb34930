"""Which field a column holds: the titles seen on the boards' forms, and the ``--mapping`` option.

Titles are compared folded (no diacritics, no case, punctuation as spaces,
column numbers such as "(2)" dropped), so "HỌ VÀ TÊN (2)" and "Ho va ten" are
the same title. A mapping names a column by its title or by its letter and wins
over the known titles.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from site_builder.model.i18n import gettext as _
from site_builder.model.text import fold

from .outcome import SpreadsheetError

# A column title (or a column letter such as "E") and the field it holds; None ignores the column.
Mapping = dict[str, str | None]

# Column titles seen on the boards' forms, as compared: folded, punctuation as spaces.
COLUMN_TITLES: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so tt", "so thu tu"),
    # Titles naming a name and a position are also recognised by rule (_is_combined).
    "name_position_unit": ("ho va ten chuc vu don vi cong tac", "ho ten chuc vu don vi cong tac",
                           "ten tap the ca nhan chuc vu don vi cong tac",
                           "ten tap the ho va ten chuc vu don vi cong tac", "ho va ten chuc vu don vi"),
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


def title_key(text: str) -> str:
    """How column titles are compared: ``"Họ và tên (2)"`` → ``"ho va ten"``."""
    text = re.sub(r"\(\s*\d+\s*\)", " ", fold(text))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def match_title(text: str, mapping: Mapping | None = None) -> str | None:
    """The field a column title stands for, or None. A mapping entry wins over the known titles."""
    key = title_key(text)
    if not key:
        return None
    for title, field_name in (mapping or {}).items():
        if title_key(title) == key:
            return field_name or "ignore"
    if _is_combined(key):
        return "name_position_unit"
    for title, field_name in _TITLES_LONGEST_FIRST:
        if key == title or key.startswith(title + " "):
            return field_name
    return None


def _is_combined(key: str) -> bool:
    """A title naming both a name and a position: "Tên tập thể, họ và tên, chức vụ, đơn vị công tác",
    "Họ tên, chức danh, nơi công tác"… — the close variants boards write, however many words between."""
    words = key.split()
    return "ten" in words and ("chuc vu" in key or "chuc danh" in key)


def columns_by_letter(mapping: Mapping | None) -> dict[int, str | None]:
    """The mapping's entries that name a column by its letter, by column index (A is 0)."""
    return {_column_index(key): value for key, value in (mapping or {}).items() if _is_column_letter(key)}


def _is_column_letter(key: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{1,2}", key))


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


# -- the --mapping option --------------------------------------------------------------------

def read_mapping(text: str | None) -> Mapping:
    """The ``--mapping`` option: inline JSON or the name of a JSON file, checked against the fields."""
    if not text:
        return {}
    mapping = _load_mapping(text)
    if not isinstance(mapping, dict):
        raise SpreadsheetError(_('--mapping must be a JSON object: {example}').format(
            example='{"column title or letter": "field"}'))
    for title, field_name in mapping.items():
        if field_name is not None and field_name not in FIELDS:
            raise SpreadsheetError(_('--mapping: "{field}" (for "{title}") is not a field; use one of {fields} '
                                     'or null').format(field=field_name, title=title, fields=", ".join(FIELDS)))
    return mapping


def _load_mapping(text: str) -> object:
    source = Path(text)
    try:
        return json.loads(source.read_text(encoding="utf-8") if source.is_file() else text)
    except json.JSONDecodeError as exc:
        raise SpreadsheetError(_("--mapping is not valid JSON ({reason})").format(reason=exc)) from exc
