"""What each ``site-builder comments`` sub-command does (parsing lives in :mod:`.arguments`)."""

from __future__ import annotations

import argparse
import json
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from site_builder.comments.batches import load_batches
from site_builder.comments.http.submission import Target, check_submission
from site_builder.comments.refusals import ServiceError
from site_builder.comments.settings import Settings, SpamRules
from site_builder.comments.site_config import (
    SiteConfigInvalid,
    SiteIdentity,
    default_site_config,
    read_site_config,
)
from site_builder.comments.store.receipts import normalise_receipt
from site_builder.comments.store.register import NewComment, Store, open_store
from site_builder.comments.store.schema import LATEST, MIGRATIONS
from site_builder.model.nomination import NominationBatch
from site_builder.model.vntime import VIETNAM, now_in_vietnam, parse_moment

from .export import rows, write_csv, write_xlsx
from .retention import RETENTION_MONTHS, Due, plan, record_erasure
from .tally import counts_document, render_table, write_counts


class CommandFailed(Exception):
    """A problem the staff member can fix; shown as one line, exit code 1."""


def serve(arguments: argparse.Namespace) -> int:
    import uvicorn

    from site_builder.comments.http.app import create_app

    identity = site_identity(arguments)
    settings = Settings(
        records=arguments.records, database_url=arguments.database, origin=arguments.origin,
        max_body_bytes=arguments.max_body_bytes, duplicate_window=arguments.duplicate_window,
        board=identity.board, site_url=identity.site_url,
        spam=SpamRules(min_seconds=arguments.min_seconds, rate_limit=arguments.rate_limit,
                       rate_window=arguments.rate_window, invalid_limit=arguments.invalid_limit,
                       lookup_limit=arguments.lookup_limit, lookup_window=arguments.lookup_window,
                       secret=_secret(arguments.secret_file)),
    )
    app = create_app(settings)
    print(f"Comment service: http://{arguments.host}:{arguments.port} "
          f"(database {masked(arguments.database)}, records {arguments.records})", flush=True)
    uvicorn.run(app, host=arguments.host, port=arguments.port, proxy_headers=True,
                forwarded_allow_ips=arguments.forwarded_allow_ips, access_log=arguments.access_log,
                log_level="info", timeout_graceful_shutdown=10)
    return 0


def export(arguments: argparse.Namespace) -> int:
    batch = _known_batch(arguments.records, arguments.batch)
    with closing(open_store(arguments.database)) as store:
        comments = store.comments(arguments.batch)
    if batch is None and not comments:
        raise CommandFailed(f'no batch "{arguments.batch}" in the records and no comments for it')
    if arguments.without_spam:
        comments = [comment for comment in comments if comment.status != "spam"]
    names = {nominee.id: nominee.name for nominee in batch.nominees} if batch else {}
    table = rows(comments, names)
    if _format(arguments) == "xlsx":
        write_xlsx(arguments.output, table, batch.title if batch else arguments.batch)
    else:
        write_csv(arguments.output, table)
    print(f"{len(table)} comments of {arguments.batch} written to {arguments.output}")
    return 0


def counts(arguments: argparse.Namespace) -> int:
    batch = _known_batch(arguments.records, arguments.batch)
    with closing(open_store(arguments.database)) as store:
        counted = store.counts(arguments.batch)
    if batch is None and not counted:
        raise CommandFailed(f'no batch "{arguments.batch}" in the records and no comments for it')
    nominee_ids = [nominee.id for nominee in batch.nominees] if batch else []
    document = counts_document(arguments.batch, nominee_ids, counted, now_in_vietnam())
    if arguments.output:
        write_counts(arguments.output, document)
    print(json.dumps(document, ensure_ascii=False, indent=2) if arguments.json else render_table(document))
    return 0


def moderate(arguments: argparse.Namespace) -> int:
    code = normalise_receipt(arguments.receipt)
    if code is None:
        raise CommandFailed(f'"{arguments.receipt}" is not a receipt code (8 characters, e.g. K7QX-M4TN)')
    with closing(open_store(arguments.database)) as store:
        if not store.set_status(code, arguments.status):
            raise CommandFailed(f"no comment has the receipt {code}")
    print(f"{code}: {arguments.status}")
    return 0


def add(arguments: argparse.Namespace) -> int:
    batch = _known_batch(arguments.records, arguments.batch, required=True)
    assert batch is not None
    if batch.nominee(arguments.nominee) is None:
        known = ", ".join(nominee.id for nominee in batch.nominees)
        raise CommandFailed(f'no nominee "{arguments.nominee}" in {batch.id} (nominees: {known})')
    received_at = _received_at(arguments.received_at)
    comment = _staff_entry(arguments)
    with closing(open_store(arguments.database)) as store:
        receipt = store.add(comment, received_at)
    if batch.phase_at(received_at) != "open":
        print(f"note: {received_at:%d/%m/%Y %H:%M} is outside the comment period of {batch.id}")
    print(receipt.code)
    return 0


