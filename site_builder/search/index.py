"""Build the static search index: a small manifest, sharded postings, result metadata.

Layout under ``search/`` in the built site (every file deterministic, compact JSON):

- ``manifest.json``: the number of documents, the ranges of ids per result type
  and kind, the size of metadata chunks, and the postings parts as
  ``[first key, file]`` sorted by key, so the client finds a word's part by a
  binary search.
- ``t/<part>.json``: postings, ``{key: [[exact, [code, …]], …]}``; keys are words
  and, in names, units, awards and places, pairs of neighbouring words. Parts are
  named by the first two letters of their keys (``ng``), split into numbered
  parts (``ng-1``, ``ng-2``…) when a group grows above :data:`PART_CAP` bytes, so
  a common syllable (``nguyen``, ``thi``) costs tens of kilobytes, never a megabyte.
  A code is ``gap * 4 + field class``, where ``gap`` is the number of ids skipped
  since the previous document of the list (so dense lists are mostly single digits).
- ``d/<n>.json``: what a result shows, for documents ``n * CHUNK`` to
  ``(n + 1) * CHUNK - 1``. Documents are numbered by type, kind and folded name,
  so the namesakes a name query finds sit in one or two chunks.
- ``f/<facet>/<slug>.json``: the ids (as gaps) of the documents in a province,
  sector, award, year or campaign, fetched only when that filter is chosen.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from site_builder.model.text import fold

from .documents import FACETS, KINDS, SUMMARY, TYPES, SearchDoc
from .tokens import Token, tokenise

PART_CAP = 16_000  # bytes of postings per part before it is split
CHUNK = 8  # documents per metadata file: a page of 20 results costs at most 20 small files
PREFIX = 2  # letters of a key that name its part
FORMAT = 1


@dataclass(frozen=True)
class FacetValue:
    slug: str
    label: str
    count: int


@dataclass
class SearchIndex:
    """The index as files (path under ``search/`` → bytes), plus what the search page needs."""

    files: dict[str, bytes]
    version: str
    documents: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(content) for content in self.files.values())


@dataclass
class KeptIndex:
    """What a build leaves for the next one (on disk: :class:`~site_builder.search.adapter.SiteSearch`).

    When the next build's documents differ from the last one's in a few places
    (records edited, added, removed), its postings are the kept ones with those
    documents taken out and the new ones put in, and only the keys they touch
    are encoded again: a rebuild after one edit indexes one document, not ten
    thousand.
    """

    stamps: list[bytes] = field(default_factory=list)  # each numbered document's, see SearchDoc.stamp
    postings: Postings = field(default_factory=dict)
    members: dict[str, bytes] = field(default_factory=dict)  # key → its member of a part's JSON object
    version: str = ""  # of the index these were the postings of


PATCH_LIMIT = 200  # documents to patch, beyond which inverting them all again is as quick


def build_index(docs: Iterable[SearchDoc], kept: KeptIndex | None = None) -> SearchIndex:
    """Number the documents, invert them and cut the result into static files.

    With ``kept``, the last build's work is reused where it still holds, and this build's is kept.
    """
    ordered = sorted(docs, key=_doc_order)
    stamps = [doc.stamp for doc in ordered] if kept is not None else []
    postings, touched = _patched(kept, ordered, stamps) if kept is not None else (None, None)
    if postings is None:
        postings, touched = _invert(ordered), None
    members = _members(postings, touched, kept.members if kept is not None else {})
    files: dict[str, bytes] = {}
    parts = _postings_parts(members, files)
    _metadata_chunks(ordered, files)
    facets = _facet_files(ordered, files)
    version = _version(files)
    manifest = {"format": FORMAT, "version": version, "documents": len(ordered), "chunk": CHUNK,
                "ranges": _ranges(ordered), "parts": parts}
    files["manifest.json"] = encode(manifest)
    if kept is not None:
        kept.stamps, kept.postings, kept.members, kept.version = stamps, postings, members, version
    return SearchIndex(files, version, len(ordered), facets)


def encode(value: object) -> bytes:
    """Compact, deterministic JSON (UTF-8, so Vietnamese letters cost 2–3 bytes, not 6)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _doc_order(doc: SearchDoc) -> tuple:
    return TYPES.index(doc.type), KINDS.index(doc.kind), _folded(doc.name), doc.url


# Texts repeat across records (places, awards, units) and across the builds of one process
# (`mkdocs serve`): each is folded and cut into keys once.
@lru_cache(maxsize=1 << 15)
def _folded(name: str) -> str:
    return fold(name)


