"""Find, parse and validate every record file; report all problems at once.

Layout of the records folder:

- ``campaigns/*.yml``    campaigns (phong trào thi đua)
- ``nominations/*.yml``  nomination batches (đợt lấy ý kiến nhân dân)
- ``calendar/<year>.yml`` the year's days off and make-up working days (the legal calendar)
- any other ``*.yml``    exemplars, in the folder or in sub-folders of your choosing

A file's name (without ``.yml``) is its id and its stable URL.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from site_builder.model.campaign import Campaign
from site_builder.model.catalogue import Catalogue
from site_builder.model.exemplar import Exemplar
from site_builder.model.fields import SLUG
from site_builder.model.i18n import gettext as _
from site_builder.model.legal_calendar import CalendarYear
from site_builder.model.nomination import NominationBatch
from site_builder.model.record import Record

from .count_files import load_comment_counts
from .crossref import Draft, check_drafts, check_references
from .errors import ErrorReport, RecordError, RecordsInvalid, display_path
from .file_identity import RecordStore, record_key, signature, text_digest
from .normalised import province_notices
from .periods import CALENDAR_FOLDER, apply_calendar, check_draft_periods
from .register_files import load_receipt_registers
from .validation import validate_document
from .yamlsource import parse_yaml

KIND_FOLDERS: dict[str, type[Record]] = {"campaigns": Campaign, "nominations": NominationBatch,
                                         CALENDAR_FOLDER: CalendarYear}
SUFFIXES = (".yml", ".yaml")


def record_files(folder: Path) -> list[Path]:
    """Every record file, in a stable order; hidden folders (and those starting with ``_``) are skipped."""
    files = []
    for here, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith((".", "_"))]
        files.extend(Path(here, name) for name in names
                     if name.endswith(SUFFIXES) and not name.startswith((".", "_")))
    return sorted(path for path in files if path.is_file())


def record_kind(folder: Path, path: Path) -> type[Record]:
    top = path.relative_to(folder).parts[0]
    return KIND_FOLDERS.get(top, Exemplar)


def check_records(folder: Path, base: Path | None = None, cache: RecordStore | None = None,
                  map_chunks: MapChunks | None = None) -> tuple[Catalogue | None, ErrorReport]:
    """Load every record under ``folder``. Paths in messages are relative to ``base``.

    With a ``cache``, a file unchanged since an earlier build is not validated again.
    With ``map_chunks`` (the build's, which may use two processes), many files are validated through it.
    """
    base = base or Path.cwd()
    report = ErrorReport()
    if not folder.is_dir():
        report.add(RecordError(display_path(folder, base), 1, 1, "", _("the records folder does not exist")))
        return None, report
    catalogue = Catalogue(folder=folder)
    invalid: set[str] = set()  # ids of files with errors: references to them are not reported again
    root = base.resolve()
    folder = folder.resolve()
    sources = [_read(path, record_kind(folder, path), display_path(path, root, resolved=True), cache)
               for path in record_files(folder)]
    drafts: list[Draft] = []
    for source, (record, errors, data) in zip(sources, _load_sources(sources, cache, map_chunks)):
        report.extend(errors)
        if record is not None:
            _add(catalogue, record, report)
        else:
            invalid.add(source.path.stem)
            drafts.append(Draft(source.shown_as, source.path, _DRAFT_KINDS.get(source.model, ""), data))
    report.extend(check_references(catalogue, invalid))
    # The files that failed are checked against the others too: every problem in one run.
    reported = {(error.file, error.field_path) for error in report.errors}
    report.extend(check_drafts(catalogue, drafts, invalid, reported))
    report.extend(apply_calendar(catalogue))
    report.extend(check_draft_periods(catalogue.calendar, drafts, reported))
    catalogue.comment_counts, count_errors = load_comment_counts(folder, base, catalogue.batches)
    report.extend(count_errors)
    catalogue.receipt_registers, register_errors = load_receipt_registers(folder, base, catalogue.batches,
                                                                          catalogue.comment_counts, cache)
    report.extend(register_errors)
    return (None if report else catalogue), report


def load_records(folder: Path, base: Path | None = None, cache: RecordStore | None = None,
                 map_chunks: MapChunks | None = None) -> Catalogue:
    """Like :func:`check_records`, but raise :class:`RecordsInvalid` on any problem."""
    catalogue, report = check_records(folder, base, cache, map_chunks)
    if report or catalogue is None:
        raise RecordsInvalid(report)
    return catalogue


# Below this many files to validate, a second process costs more than it saves.
PARALLEL_FROM = 200

Chunk = TypeVar("Chunk")
# Applies ``work`` to chunks of ``items`` (perhaps in several processes); the results of every chunk.
MapChunks = Callable[[Sequence[Any], Callable[[list[Any]], Chunk]], list[Chunk]]


def in_one_piece(items: Sequence[Any], work: Callable[[list[Any]], Chunk]) -> list[Chunk]:
    """The plain :data:`MapChunks`: all of ``items`` in one chunk, in this process."""
    return [work(list(items))] if items else []


@dataclass
class _Source:
    """One record file: what the cache is keyed by, and its text once read (for validation)."""

    path: Path
    model: type[Record]
    shown_as: str
    digest: str
    key: str
    text: str | None = None
    undecodable: str | None = None  # why the file is not UTF-8 text


# The record kinds whose files and references are checked in a file that failed validation too.
_DRAFT_KINDS: dict[type[Record], str] = {Exemplar: "exemplar", NominationBatch: "batch"}

Loaded = tuple[Record | None, list[RecordError], Any]


def _load_sources(sources: list[_Source], cache: RecordStore | None, map_chunks: MapChunks | None) -> list[Loaded]:
    """Each file's record (found in ``cache`` or validated) or errors with the file's data as read
    (None when it could not be read), in the order of ``sources``."""
    found: dict[int, Loaded] = {}
    to_validate: list[int] = []
    for number, source in enumerate(sources):
        kept = cache.get(source.key) if cache is not None and source.undecodable is None else None
        if kept is not None:
            found[number] = (kept, [], None)
        else:
            to_validate.append(number)

    def validate(numbers: list[int]) -> list[tuple[int, Record | None, list[RecordError], Any]]:
        return [(number, *_validate_source(sources[number])) for number in numbers]

    mapper = map_chunks if map_chunks is not None and len(to_validate) >= PARALLEL_FROM else in_one_piece
    for part in mapper(to_validate, validate):
        for number, record, errors, data in part:
            found[number] = (record, errors, data)
            if record is not None and cache is not None:
                cache.put(sources[number].key, record)
    for number, source in enumerate(sources):
        record = found[number][0]
        if record is not None:
            record.bind(source.path.stem, source.shown_as, source.path, source.digest)
    return [found[number] for number in range(len(sources))]


def _read(path: Path, model: type[Record], shown_as: str, cache: RecordStore | None) -> _Source:
    """The file's hash: remembered by the cache when the file is unchanged, else read and computed."""
    found = signature(path) if cache is not None else None
    digest = cache.digest_of(path, found) if cache is not None and found is not None else None
    if digest is not None:  # unchanged since it was last read: no need to read it
        return _Source(path, model, shown_as, digest, record_key(model, path.stem, digest))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return _Source(path, model, shown_as, "", "", undecodable=_why_not_utf8(exc))
    digest = text_digest(text)
    if cache is not None and found is not None:
        cache.saw(path, found, digest)
    return _Source(path, model, shown_as, digest, record_key(model, path.stem, digest), text)


def _why_not_utf8(exc: UnicodeDecodeError) -> str:
    """In the officer's words: Notepad's "Unicode" (UTF-16) is the usual case on Windows."""
    if exc.object[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _('it is saved as UTF-16, which Notepad calls "Unicode"')
    return _("byte {position} is not UTF-8; it was probably saved as ANSI or Windows-1258").format(
        position=exc.start + 1)


def _validate_source(source: _Source) -> Loaded:
    if source.undecodable is not None:
        return None, [RecordError(source.shown_as, 1, 1, "", _(
            "the file is not UTF-8 text ({reason}): open it in Notepad, choose File › Save As, set Encoding to "
            "UTF-8 and save").format(reason=source.undecodable))], None
    text = source.text if source.text is not None else source.path.read_text(encoding="utf-8")
    return _validate_text(text, source.path, source.model, source.shown_as)


def load_record(path: Path, model: type[Record], shown_as: str,
                cache: RecordStore | None = None) -> tuple[Record | None, list[RecordError]]:
    """Parse and validate one file (or find it in ``cache``); the id comes from its name.

    Only errors are returned (not the notices of :func:`check_records`); a batch's deadline
    is counted by the statutory holidays alone, without the calendar files.
    """
    [(record, errors, _data)] = _load_sources([_read(path, model, shown_as, cache)], cache, None)
    return record, [error for error in errors if error.level == "error"]


def _validate_text(text: str, path: Path, model: type[BaseModel], shown_as: str) -> Loaded:
    doc, errors = parse_yaml(text, shown_as)
    if doc is None:
        return None, errors, None
    record, validation_errors = validate_document(model, doc)
    errors = errors + validation_errors + _check_file_name(path, shown_as)
    if errors:
        return None, errors, doc.data
    # Notices ride with a valid record (not kept by the record cache: shown when the file changes).
    return record, province_notices(record, doc), None


def _check_file_name(path: Path, shown_as: str) -> list[RecordError]:
    if SLUG.match(path.stem):
        return []
    message = _('the file name "{name}" cannot be an id: rename the file using lower-case letters '
                'without accents, digits and hyphens, e.g. nguyen-thi-hoa.yml').format(name=path.stem)
    return [RecordError(shown_as, 1, 1, "", message)]


def _add(catalogue: Catalogue, record: Record, report: ErrorReport) -> None:
    table = {Exemplar: catalogue.exemplars, Campaign: catalogue.campaigns,
             NominationBatch: catalogue.batches, CalendarYear: catalogue.calendar_years}[type(record)]
    other = table.get(record.id)
    if other is not None:
        report.add(RecordError(record.source, 1, 1, "",
                               _('the id "{id}" is already used by {other}; rename one of the files').format(
                                   id=record.id, other=other.source)))
        return
    table[record.id] = record
