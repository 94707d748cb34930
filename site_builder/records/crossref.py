"""Checks that span records: every id a record names exists, every file it names is there
(and every photo is a real image).

Locations are looked up again from the file only when a problem is found, so a
clean build keeps no YAML node trees in memory.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from site_builder.model.text import did_you_mean

from .errors import FieldPath, Level, RecordError, format_field_path
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


def _exemplar_problems(catalogue: Catalogue, invalid: set[str]) -> Iterator[Problem]:
    for exemplar in catalogue.exemplars.values():
        for index, campaign_id in enumerate(exemplar.campaigns):
            if campaign_id not in catalogue.campaigns and campaign_id not in invalid:
                hint = did_you_mean(campaign_id, list(catalogue.campaigns))
                yield exemplar, ("campaigns", index), f'no campaign has the id "{campaign_id}"{hint}'
        for index, photo in enumerate(exemplar.photos):
            if not (catalogue.folder / photo.file).is_file():
                yield exemplar, ("photos", index, "file"), _missing_file(photo.file)
            elif problem := _image_problem(catalogue.folder / photo.file, photo.file):
                yield exemplar, ("photos", index, "file"), problem


def _batch_problems(catalogue: Catalogue, invalid: set[str]) -> Iterator[Problem]:
    for batch in catalogue.batches.values():
        if batch.attachment and not (catalogue.folder / batch.attachment.file).is_file():
            yield batch, ("attachment", "file"), _missing_file(batch.attachment.file)
        for index, nominee in enumerate(batch.nominees):
            if nominee.exemplar and nominee.exemplar not in catalogue.exemplars and nominee.exemplar not in invalid:
                hint = did_you_mean(nominee.exemplar, list(catalogue.exemplars))
                yield (batch, ("nominees", index, "exemplar"),
                       f'no exemplar has the id "{nominee.exemplar}"{hint}')
            if nominee.attachment and not (catalogue.folder / nominee.attachment.file).is_file():
                yield batch, ("nominees", index, "attachment", "file"), _missing_file(nominee.attachment.file)


def _alias_problems(catalogue: Catalogue) -> Iterator[Problem]:
    """An old id may redirect to one record only, and never hide a living record's page."""
    for table in (catalogue.exemplars, catalogue.campaigns, catalogue.batches):
        claimed: dict[str, str] = {}
        for record_id, record in sorted(table.items()):
            for index, alias in enumerate(record.aliases):
                if alias in table:
                    yield record, ("aliases", index), f'"{alias}" is the id of {table[alias].source}, not a former id'
                elif alias in claimed:
                    yield record, ("aliases", index), f'"{alias}" is already a former id of {claimed[alias]}'
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
        reason = "not an image file" if isinstance(exc, UnidentifiedImageError) else f"damaged: {exc}"
        return f'the file "{name}" cannot be read as an image ({reason}); save it again as JPEG or PNG'
    return None


def _missing_file(name: str) -> str:
    return f'the file "{name}" is not in the records folder'


def locate_problem(record: Record, path: FieldPath, message: str, level: Level = "error") -> RecordError:
    """A problem of a valid record at its field, the file read again to find the line."""
    line, column = 1, 1
    if record.path is not None:
        doc, _errors = parse_yaml(record.path.read_text(encoding="utf-8"), record.source)
        if doc is not None:
            line, column = doc.locate(path)
    return RecordError(record.source, line, column, format_field_path(path), message, level)