def _ranges(ordered: list[SearchDoc]) -> list[list]:
    """``[type, kind, first id, last id + 1]`` for each run of documents of one type and kind."""
    ranges: list[list] = []
    for number, doc in enumerate(ordered):
        if ranges and ranges[-1][:2] == [doc.type, doc.kind]:
            ranges[-1][3] = number + 1
        else:
            ranges.append([doc.type, doc.kind, number, number + 1])
    return ranges


# key → exact form → ``id * 4 + best field class`` of each document, in id order. Compact
# arrays rather than a dict per word and spelling: a third of the memory at 10,000 records.
Postings = dict[str, dict[str, array]]


def _invert(ordered: list[SearchDoc]) -> Postings:
    postings: defaultdict[str, dict[str, array]] = defaultdict(dict)
    for number, doc in enumerate(ordered):
        base = number * 4
        for token, field_class in _entries(doc).items():
            spellings = postings[token.key]
            found = spellings.get(token.exact)
            if found is None:
                spellings[token.exact] = array("q", (base + field_class,))
            else:  # documents come in id order
                found.append(base + field_class)
    return dict(postings)


def _entries(doc: SearchDoc) -> dict[Token, int]:
    """Each word (and pair) of a document, with the most telling field class it appears in."""
    best: dict[Token, int] = {}
    for field_class, texts in doc.texts.items():
        for text in texts:
            for token in _keys(text, field_class == SUMMARY):
                if best.get(token, -1) < field_class:
                    best[token] = field_class
    return best


def _patched(kept: KeptIndex, ordered: list[SearchDoc],
             stamps: list[bytes]) -> tuple[Postings | None, set[str] | None]:
    """The kept postings with the documents that changed taken out and the new ones put in, and
    the keys that changed; ``(None, None)`` when nothing is kept or too much changed.

    The documents before the first change and after the last keep their stamps; between the
    two, when as many documents are numbered as before, only the places whose stamp changed
    are patched (records edited); otherwise the old ones are taken out, the numbers after
    them moved, and the new ones put in (a record added, removed or renamed).
    """
    old = kept.stamps
    if not old:
        return None, None
    start, end_old, end_new = _changed_span(old, stamps)
    shift = end_new - end_old
    if shift == 0:
        removed = added = [number for number in range(start, end_new) if old[number] != stamps[number]]
    else:
        removed, added = list(range(start, end_old)), list(range(start, end_new))
    if max(len(removed), len(added)) > PATCH_LIMIT:
        return None, None
    # Forgotten until this build has finished: a build that fails half-way leaves no half-patched postings.
    kept.stamps = []
    postings, touched = kept.postings, set()
    _take_out(postings, removed, touched)
    if shift:
        _move(postings, end_old, shift, touched)
    for number in added:
        for token, field_class in _entries(ordered[number]).items():
            codes = postings.setdefault(token.key, {}).setdefault(token.exact, array("q"))
            codes.insert(bisect_left(codes, number * 4), number * 4 + field_class)
            touched.add(token.key)
    return postings, touched


def _changed_span(old: list[bytes], new: list[bytes]) -> tuple[int, int, int]:
    """``(start, end in old, end in new)``: what lies outside is the same in both lists."""
    start, shortest = 0, min(len(old), len(new))
    while start < shortest and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old, end_new = end_old - 1, end_new - 1
    return start, end_old, end_new


def _move(postings: Postings, first: int, shift: int, touched: set[str]) -> None:
    """Renumber the documents from ``first`` on by ``shift``."""
    for key, spellings in postings.items():
        for codes in spellings.values():
            at = bisect_left(codes, first * 4)
            if at < len(codes):
                codes[at:] = array("q", [code + shift * 4 for code in codes[at:]])
                touched.add(key)


def _take_out(postings: Postings, numbers: list[int], touched: set[str]) -> None:
    """Remove the documents ``numbers`` from every list (the documents themselves are gone:
    a few thousand lists, each searched by bisection, cost less than keeping their words)."""
    if not numbers:
        return
    for key, spellings in list(postings.items()):
        for exact, codes in list(spellings.items()):
            for number in numbers:
                at = bisect_left(codes, number * 4)
                if at < len(codes) and codes[at] >> 2 == number:
                    del codes[at]
                    touched.add(key)
            if not codes:
                del spellings[exact]
        if not spellings:
            del postings[key]


