"""Read one YAML file and remember where every value stands in it.

PyYAML's ``compose`` keeps a start mark on each node; we keep the node tree
beside the data so a validation error on ``honours[1].date`` can be mapped
back to its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .errors import FieldPath, RecordError

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _RecordLoader(yaml.SafeLoader):
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

        Its nodes carry the same line and column marks; a file it rejects is read
        again by :class:`_RecordLoader`, whose syntax messages the tests pin down.
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
    if _FastRecordLoader is not None:
        loader = _FastRecordLoader(text)
        try:
            root = loader.get_single_node()
            if root is not None:
                return YamlDocument(file, loader.construct_document(root), root), _duplicate_keys(root, file)
        except yaml.YAMLError:
            pass  # read again below, for the messages of the pure-Python parser
        finally:
            loader.dispose()
    loader = _RecordLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [RecordError(file, 1, 1, "", "the file is empty")]
        errors = _duplicate_keys(root, file)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, file)]
    except yaml.YAMLError as exc:
        return None, [RecordError(file, 1, 1, "", f"this is not valid YAML ({exc})")]
    finally:
        loader.dispose()
    return YamlDocument(file, data, root), errors


def _syntax_error(exc: yaml.MarkedYAMLError, file: str) -> RecordError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "the YAML cannot be read"
    context = f" {exc.context}" if exc.context else ""
    hint = " (check the indentation, and put text containing ':' or '#' in quotes)"
    return RecordError(file, line, column, "", f"YAML syntax error: {problem}{context}{hint}")


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
                        f"this field is written twice (first on line {seen[name]}); keep one",
                    ))
                else:
                    seen[name] = key.start_mark.line + 1
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return errors
