"""Notices of what validation changed in a valid file, so staff see what will be published.

Provinces are published in their official spelling, as named at the time ("ninh binh",
"Tỉnh Ninh Bình" → "Ninh Bình"; "TP. Hồ Chí Minh" → "Thành phố Hồ Chí Minh"): not an
error, but the officer is told, at the line, what the page will show.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from site_builder.model.fields import Place
from site_builder.model.i18n import gettext as _

from .errors import FieldPath, RecordError, format_field_path, notice
from .yamlsource import YamlDocument


def province_notices(record: BaseModel, doc: YamlDocument) -> list[RecordError]:
    """A notice for each province written otherwise than it is published."""
    found = []
    for path, place in _places(record, ()):
        where = (*path, "province")
        written = _value_at(doc.data, where)
        if isinstance(written, str) and written.strip() != place.province:
            found.append(notice(doc.file, *doc.locate(where), format_field_path(where, doc.data),
                                _('"{written}" is published as "{name}" (the official name)').format(
                                    written=written.strip(), name=place.province)))
    return found


def _places(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, Place]]:
    if isinstance(value, Place):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _places(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, (*path, index))


def _value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data