@lru_cache(maxsize=1 << 17)
def _keys(text: str, summary: bool) -> tuple[Token, ...]:
    """The words, and outside summaries each pair of neighbours joined (``thanh hoa`` → ``thanhhoa``).

    A pair lets the client rank "Thanh Hóa" the province above a record that
    has "thanh" in its name and "hoa" somewhere else, without storing positions.
    """
    tokens = tokenise(text)
    if summary:
        return tuple(tokens)
    pairs = [Token(a.key + b.key, a.exact + b.exact) for a, b in zip(tokens, tokens[1:])]
    return tuple(tokens + pairs)


def _gaps(ids: Iterable[int]) -> list[int]:
    previous, gaps = -1, []
    for number in ids:
        gaps.append(number - previous - 1)
        previous = number
    return gaps


def _encode_key(variants: dict[str, array]) -> list:
    """``[[exact, codes], …]``, the most frequent spelling first; a code is ``gap * 4 + field class``."""
    entries = []
    for exact, found in variants.items():
        gaps = _gaps(code >> 2 for code in found)
        entries.append([exact, [gap * 4 + (code & 3) for gap, code in zip(gaps, found)]])
    return sorted(entries, key=lambda entry: (-len(entry[1]), entry[0]))


def _members(postings: Postings, touched: set[str] | None, kept: dict[str, bytes]) -> dict[str, bytes]:
    """Each key's member of its part's JSON object (``"key":[…]``), encoded once; with ``touched``,
    only those keys are encoded again and the others are taken from ``kept``."""
    if touched is None:
        return {key: _member(key, spellings) for key, spellings in postings.items()}
    for key in touched:
        if key in postings:
            kept[key] = _member(key, postings[key])
        else:
            kept.pop(key, None)
    return kept


def _member(key: str, spellings: dict[str, array]) -> bytes:
    # Keys are ASCII letters and digits, so they need no escaping.
    return b'"' + key.encode("ascii") + b'":' + encode(_encode_key(spellings))


def _postings_parts(members: dict[str, bytes], files: dict[str, bytes]) -> list[list[str]]:
    """Write the parts (a part is its keys' members joined, in key order); returns
    ``[first key, part name]`` sorted by key."""
    groups: dict[str, list[tuple[str, bytes, int]]] = defaultdict(list)
    for key in sorted(members):
        member = members[key]
        groups[key[:PREFIX]].append((key, member, len(member) + 2))  # + 2: as if alone in braces
    parts = []
    for prefix, entries in sorted(groups.items()):
        for name, chunk in _split(prefix, entries):
            files[f"t/{name}.json"] = b"{" + b",".join(member for _key, member, _size in chunk) + b"}"
            parts.append([chunk[0][0], name])
    return parts


def _split(prefix: str, entries: list[tuple[str, bytes, int]]) -> list[tuple[str, list]]:
    """Cut a group of keys into parts of at most ``PART_CAP`` bytes (a bigger key stays whole)."""
    chunks: list[list] = [[]]
    size = 0
    for entry in entries:
        if chunks[-1] and size + entry[2] > PART_CAP:
            chunks.append([])
            size = 0
        chunks[-1].append(entry)
        size += entry[2]
    if len(chunks) == 1:
        return [(prefix, chunks[0])]
    return [(f"{prefix}-{number}", chunk) for number, chunk in enumerate(chunks, start=1)]


def _metadata_chunks(ordered: list[SearchDoc], files: dict[str, bytes]) -> None:
    for start in range(0, len(ordered), CHUNK):
        chunk = [{"n": doc.name, "u": doc.url, **_short(doc.show)} for doc in ordered[start:start + CHUNK]]
        files[f"d/{start // CHUNK}.json"] = encode(chunk)


def _short(show: dict[str, str]) -> dict[str, str]:
    names = {"role": "r", "place": "p", "award": "a", "batch": "b"}
    return {names[key]: value for key, value in show.items()}


def _facet_files(ordered: list[SearchDoc], files: dict[str, bytes]) -> dict[str, list[FacetValue]]:
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    labels: dict[tuple[str, str], str] = {}
    for number, doc in enumerate(ordered):
        for facet, values in doc.facets.items():
            for slug, label in values.items():
                members[facet, slug].append(number)
                labels.setdefault((facet, slug), label)
    vocab: dict[str, list[FacetValue]] = {facet: [] for facet in FACETS}
    for (facet, slug), ids in sorted(members.items()):
        files[f"f/{facet}/{slug}.json"] = encode(_gaps(ids))
        vocab[facet].append(FacetValue(slug, labels[facet, slug], len(ids)))
    for facet, values in vocab.items():
        values.sort(key=lambda value: value.slug, reverse=(facet == "nam"))
    return vocab


def _version(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    return digest.hexdigest()[:12]
