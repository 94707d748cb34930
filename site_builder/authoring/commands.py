"""The staff's publishing commands: ``new``, ``import nominees``, ``schema``, and GitHub annotations.

Kept apart from :mod:`site_builder.cli`, which only wires the commands together.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_builder.model.i18n import gettext as _
from site_builder.model.i18n import ngettext
from site_builder.model.nomination import NominationBatch
from site_builder.records.errors import ErrorReport, RecordError
from site_builder.records.loader import load_record
from site_builder.records.placeholders import is_placeholder_message
from site_builder.site.json_schemas import SCHEMA_DIR, write_schemas

from .nominee_import import (
    FIELDS,
    ImportOptions,
    ImportRefused,
    ImportResult,
    SpreadsheetError,
    import_nominees,
    read_mapping,
    render_preview,
)
from .scaffold import (
    NEW_KINDS,
    NewRecord,
    ScaffoldError,
    create_record,
    site_url_of,
)


def add_publishing_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``new``, ``import nominees`` and ``schema`` to the ``site-builder`` command."""
    _add_new(commands)
    _add_import(commands)
    _add_schema(commands)


# -- site-builder new ------------------------------------------------------------------------

def _add_new(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help=_("start a record from a commented template (never overwrites)"))
    new.add_argument("kind", choices=list(NEW_KINDS), help=_("what to create"))
    new.add_argument("name", help=_('the Vietnamese name or title, e.g. "Nguyễn Thị Hoà"; the file name '
                                    'comes from it'))
    new.add_argument("--folder", default="exemplars", type=Path, help=_("the records folder (default: exemplars)"))
    new.add_argument("--kind", dest="exemplar_kind", choices=["individual", "collective"],
                     help=_("for an exemplar: individual (default, into ca-nhan/) or collective (into tap-the/)"))
    new.add_argument("--id", dest="record_id", help=_("the file name (id) to use instead of the one made from NAME"))
    new.add_argument("--site-url", help=_("the site's address, for the schema line (default: site_url in mkdocs.yml)"))
    new.set_defaults(run=_run_new)


def _run_new(arguments: argparse.Namespace) -> int:
    if arguments.exemplar_kind and arguments.kind != "exemplar":
        print("site-builder new: " + _("--kind is for exemplars only"), file=sys.stderr)
        return 1
    request = NewRecord(
        kind=arguments.kind, name=arguments.name, folder=arguments.folder,
        exemplar_kind=arguments.exemplar_kind or "individual", record_id=arguments.record_id,
        schema=arguments.site_url or site_url_of(arguments.folder.parent / "mkdocs.yml"),
    )
    try:
        path = create_record(request)
    except ScaffoldError as exc:
        print(f"site-builder new: {exc}", file=sys.stderr)
        return 1
    print(_("Created {file}: replace every value marked <…>, then run site-builder validate.").format(
        file=path.as_posix()))
    return 0


# -- site-builder import nominees ------------------------------------------------------------

def _add_import(commands: argparse._SubParsersAction) -> None:
    importer = commands.add_parser("import", help=_("import records from a spreadsheet"))
    what = importer.add_subparsers(dest=_("command"), required=True)  # the word argparse's messages show
    nominees = what.add_parser(
        "nominees", help=_("the nominees of a batch, from the board's list (.xlsx, .xls, .docx or CSV UTF-8)"),
        description=_("Reads the list of nominees (title block, merged header, 'Tập thể'/'Cá nhân' sections "
                    "are fine; it stops at the date line or the signature block and checks the sheet's total) "
                    "into exemplars/nominations/BATCH.yml: a new file whose batch values not in the title block "
                    "are placeholders to fill, or the nominees section of an existing batch file."))
    nominees.add_argument("file", type=Path, help=_("the list: Excel (.xlsx, .xls), Word (.docx) or CSV UTF-8"))
    nominees.add_argument("--batch", required=True, help=_("the batch id (file name), e.g. huan-chuong-lao-dong-2026"))
    nominees.add_argument("--folder", default="exemplars", type=Path, help=_("the records folder (default: exemplars)"))
    nominees.add_argument("--output", type=Path, help=_("write here instead of FOLDER/nominations/BATCH.yml"))
    nominees.add_argument("--mapping", help=_("JSON (or a JSON file) naming columns the import does not "
                                              "recognise: {example}; fields: {fields}").format(
        example='{"Tên cột": "name", "E": "summary"}', fields=", ".join(FIELDS)))
    nominees.add_argument("--province", help=_("the province of every nominee when the sheet has no province column"))
    nominees.add_argument("--kind", choices=["individual", "collective"],
                          help=_("the kind of nominees before any 'Tập thể'/'Cá nhân' section row"))
    nominees.add_argument("--award", help=_("the award proposed when the sheet has neither an award column nor "
                                          "award section rows"))
    nominees.add_argument("--sheet", help=_("the sheet to read (default: the first)"))
    nominees.add_argument("--replace", action="store_true",
                          help=_("replace the nominees already in the batch file"))
    nominees.add_argument("--dry-run", action="store_true",
                          help=_("print the nominees the import would write, as a table, and write nothing"))
    nominees.set_defaults(run=_run_import)


