"""The search the browser runs, in Python: for tests, and to measure what a query downloads.

``theme/assets/javascripts/search.js`` follows these steps one for one:

1. read ``manifest.json``;
2. for each word of the query, fetch the one postings part that can hold its
   folded key (a binary search over the parts' first keys); the last word, while
   it is being typed, also matches longer keys (``hu`` → ``hung``, ``huong``) when
   they fit in at most :data:`PREFIX_PARTS` parts;
3. keep the documents that hold every word (or, when none does, those that hold
   the most words), narrowed by the chosen filters;
4. rank by: words matched, words whose diacritics match exactly (only when the
   query has diacritics), neighbouring query words found side by side in a name,
   unit, award or place (one more part per pair), then the weight of the fields;
5. fetch the metadata chunks of the results shown.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .tokens import Token, tokenise

WEIGHTS = (1, 2, 4, 8)  # by field class: summary, place, detail, name
PREFIX_PARTS = 2
PAGE = 20
_AFTER_KEYS = "{"  # sorts after every key character [a-z0-9]


@dataclass
class Hit:
    id: int
    matched: int = 0
    exact: int = 0
    phrases: int = 0
    score: int = 0

    def rank(self) -> tuple:
        return -self.matched, -self.exact, -self.phrases, -self.score, self.id


@dataclass
class Results:
    total: int
    hits: list[Hit]
    shown: list[dict]
    all_words: bool
    fetched: list[str] = field(default_factory=list)


class StaticIndex:
    """Reads index files the way the browser does, and remembers what it fetched."""

    def __init__(self, read: Callable[[str], bytes]):
        self._read = read
        self._cache: dict[str, object] = {}
        self.fetched: dict[str, int] = {}

    @classmethod
    def from_folder(cls, folder: Path) -> StaticIndex:
        return cls(lambda path: (folder / path).read_bytes())

    @classmethod
    def from_files(cls, files: dict[str, bytes]) -> StaticIndex:
        return cls(files.__getitem__)

    def get(self, path: str):
        if path not in self._cache:
            content = self._read(path)
            self.fetched[path] = len(content)
            self._cache[path] = json.loads(content)
        return self._cache[path]

    @property
    def bytes_fetched(self) -> int:
        return sum(self.fetched.values())


def worth_searching_while_typing(text: str) -> bool:
    """Whether the page searches before the reader presses Enter: not on the first letters.

    A one-letter word matches nothing useful and would fetch a part for nothing.
    """
    words = tokenise(text)
    return bool(words) and (len(words[-1].key) >= 2 or text[-1:].isspace())


def search(index: StaticIndex, query: str, filters: dict[str, str] | None = None,
           typing: bool = False, page: int = 1) -> Results:
    """Run ``query`` (``typing``: the last word may be unfinished) with ``filters``.

    ``filters`` may hold ``type`` (exemplar, nominee, campaign, news), ``kind``
    (individual, collective) and any facet (``tinh``, ``linh-vuc``, ``danh-hieu``,
    ``nam``, ``phong-trao``) → slug.
    """
    manifest = index.get("manifest.json")
    filters = {key: value for key, value in (filters or {}).items() if value}
    words = _unique(tokenise(query))
    allowed = _allowed(index, manifest, filters)
    if not words:
        hits = [Hit(number) for number in sorted(allowed)] if filters else []
        return _page(index, manifest, hits, True, page)
    hits = _match(index, manifest, words, typing, any(t.exact != t.key for t in words))
    hits = {number: hit for number, hit in hits.items() if number in allowed}
    complete = [hit for hit in hits.values() if hit.matched == len(words)]
    ranked = sorted(complete or hits.values(), key=Hit.rank)
    return _page(index, manifest, ranked, bool(complete) or not hits, page)


def _unique(tokens: list[Token]) -> list[Token]:
    seen, unique = set(), []
    for token in tokens:
        if token.key not in seen:
            seen.add(token.key)
            unique.append(token)
    return unique


def _allowed(index: StaticIndex, manifest: dict, filters: dict[str, str]) -> set[int]:
    allowed = set(range(manifest["documents"]))
    for kind_filter, position in (("type", 0), ("kind", 1)):
        if kind_filter in filters:
            allowed &= {number for entry in manifest["ranges"] if entry[position] == filters[kind_filter]
                        for number in range(entry[2], entry[3])}
    for facet, slug in sorted(filters.items()):
        if facet not in ("type", "kind"):
            allowed &= set(_ids(index, f"f/{facet}/{slug}.json"))
    return allowed


def _ids(index: StaticIndex, path: str) -> list[int]:
    try:
        gaps = index.get(path)
    except (FileNotFoundError, KeyError):
        return []
    ids, number = [], -1
    for gap in gaps:
        number += gap + 1
        ids.append(number)
    return ids


def part_for(parts: list[list[str]], key: str) -> int:
    """Index of the part that holds ``key`` if any does: the last one starting at or before it."""
    firsts = [first for first, _name in parts]
    return max(0, bisect.bisect_right(firsts, key) - 1)


def _chosen_parts(parts: list[list[str]], key: str, prefix: bool) -> tuple[range, bool]:
    """The parts to read for ``key``; a prefix only when its keys span few parts."""
    start = part_for(parts, key)
    if prefix:
        firsts = [first for first, _name in parts]
        end = max(start + 1, bisect.bisect_left(firsts, key + _AFTER_KEYS))
        if end - start <= PREFIX_PARTS:
            return range(start, end), True
    return range(start, start + 1), False


def _match(index: StaticIndex, manifest: dict, words: list[Token], typing: bool, marked: bool) -> dict[int, Hit]:
    hits: dict[int, Hit] = {}
    for position, word in enumerate(words):
        prefix = typing and position == len(words) - 1
        for number, (weight, exact) in _postings(index, manifest["parts"], word, prefix).items():
            hit = hits.setdefault(number, Hit(number))
            hit.matched += 1
            hit.exact += exact and marked
            hit.score += weight
    for pair in _pairs(words):
        for number, (weight, _exact) in _postings(index, manifest["parts"], pair, False).items():
            if number in hits:
                hits[number].phrases += 1
                hits[number].score += weight
    return hits


def _pairs(words: list[Token]) -> list[Token]:
    """Neighbouring query words joined, as the index joins them in names, units, awards and places."""
    return [Token(a.key + b.key, a.exact + b.exact) for a, b in zip(words, words[1:])]


def _postings(index: StaticIndex, parts: list[list[str]], word: Token, prefix: bool) -> dict[int, tuple[int, bool]]:
    """Document id → (weight, diacritics match exactly) for one query word."""
    found: dict[int, tuple[int, bool]] = {}
    chosen, prefix = _chosen_parts(parts, word.key, prefix)
    for part in chosen:
        postings = index.get(f"t/{parts[part][1]}.json")
        for key, variants in postings.items():
            if key == word.key or (prefix and key.startswith(word.key)):
                _decode(variants, word, 2 if key == word.key else 1, found)
    return found


def _decode(variants: list, word: Token, factor: int, found: dict[int, tuple[int, bool]]) -> None:
    for exact, codes in variants:
        number = -1
        for code in codes:
            number += code // 4 + 1
            candidate = (WEIGHTS[code % 4] * factor, exact == word.exact)
            if candidate > found.get(number, (0, False)):
                found[number] = candidate


def _page(index: StaticIndex, manifest: dict, ranked: list[Hit], all_words: bool, page: int) -> Results:
    chunk = manifest["chunk"]
    shown_hits = ranked[(page - 1) * PAGE: page * PAGE]
    shown = [index.get(f"d/{hit.id // chunk}.json")[hit.id % chunk] for hit in shown_hits]
    return Results(len(ranked), shown_hits, shown, all_words, list(index.fetched))