def migrate(arguments: argparse.Namespace) -> int:
    """Opening the store migrates it; say what that did, for the operator's log."""
    with closing(open_store(arguments.database)) as store:
        migrated = store.migrated
    print(f"schema version before: {migrated.before}")
    for number in migrated.applied:
        print(f"applied migration {number}: {MIGRATIONS[number - 1].summary}")
    print(f"schema version after: {migrated.after} (the latest this site-builder knows: {LATEST})")
    return 0


def purge(arguments: argparse.Namespace) -> int:
    """Erase personal data of batches whose retention ended; print each batch's fate."""
    if not arguments.records.is_dir():
        raise CommandFailed(f"the records folder {arguments.records} does not exist (use --records DIR): "
                            "the outcome dates come from it")
    batches = load_batches(arguments.records)
    today = now_in_vietnam().date()
    with closing(open_store(arguments.database)) as store:
        for due in plan(store.holding_personal_data(), batches, keep_months(arguments)):
            print(_purge_line(store, due, today, arguments.dry_run))
    return 0


def keep_months(arguments: argparse.Namespace) -> int:
    """``--keep-months``, else the board's ``retention_months`` (what the privacy notice says)."""
    if arguments.keep_months is not None:
        return arguments.keep_months
    board = site_identity(arguments).board
    return board.retention_months if board is not None else RETENTION_MONTHS


def site_identity(arguments: argparse.Namespace) -> SiteIdentity:
    """The board and site_url of ``--site-config``, or of the mkdocs.yml next to the records."""
    path = arguments.site_config or default_site_config(arguments.records)
    if path is None:
        return SiteIdentity(None, None)
    try:
        return read_site_config(path)
    except SiteConfigInvalid as exc:
        raise CommandFailed(str(exc)) from exc


def _purge_line(store: Store, due: Due, today: date, dry_run: bool) -> str:
    if not due.due(today):
        return f"{due.batch}: {due.comments} comments with personal data kept — {due.reason}"
    if dry_run:
        return f"{due.batch}: would erase the personal data of {due.comments} comments — {due.reason}"
    erased = store.erase_personal_data(due.batch)
    record_erasure(due.batch, erased, today)
    return f"{due.batch}: erased the personal data of {erased} comments — {due.reason}"


def masked(url: str) -> str:
    """The database URL without its password, fit for a log."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def _secret(path: Path | None) -> str | None:
    """The server secret from ``--secret-file``, or ``None`` to use the register's own."""
    if path is None:
        return None
    try:
        secret = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CommandFailed(f"--secret-file: cannot read {path}: {exc.strerror}") from None
    if len(secret) < 16:
        raise CommandFailed(f"--secret-file: {path} holds fewer than 16 characters; "
                            "write a long random secret in it, e.g. with: openssl rand -hex 32")
    return secret


def _known_batch(records: Path, batch_id: str, required: bool = False) -> NominationBatch | None:
    """The batch from the records; ``None`` when the records are absent and not ``required``."""
    if not records.is_dir():
        if required:
            raise CommandFailed(f"the records folder {records} does not exist (use --records DIR)")
        return None
    batch = load_batches(records).get(batch_id)
    if batch is None and required:
        raise CommandFailed(f'no nomination batch "{batch_id}" in {records}')
    return batch


def _format(arguments: argparse.Namespace) -> str:
    if arguments.format:
        return arguments.format
    return "xlsx" if arguments.output.suffix.lower() == ".xlsx" else "csv"


def _received_at(text: str | None) -> datetime:
    if text is None:
        return now_in_vietnam()
    try:
        day, clock = parse_moment(text)
    except ValueError as exc:
        raise CommandFailed(f"--received-at: {exc}") from None
    return datetime.combine(day, clock or datetime.min.time(), tzinfo=VIETNAM)


def _staff_entry(arguments: argparse.Namespace) -> NewComment:
    """The same field rules as the web form, so the register is uniform."""
    data = {"name": arguments.name, "contact": arguments.contact, "text": arguments.text,
            "address": arguments.address, "consent": True}
    try:
        checked = check_submission(data, Target(arguments.batch, arguments.nominee, None),
                                   Settings().limits, honeypot_field="")
    except ServiceError as error:
        problems = "; ".join(f"--{field.replace('_', '-')}: {text}" for field, text in error.fields.items())
        raise CommandFailed(problems) from None
    return NewComment(batch=checked.batch, nominee=checked.nominee, name=checked.name,
                      contact=checked.contact, text=checked.text, address=checked.address,
                      channel=arguments.channel)
