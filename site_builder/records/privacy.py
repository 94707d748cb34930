"""Privacy guard: public text about people must not carry personal identifiers.

Exemplar records and the nominees of a batch are published as they are, so
their text fields must not contain an ID-card number, a phone number, an
e-mail address or a full date of birth. The board's own public contact has a
field of its own (a batch's ``contact``), which is not checked.

Each pattern is tuned against what the records legitimately contain: decision
and decree numbers (``1234/QĐ-UBND``, ``98/2023/NĐ-CP``), years and ranges of
years, money amounts (``500.000.000 đồng``) and counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from site_builder.model.exemplar import Exemplar
from site_builder.model.i18n import gettext as _
from site_builder.model.i18n import mark as N_
from site_builder.model.nomination import NominationBatch

from .errors import FieldPath

# One separator a person may type inside a number: a space, a dot or a dash.
_SEP = r"[ .\-]?"
# Not preceded by a letter, a digit (possibly followed by a separator), "/" or "+":
# "/" keeps "98/2023/NĐ-CP" out, the digit rule keeps us from starting mid-number.
_START = r"(?<![\w/+])(?<!\d[ .\-])"
# Not followed by more digits (possibly after a separator), a letter or "/".
_END = r"(?![ .\-]?\d)(?![^\W\d_])(?!/)"


def _digits(first: str, count: int) -> str:
    """``first`` then ``count`` more digits, each optionally after one separator."""
    return rf"{first}(?:{_SEP}\d){{{count}}}"


_PHONE = re.compile(
    _START + "(?:"
    + r"(?:\(\+84\)|\+84|0084)[ .\-]?(?:\(0\)[ .\-]?)?(?:" + _digits("[35789]", 8) + "|" + _digits("2", 9) + ")"
    + "|" + _digits("0[35789]", 8)           # mobile: 0912 345 678
    + "|" + _digits("01[2689]", 8)           # mobile, old 11-digit numbers (before 2018)
    + "|" + r"\(02\d{1,2}\)[ .\-]?" + r"\d(?:" + _SEP + r"\d){6,7}"  # landline: (0229) 3871 000
    + "|" + _digits("02", 9)                 # landline: 0229 3871 000, 024 3825 1234
    + ")" + _END
)

# ID cards: the 12-digit citizen ID (CCCD) starts with the province code 001–096;
# the old 9-digit ID (CMND) may start with any digit.
_ID_CARD = re.compile(_START + "(?:" + _digits("0", 11) + "|" + _digits(r"\d", 8) + ")" + _END)

# A 9-digit figure followed by a unit is an amount or a count, not an ID card.
_UNIT_AFTER = re.compile(
    r"\s*(?:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|tỉ|nghìn|ngàn|trăm|%|kg|tấn|tạ|ha\b|héc-ta|m2|m²|m3|m³|km|m\b"
    r"|lít|người|hộ|lượt|con|cây|sản phẩm|suất|cuốn|bộ|chiếc)",
    re.IGNORECASE,
)

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

_DAY_MONTH_YEAR = (
    r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}(?:\s*,)?\s+năm\s+\d{4}"
)
# "sinh" alone is also the end of other words: "hy sinh ngày 27/7/1968" is a date of death.
_NOT_BIRTH = "".join(rf"(?<!{word} )" for word in ("hy", "phát", "học", "vệ", "sản", "tái", "giáng", "nảy"))
_BIRTH_DATE = re.compile(
    r"(?<!\w)(?:ngày\s+sinh|" + _NOT_BIRTH + r"sinh|ns|d\.?o\.?b\.?)\s*[:,]?\s*(?:ngày\s+)?"
    r"(?:" + _DAY_MONTH_YEAR + r")(?!\d)",
    re.IGNORECASE,
)

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)

# Keys whose values are ids, paths, addresses, dates or fixed choices: not free text.
_NOT_TEXT = frozenset({
    "id", "kind", "exemplar", "campaigns", "priority_groups", "aliases", "file", "url",
    "published", "updated", "date", "result", "comments_received",
})


# Where the people are in each record kind: a whole exemplar, each nominee of a batch
# (the batch's own fields, its contact above all, are the board's).
_PERSONAL_SCOPES: dict[type, list[FieldPath]] = {
    Exemplar: [()],
    NominationBatch: [("nominees", -1)],
}


def personal_scopes(model: type) -> list[FieldPath]:
    """The parts of a record kind that describe people (empty for campaigns)."""
    return next((scopes for kind, scopes in _PERSONAL_SCOPES.items() if issubclass(model, kind)), [])


@dataclass(frozen=True)
class Finding:
    """A personal identifier found in a text field."""

    path: FieldPath
    what: str
    text: str
    node: yaml.ScalarNode
    offset: int

    @property
    def message(self) -> str:
        return _('contains what looks like {what} ("{text}"); personal identifiers must not be '
                 'published').format(what=_(self.what), text=self.text)


# Cheap tests that let most text skip the patterns (a third of the loading time otherwise):
# every identifier needs a digit or an "@"; a phone or ID number needs seven digits in a row
# (one separator apart), a date a digit, a separator, one or two digits and a separator
# (or "tháng"). A superset of what the patterns match, checked on the same masked text,
# so the findings are the same; starting with a digit, it is quick to rule out.
_DIGIT_OR_AT = re.compile(r"[\d@]")
_MAY_HOLD_NUMBER = re.compile(r"\d(?:(?:[ .\-]?\d){6}|\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d|\s+tháng\s+\d)",
                              re.IGNORECASE)


def find_identifiers(text: str) -> list[tuple[str, str, int]]:
    """``(what, matched text, offset)`` for every personal identifier in ``text``."""
    if not _DIGIT_OR_AT.search(text):
        return []
    masked = _URL.sub(lambda match: " " * len(match.group()), text) if _may_hold_url(text) else text
    found = [(N_("an e-mail address"), match) for match in _EMAIL.finditer(masked)] if "@" in masked else []
    without_emails = _EMAIL.sub(lambda match: " " * len(match.group()), masked) if found else masked
    if not _MAY_HOLD_NUMBER.search(without_emails):
        return [(what, match.group().strip(), match.start()) for what, match in found]
    found += [(N_("a full date of birth"), match) for match in _BIRTH_DATE.finditer(without_emails)]
    found += [(N_("a phone number"), match) for match in _PHONE.finditer(without_emails)]
    found += [(N_("an ID-card number"), match) for match in _ID_CARD.finditer(without_emails)
              if not _UNIT_AFTER.match(without_emails, match.end())]
    found = _drop_overlaps(sorted(found, key=lambda item: (item[1].start(), -item[1].end())))
    return [(what, match.group().strip(), match.start()) for what, match in found]


def _may_hold_url(text: str) -> bool:
    return "://" in text or "www." in text.lower()


def _drop_overlaps(found: list[tuple[str, re.Match]]) -> list[tuple[str, re.Match]]:
    """A date of birth is not also reported as a phone number; the first match wins."""
    kept: list[tuple[str, re.Match]] = []
    for what, match in found:
        if not kept or match.start() >= kept[-1][1].end():
            kept.append((what, match))
    return kept


def personal_data_findings(scopes: list[FieldPath], root: yaml.Node | None) -> list[Finding]:
    """Findings in the text under each scope of the node tree (``-1`` matches every list item)."""
    findings: list[Finding] = []
    for path, node in _scoped_nodes(root, scopes):
        for field_path, scalar in _text_scalars(node, path):
            findings.extend(Finding(field_path, what, text, scalar, offset)
                            for what, text, offset in find_identifiers(str(scalar.value)))
    return findings


def _scoped_nodes(root: yaml.Node | None, scopes: list[FieldPath]) -> Iterator[tuple[FieldPath, yaml.Node]]:
    for scope in scopes:
        yield from _walk_scope(root, scope, ())


def _walk_scope(node: yaml.Node | None, scope: FieldPath, path: FieldPath) -> Iterator[tuple[FieldPath, yaml.Node]]:
    if node is None:
        return
    if not scope:
        yield path, node
        return
    part, rest = scope[0], scope[1:]
    if isinstance(part, str) and isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part:
                yield from _walk_scope(value, rest, path + (part,))
    elif part == -1 and isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk_scope(item, rest, path + (index,))


def _text_scalars(node: yaml.Node, path: FieldPath) -> Iterator[tuple[FieldPath, yaml.ScalarNode]]:
    """Every scalar under ``node`` except the values of non-text keys."""
    if isinstance(node, yaml.ScalarNode):
        yield path, node
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if str(key.value) not in _NOT_TEXT:
                yield from _text_scalars(value, path + (str(key.value),))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _text_scalars(item, path + (index,))


def locate_in_scalar(node: yaml.ScalarNode, offset: int, root: yaml.Node | None = None) -> tuple[int, int]:
    """Line and column (from 1) of character ``offset`` of a scalar's value, when it can be known.

    Exact for one-line scalars and for literal blocks (``|``), whose lines are
    kept as written; otherwise the scalar's own position. ``root`` (the
    document) tells a block's indentation when the marks do not carry the text.
    """
    start = node.start_mark
    if node.style == "|":
        # The block's text starts on the line after the "|" indicator.
        value = str(node.value)
        line = start.line + 2 + value.count("\n", 0, offset)
        line_start = value.rfind("\n", 0, offset) + 1
        return line, _block_indent(node, root) + offset - line_start + 1
    if start.line == node.end_mark.line and node.style in (None, "", "'", '"'):
        quote = 1 if node.style in ("'", '"') else 0
        if quote == 0 or "\\" not in _source(node) and "''" not in _source(node):
            return start.line + 1, start.column + 1 + quote + offset
    return start.line + 1, start.column + 1


def _block_indent(node: yaml.ScalarNode, root: yaml.Node | None) -> int:
    """Indentation of a literal block's first content line.

    Read from the source when the marks carry it (PyYAML's pure-Python parser);
    libyaml's marks do not, and then the block is taken to be indented two
    spaces more than its key (or its list dash), as every record and template is.
    """
    buffer = node.start_mark.buffer
    if not buffer:
        return _owner_column(root, node) + 2
    first_line_start = buffer.find("\n", node.start_mark.pointer) + 1
    line = buffer[first_line_start:buffer.find("\n", first_line_start)]
    return len(line) - len(line.lstrip(" "))


def _owner_column(root: yaml.Node | None, target: yaml.Node) -> int:
    """Column (from 0) of the key or the list whose value ``target`` is."""
    stack = [root] if root is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if value is target:
                    return key.start_mark.column
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            if any(item is target for item in current.value):
                return current.start_mark.column
            stack.extend(current.value)
    return target.start_mark.column - 2


def _source(node: yaml.ScalarNode) -> str:
    buffer = node.start_mark.buffer
    return buffer[node.start_mark.pointer:node.end_mark.pointer] if buffer else ""

