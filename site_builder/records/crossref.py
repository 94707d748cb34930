"""Checks that span records: every id a record names exists, every file it names is there
(and every photo is a real image).

Locations are looked up again from the file only when a problem is found, so a
clean build keeps no YAML node trees in memory.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image, UnidentifiedImageError

from site_builder.model.i18n import gettext as _
from site_builder.model.text import did_you_mean

from .errors import FieldPath, Level, RecordError, format_field_path
from .placeholders import is_placeholder
from .yamlsource import parse_yaml

if TYPE_CHECKING:  # the catalogue imports this module
    from site_builder.model.catalogue import Catalogue
    from site_builder.model.record import Record


def check_references(catalogue: Catalogue, invalid: set[str] = frozenset()) -> list[RecordError]:
    """Problems of references; ids in ``invalid`` (files that failed validation) count as present."""
    problems = (list(_exemplar_problems(catalogue, invalid)) + list(_batch_problems(catalogue, invalid))
                + list(_alias_problems(catalogue)))
    return [locate_problem(record, path, message) for record, path, message in problems]


Problem = tuple["Record", FieldPath, str]


@dataclass(frozen=True)
class Draft:
    """A file that failed validation, as read: its files and references are checked all the same,
    so that a missing photo is reported in the same run as an unknown field, not after it is fixed."""

    source: str
    path: Path
    kind: str  # "exemplar", "batch" or another record kind (nothing to check)
    data: Any


def check_drafts(catalogue: Catalogue, drafts: list[Draft], invalid: set[str],
                 reported: set[tuple[str, str]]) -> list[RecordError]:
    """Problems of files and references in files that failed validation, except at a field
    already reported (``reported``: (file, field path) pairs)."""
    found = []
    for draft in drafts:
        view = DraftView(draft.data)
        check = _exemplar_fields if draft.kind == "exemplar" else _batch_fields if draft.kind == "batch" else None
        for path, message in check(view, catalogue, invalid) if check else ():
            error = locate_problem(draft, path, message)
            if (error.file, error.field_path) not in reported:
                found.append(error)
    return found


class DraftView:
    """Read-only attribute access to a file's raw data, the way the checks read a record:
    a field missing or of the wrong shape reads as None (the checks skip it)."""

    def __init__(self, data: Any):
        self._data = data

    def __getattr__(self, name: str) -> Any:
        value = self._data.get(name) if isinstance(self._data, dict) else None
        if isinstance(value, dict):
            return DraftView(value)
        if isinstance(value, list):
            return [DraftView(item) if isinstance(item, dict) else item for item in value]
        return value


def _listed(value: Any) -> list:
    return value if isinstance(value, list) else []


def _written(value: Any) -> bool:
    """A name or an id to check: text that is not a template's placeholder (reported as such)."""
    return isinstance(value, str) and bool(value) and not is_placeholder(value)


def _exemplar_problems(catalogue: Catalogue, invalid: set[str]) -> Iterator[Problem]:
    for exemplar in catalogue.exemplars.values():
        for path, message in _exemplar_fields(exemplar, catalogue, invalid):
            yield exemplar, path, message


def _exemplar_fields(exemplar: Any, catalogue: Catalogue, invalid: set[str]) -> Iterator[tuple[FieldPath, str]]:
    for index, campaign_id in enumerate(_listed(exemplar.campaigns)):
        if _written(campaign_id) and campaign_id not in catalogue.campaigns and campaign_id not in invalid:
            hint = did_you_mean(campaign_id, list(catalogue.campaigns))
            yield ("campaigns", index), _('no campaign has the id "{id}"{suggestion}').format(
                id=campaign_id, suggestion=hint)
    for index, photo in enumerate(_listed(exemplar.photos)):
        name = getattr(photo, "file", None)
        if not _written(name):
            continue
        if not (catalogue.folder / name).is_file():
            yield ("photos", index, "file"), _missing_file(name)
        elif problem := _image_problem(catalogue.folder / name, name):
            yield ("photos", index, "file"), problem


def _batch_problems(catalogue: Catalogue, invalid: set[str]) -> Iterator[Problem]:
    for batch in catalogue.batches.values():
        for path, message in _batch_fields(batch, catalogue, invalid):
            yield batch, path, message


def _batch_fields(batch: Any, catalogue: Catalogue, invalid: set[str]) -> Iterator[tuple[FieldPath, str]]:
    attachment = getattr(batch.attachment, "file", None)
    if _written(attachment) and not (catalogue.folder / attachment).is_file():
        yield ("attachment", "file"), _missing_file(attachment)
    for index, nominee in enumerate(_listed(batch.nominees)):
        exemplar = getattr(nominee, "exemplar", None)
        if _written(exemplar) and exemplar not in catalogue.exemplars and exemplar not in invalid:
            hint = did_you_mean(exemplar, list(catalogue.exemplars))
            yield (("nominees", index, "exemplar"),
                   _('no exemplar has the id "{id}"{suggestion}').format(id=exemplar, suggestion=hint))
        attachment = getattr(getattr(nominee, "attachment", None), "file", None)
        if _written(attachment) and not (catalogue.folder / attachment).is_file():
            yield ("nominees", index, "attachment", "file"), _missing_file(attachment)


def _alias_problems(catalogue: Catalogue) -> Iterator[Problem]:
    """An old id may redirect to one record only, and never hide a living record's page."""
    for table in (catalogue.exemplars, catalogue.campaigns, catalogue.batches):
        claimed: dict[str, str] = {}
        for record_id, record in sorted(table.items()):
            for index, alias in enumerate(record.aliases):
                if alias in table:
                    yield record, ("aliases", index), _('"{alias}" is the id of {other}, not a former id').format(
                        alias=alias, other=table[alias].source)
                elif alias in claimed:
                    yield record, ("aliases", index), _('"{alias}" is already a former id of {other}').format(
                        alias=alias, other=claimed[alias])
                else:
                    claimed[alias] = record.source


def _image_problem(path: Path, name: str) -> str | None:
    """Why a photo file is not a real image, or None. Large originals are fine (web sizes are made from them)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.verify()
    except Image.DecompressionBombError:
        return None
    except (OSError, SyntaxError, ValueError) as exc:  # what Pillow raises for unreadable or damaged files
        reason = _("not an image file") if isinstance(exc, UnidentifiedImageError) else _("damaged: {reason}").format(
            reason=exc)
        return _('the file "{name}" cannot be read as an image ({reason}); save it again as JPEG or PNG').format(
            name=name, reason=reason)
    return None


def _missing_file(name: str) -> str:
    return _('the file "{name}" is not in the records folder').format(name=name)


def locate_problem(record: Record | Draft, path: FieldPath, message: str, level: Level = "error") -> RecordError:
    """A problem of a valid record at its field, the file read again to find the line."""
    line, column = 1, 1
    if record.path is not None:
        doc, _errors = parse_yaml(record.path.read_text(encoding="utf-8"), record.source)
        if doc is not None:
            line, column = doc.locate(path)
            return RecordError(record.source, line, column, format_field_path(path, doc.data), message, level)
    return RecordError(record.source, line, column, format_field_path(path), message, level)
