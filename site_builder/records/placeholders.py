"""Placeholders: the ``<…>`` values of the templates that staff must replace.

``site-builder new`` and ``site-builder import`` write files in which every
value the officer must supply is a placeholder such as ``<Họ và tên>``. They
are valid YAML, so editors open them, but validation reports each one left,
at its line, instead of a less helpful type error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from site_builder.model.i18n import gettext as _
from site_builder.model.i18n import mark as N_

from .errors import FieldPath

_PLACEHOLDER = re.compile(r"^<[^<>\n]+>$")


def placeholder(label: str) -> str:
    """The placeholder for a value described by ``label``: ``<Họ và tên>``."""
    return f"<{label}>"


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and bool(_PLACEHOLDER.match(value.strip()))


def find_placeholders(root: yaml.Node | None, path: FieldPath = ()) -> Iterator[tuple[FieldPath, yaml.ScalarNode]]:
    """Every placeholder value left in a parsed file, with its field path."""
    if isinstance(root, yaml.ScalarNode):
        if is_placeholder(root.value):
            yield path, root
    elif isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            yield from find_placeholders(value, path + (str(key.value),))
    elif isinstance(root, yaml.SequenceNode):
        for index, item in enumerate(root.value):
            yield from find_placeholders(item, path + (index,))


_MESSAGE = N_('is still the template\'s placeholder "{value}"; write the real value')


def placeholder_message(value: str) -> str:
    return _(_MESSAGE).format(value=value.strip())


def is_placeholder_message(message: str) -> bool:
    """Whether a validation message is about a placeholder left in the file (in either language)."""
    return any(message.startswith(start) for start in {_(_MESSAGE).split("{")[0], _MESSAGE.split("{")[0]})