def _run_import(arguments: argparse.Namespace) -> int:
    try:
        options = ImportOptions(
            batch=arguments.batch, folder=arguments.folder, output=arguments.output,
            mapping=read_mapping(arguments.mapping), province=arguments.province, kind=arguments.kind,
            award=arguments.award, sheet=arguments.sheet, replace=arguments.replace, dry_run=arguments.dry_run,
            schema=site_url_of(arguments.folder.parent / "mkdocs.yml"),
        )
        existed = options.path.exists()
        result = import_nominees(arguments.file, options)
    except SpreadsheetError as exc:
        if isinstance(exc, ImportRefused):
            _print_rows(arguments.file.name, exc.result)
        print(f"site-builder import: {exc}", file=sys.stderr)
        return 1
    _print_rows(arguments.file.name, result)
    if options.dry_run:
        print(render_preview(result))
        print(_("Read {count} nominees from {file}; nothing was written (--dry-run).").format(
            count=len(result.nominees), file=arguments.file.name))
        return 0
    _print_summary(arguments.file.name, options.path, result, existed)
    return 0


def _print_rows(source: str, result: ImportResult) -> None:
    messages = result.skipped + [(row, _("check: {note}").format(note=note)) for row, note in result.notes]
    if result.end:
        row, what, count = result.end
        messages.append((row, _("the list of nominees ends here, at {what}: this row and the rows below it are "
                                "not read ({count} rows with text)").format(what=_(what), count=count)))
    for row, message in sorted(messages):
        print(f"{source}:{row}: {message}", file=sys.stderr)


def _print_summary(source: str, path: Path, result: ImportResult, existed: bool) -> None:
    done = _("Read {count} nominees from {source}; updated the nominees of {file}.") if existed else \
        _("Read {count} nominees from {source}; created {file}.")
    print(done.format(count=len(result.nominees), source=source, file=path.as_posix()))
    problems = _remaining_problems(path)
    placeholders = [problem for problem in problems if is_placeholder_message(problem.message)]
    for problem in problems:
        if problem not in placeholders:
            print(problem, file=sys.stderr)
    if placeholders:
        print(_("{count} values marked <…> are still to fill in; site-builder validate lists them.").format(
            count=len(placeholders)))
    if result.skipped:
        print(ngettext("{count} row could not be used (listed above): add it by hand, or correct the spreadsheet "
                       "and import again with --replace.",
                       "{count} rows could not be used (listed above): add them by hand, or correct the "
                       "spreadsheet and import again with --replace.", len(result.skipped)).format(
            count=len(result.skipped)), file=sys.stderr)


def _remaining_problems(path: Path) -> list[RecordError]:
    _record, errors = load_record(path, NominationBatch, path.as_posix())
    return sorted(errors)


# -- site-builder schema ---------------------------------------------------------------------

def _add_schema(commands: argparse._SubParsersAction) -> None:
    schema = commands.add_parser("schema", help=_("write the JSON Schema of each record kind, for editors"))
    schema.add_argument("--output", default=SCHEMA_DIR, type=Path, help=_("the folder (default: {folder})").format(
        folder=SCHEMA_DIR))
    schema.add_argument("--site-url", help=_("the site's address, for the schemas' $id (default: none)"))
    schema.set_defaults(run=_run_schema)


def _run_schema(arguments: argparse.Namespace) -> int:
    for path in write_schemas(arguments.output, arguments.site_url):
        print(f"Wrote {path.as_posix()}")
    return 0


# -- site-builder validate --format github ---------------------------------------------------

def render_github(report: ErrorReport) -> str:
    """Each problem as a GitHub Actions ``::error`` command (``::warning``, ``::notice`` for the notes),
    which shows it on the file and line."""
    lines = []
    for error in [*report.sorted(), *report.sorted_notes()]:
        properties = (f"file={_escape_property(error.file)},line={error.line},col={error.column},"
                      f"title={_escape_property(error.field_path or 'record')}")
        text = f"{error.field_path}: {error.message}" if error.field_path else error.message
        lines.append(f"::{error.level} {properties}::{_escape_data(text)}")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    # As in GitHub's actions/toolkit (command.ts, escapeData).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")

