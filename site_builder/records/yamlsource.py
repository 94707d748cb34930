"""Read one YAML file and remember where every value stands in it.

PyYAML's ``compose`` keeps a start mark on each node; we keep the node tree
beside the data so a validation error on ``honours[1].date`` can be mapped
back to its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import yaml

from site_builder.model.i18n import gettext as _

from .errors import FieldPath, RecordError
from .yaml_mistakes import syntax_error

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


# Records are flat: a story is four levels deep at most. Deeper nesting is a
# mistake or an attack; libyaml's composer recurses in C and a few thousand
# nested brackets would crash the process rather than raise.
MAX_DEPTH = 32


class _ValuesWithLines:
    """Report a value that Python refuses (a 5000-digit number, 31 February
    under an explicit ``!!timestamp``) as a YAML error at its line, not a crash."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, _("this value cannot be read ({reason})").format(reason=exc), node.start_mark) from exc


class _RecordLoader(_ValuesWithLines, yaml.SafeLoader):
    """SafeLoader that leaves dates as text.

    PyYAML turns ``2021-02-31`` into an exception deep in the parser; keeping
    dates as strings lets validation say "is not a real date" with a line.
    """


_RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

if getattr(yaml, "__with_libyaml__", False):
    class _FastRecordLoader(yaml.CSafeLoader):
        """The same loader on libyaml's parser: about 30 times faster on a story-sized file.

        Its nodes carry the same line and column marks; a file it rejects, or with a
        value Python refuses, is read again by :class:`_RecordLoader`, whose
        messages the tests pin down.
        """

    _FastRecordLoader.yaml_implicit_resolvers = _RecordLoader.yaml_implicit_resolvers
else:  # PyYAML built without libyaml
    _FastRecordLoader = None


@dataclass
class YamlDocument:
    """The parsed data of one file and its node tree, for locating values."""

    file: str
    data: Any
    root: yaml.Node | None

    def locate(self, path: FieldPath) -> tuple[int, int]:
        """Line and column (from 1) of the value at ``path``, or of its nearest parent."""
        node = self.root
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            node = child
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def locate_key(self, path: FieldPath) -> tuple[int, int]:
        """Line and column of the *key* that ends ``path`` (for unknown fields)."""
        parent = self.root
        for part in path[:-1]:
            parent = _child(parent, part)
        if isinstance(parent, yaml.MappingNode):
            for key, _value in parent.value:
                if key.value == path[-1]:
                    return key.start_mark.line + 1, key.start_mark.column + 1
        return self.locate(path)


def _child(node: yaml.Node | None, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if key.value == part:
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part]
    return None


def parse_yaml(text: str, file: str) -> tuple[YamlDocument | None, list[RecordError]]:
    """Parse ``text``; return the document or the syntax errors with their lines."""
    refused = _refuse_hostile_shapes(text, file)
    if refused:
        return None, refused
    if _FastRecordLoader is not None:
        loader = _FastRecordLoader(text)
        try:
            root = loader.get_single_node()
            if root is not None:
                return YamlDocument(file, loader.construct_document(root), root), _duplicate_keys(root, file)
        except (yaml.YAMLError, ValueError, OverflowError):
            pass  # read again below, for the messages of the pure-Python parser
        finally:
            loader.dispose()
    loader = _RecordLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [RecordError(file, 1, 1, "", _("the file is empty"))]
        errors = _duplicate_keys(root, file)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        return None, [replace(syntax_error(exc, file, text), stops_reading=True)]
    except yaml.YAMLError as exc:
        return None, [RecordError(file, 1, 1, "", _("this is not valid YAML ({reason})").format(reason=exc),
                                  stops_reading=True)]
    finally:
        loader.dispose()
    return YamlDocument(file, data, root), errors


def _refuse_hostile_shapes(text: str, file: str) -> list[RecordError]:
    """Check, on the event stream and before anything is built, what could crash or hang the build.

    - characters YAML forbids (control characters pasted from another program);
    - nesting deeper than :data:`MAX_DEPTH`;
    - an alias (``*name``) of a list or a group of fields: it can repeat a small
      file into millions of values, or into itself (``a: &a [*a]``). Aliases of
      single values stay allowed.
    Syntax errors are left to the parser below, whose messages are the ones staff see.
    """
    bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - text.rfind("\n", 0, bad.start())
        return [RecordError(file, line, column, "", _(
            "the character U+{code} is not allowed in YAML; delete it (it often comes from text pasted "
            "from another program)").format(code=f"{ord(bad.group()):04X}"))]
    if _plainly_harmless(text):
        return []
    depth = 0
    collections: set[str] = set()
    try:
        for event in yaml.parse(text, Loader=_FastRecordLoader or _RecordLoader):
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    return [_event_error(event, file, _(
                        "lists and groups of fields are nested more than {depth} levels deep; a record "
                        "needs only a few").format(depth=MAX_DEPTH))]
                if event.anchor:
                    collections.add(event.anchor)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            elif kind is yaml.AliasEvent and event.anchor in collections:
                return [_event_error(event, file, _(
                    "*{anchor} repeats a list or a group of fields; write them out instead (aliases are "
                    "allowed for single values only)").format(anchor=event.anchor))]
    except yaml.YAMLError:
        return []
    return []


# A line starting with this many spaces, dashes or question marks (block nesting).
_DEEP_LINE = re.compile(r"^[ ?-]{12,}", re.MULTILINE)


def _plainly_harmless(text: str) -> bool:
    """True when the text cannot nest deeper than :data:`MAX_DEPTH` nor hold an alias.

    Reading the event stream costs as much as parsing; most records need not:
    without ``&`` there is no anchor, so no alias; a block level needs one more
    character of indentation or a ``- ``/``? `` in front of a line, at most two
    levels per character, and a flow level needs a bracket. Lines of fewer than
    12 such characters and fewer than 6 brackets make at most 2 x 12 + 6 levels.
    Any other text is checked event by event.
    """
    return ("&" not in text and text.count("[") + text.count("{") < 6
            and _DEEP_LINE.search(text) is None)


def _event_error(event: yaml.Event, file: str, message: str) -> RecordError:
    return RecordError(file, event.start_mark.line + 1, event.start_mark.column + 1, "", message)



def _duplicate_keys(node: yaml.Node, file: str) -> list[RecordError]:
    """YAML silently keeps the last of two equal keys; staff lose data that way."""
    errors: list[RecordError] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                name = str(key.value)
                if name in seen:
                    errors.append(RecordError(
                        file, key.start_mark.line + 1, key.start_mark.column + 1, name,
                        _("this field is written twice (first on line {line}); keep one").format(line=seen[name]),
                    ))
                else:
                    seen[name] = key.start_mark.line + 1
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return errors
