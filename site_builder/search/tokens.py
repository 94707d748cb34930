"""Tokens for Vietnamese search: a folded key to match on, an exact form to rank on.

People type Vietnamese with or without diacritics, and spell tones two ways
(``hoà`` / ``hòa``). Every word therefore becomes two strings:

- the *folded* key, lower-case ASCII (``Nguyễn`` → ``nguyen``, ``Điện`` → ``dien``),
  which decides whether a record matches;
- the *exact* form, the letters with their vowel marks (â ă ê ô ơ ư đ) and the
  tone written last as a Telex letter (``Nguyễn`` → ``nguyênx``; ``hoà`` and
  ``hòa`` → ``hoaf``), which decides whether the diacritics match too, whatever
  the tone placement.

``theme/assets/javascripts/search.js`` implements the same two functions; the
tests check both on the same table.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Tone marks (combining characters) and the Telex letter that types each.
TONES = {"\u0300": "f", "\u0301": "s", "\u0303": "x", "\u0309": "r", "\u0323": "j"}
_WORD = re.compile(r"[^\W_]+")
_NOT_KEY = re.compile(r"[^a-z0-9]+")


class Token(NamedTuple):
    """One word of a text: ``key`` to match on, ``exact`` to rank on."""

    key: str
    exact: str


def fold_word(word: str) -> str:
    """Lower-case ASCII letters and digits only: ``Đắk`` → ``dak``."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_KEY.sub("", stripped)


def exact_word(word: str) -> str:
    """Vowel marks kept, tone moved to the end as a Telex letter: ``Hoà`` → ``hoaf``."""
    tone = ""
    letters = []
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in TONES:
            tone = TONES[char]
        else:
            letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters)) + tone


def tokenise(text: str | None) -> list[Token]:
    """The words of ``text`` in order; words that fold to nothing are dropped."""
    if not text:
        return []
    tokens = (_token(word) for word in _WORD.findall(unicodedata.normalize("NFC", text)))
    return [token for token in tokens if token.key]


# A pure function of the word: a site of 10,000 records has a few thousand distinct
# words, so remembering them makes indexing several times faster.
@lru_cache(maxsize=1 << 16)
def _token(word: str) -> Token:
    return Token(fold_word(word), exact_word(word))


def has_marks(text: str) -> bool:
    """Whether ``text`` carries any Vietnamese diacritic (so exact matches should rank first)."""
    return any(token.exact != token.key for token in tokenise(text))
