"""Vietnamese text helpers: folding diacritics, slugs, and "did you mean"."""

from __future__ import annotations

import difflib
import re
import unicodedata

from .i18n import gettext as _

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII form: ``Điện Biên`` → ``dien bien``; ``Hoà`` and ``Hòa`` → ``hoa``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().split())


def slugify(text: str) -> str:
    """URL slug without diacritics: ``Nguyễn Thị Hoà`` → ``nguyen-thi-hoa``."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def did_you_mean(word: str, choices: list[str] | tuple[str, ...], cutoff: float = 0.6) -> str:
    """`` (did you mean "name"?)`` when a choice is close, else an empty string."""
    by_fold = {fold(choice): choice for choice in choices}
    close = difflib.get_close_matches(fold(word), list(by_fold), n=1, cutoff=cutoff)
    return _(' (did you mean "{choice}"?)').format(choice=by_fold[close[0]]) if close else ""


def slugify_for_url(text: str, separator: str = "-") -> str:
    """Signature Material's blog plugin expects for ``post_slugify``."""
    return slugify(text).replace("-", separator)
