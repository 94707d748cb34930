"""What each ``site-builder comments`` sub-command does (parsing lives in :mod:`.arguments`)."""

from __future__ import annotations

import argparse
import json
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from site_builder.comments.batches import load_batches
from site_builder.comments.handling.entry_fields import check_entry
from site_builder.comments.handling.letter_entry import enter_comment
from site_builder.comments.handling.status_changes import StatusChange, change_status
from site_builder.comments.refusals import ServiceError
from site_builder.comments.settings import (
    DATABASE_VARIABLE,
    DatabaseSetting,
    Settings,
    SpamRules,
    StaffRules,
    database_setting,
)
from site_builder.comments.site_config import (
    SiteConfigInvalid,
    SiteIdentity,
    default_site_config,
    read_site_config,
)
from site_builder.comments.store.register import (
    COUNTING_RULE,
    COUNTING_RULE_ENGLISH,
    NewComment,
    Store,
    StoreUnavailable,
    open_store,
)
from site_builder.comments.store.migrations import SchemaTooNew
from site_builder.comments.store.schema import LATEST, MIGRATIONS
from site_builder.model.i18n import current_language
from site_builder.model.i18n import gettext as _
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

    if arguments.staff_insecure_cookie and not _loopback(arguments.host):
        raise CommandFailed(_("--staff-insecure-cookie sends the staff session over plain HTTP: it is allowed "
                              "only when --host is a loopback address, not {host}").format(host=arguments.host))
    database = database_setting(arguments.database).url
    identity = site_identity(arguments)
    settings = Settings(
        records=arguments.records, database_url=database, origin=arguments.origin,
        max_body_bytes=arguments.max_body_bytes, duplicate_window=arguments.duplicate_window,
        board=identity.board, site_url=identity.site_url,
        spam=SpamRules(min_seconds=arguments.min_seconds, rate_limit=arguments.rate_limit,
                       rate_window=arguments.rate_window, invalid_limit=arguments.invalid_limit,
                       lookup_limit=arguments.lookup_limit, lookup_window=arguments.lookup_window,
                       secret=_secret(arguments.secret_file)),
        staff=StaffRules(require_totp=arguments.staff_require_totp,
                         insecure_cookie=arguments.staff_insecure_cookie, origin=arguments.staff_origin),
    )
    app = create_app(settings)
    print(_("Comment service: http://{host}:{port} (database {database}, records {records})").format(
        host=arguments.host, port=arguments.port, database=masked(database), records=arguments.records), flush=True)
    uvicorn.run(app, host=arguments.host, port=arguments.port, proxy_headers=True,
                forwarded_allow_ips=arguments.forwarded_allow_ips, access_log=arguments.access_log,
                log_level="info", timeout_graceful_shutdown=10)
    return 0


def export(arguments: argparse.Namespace) -> int:
    batch = _known_batch(arguments.records, arguments.batch)
    with closing(open_register(arguments)) as store:
        comments = store.comments(arguments.batch)
    if batch is None and not comments:
        raise CommandFailed(_('no batch "{batch}" in the records and no comments for it').format(batch=arguments.batch))
    if arguments.without_spam:
        comments = [comment for comment in comments if comment.status != "spam"]
    names = {nominee.id: nominee.name for nominee in batch.nominees} if batch else {}
    table = rows(comments, names)
    if _format(arguments) == "xlsx":
        write_xlsx(arguments.output, table, batch.title if batch else arguments.batch)
    else:
        write_csv(arguments.output, table)
    print(_('{count} comments of {batch} written to {file} (the column "Nhận trong thời hạn" says which the '
            'public figures count: {rule})').format(count=len(table), batch=arguments.batch, file=arguments.output,
                                                    rule=_counting_rule()))
    return 0


def counts(arguments: argparse.Namespace) -> int:
    batch = _known_batch(arguments.records, arguments.batch)
    with closing(open_register(arguments)) as store:
        counted = store.counts(arguments.batch)
    if batch is None and not counted:
        raise CommandFailed(_('no batch "{batch}" in the records and no comments for it').format(batch=arguments.batch))
    nominee_ids = [nominee.id for nominee in batch.nominees] if batch else []
    document = counts_document(arguments.batch, nominee_ids, counted, now_in_vietnam())
    if arguments.output:
        write_counts(arguments.output, document)
    print(json.dumps(document, ensure_ascii=False, indent=2) if arguments.json else render_table(document))
    if not arguments.json:
        print(_("rule: {rule}").format(rule=_counting_rule()))
    return 0


def moderate(arguments: argparse.Namespace) -> int:
    """Set a comment's status, audited as ``cli:<user>`` (the first releases' ``new`` means received)."""
    change = StatusChange(arguments.status, arguments.reason or "", arguments.duplicate_of or "")
    with closing(open_register(arguments)) as store:
        [changed] = change_status(store, [arguments.receipt], change, cli_actor(), now_in_vietnam())
    print(f"{changed.receipt}: {changed.new}")
    return 0


def cli_actor() -> str:
    """Who runs a command, for the audit trail: ``cli:<login name>``."""
    import getpass

    return f"cli:{getpass.getuser()}"


def add(arguments: argparse.Namespace) -> int:
    batch = _known_batch(arguments.records, arguments.batch, required=True)
    assert batch is not None
    if batch.nominee(arguments.nominee) is None:
        known = ", ".join(nominee.id for nominee in batch.nominees)
        raise CommandFailed(_('no nominee "{nominee}" in {batch} (nominees: {known})').format(
            nominee=arguments.nominee, batch=batch.id, known=known))
    received_at = _received_at(arguments.received_at)
    comment = _staff_entry(arguments, batch)
    with closing(open_register(arguments)) as store:
        code, outside = enter_comment(store, batch, comment, received_at, cli_actor(), now_in_vietnam(),
                                      again=arguments.again)
    if outside:
        print(_("note: {moment} is outside the comment period of {batch}: stored and marked so; the public "
                "figures leave it out").format(moment=f"{received_at:%d/%m/%Y %H:%M}", batch=batch.id))
    print(code)
    return 0


def report(arguments: argparse.Namespace) -> int:
    """The council's report of a batch, as Word or Excel (from the file name), written 0600; audited."""
    from site_builder.comments.handling.council_report import gather_report, report_bytes
    from site_builder.comments.private_files import open_private

    suffix = arguments.output.suffix.lower().lstrip(".")
    if suffix not in ("docx", "xlsx"):
        raise CommandFailed(_("--output: {file} must end in .docx (Word) or .xlsx (Excel)").format(
            file=arguments.output))
    batch = _known_batch(arguments.records, arguments.batch, required=True)
    assert batch is not None
    board = site_identity(arguments).board  # the title block names it; else the batch's proposer
    with closing(open_register(arguments)) as store:
        made = gather_report(store, batch, board, arguments.for_council, suffix, cli_actor(), now_in_vietnam())
    with open_private(arguments.output, "wb") as file:
        file.write(report_bytes(made, suffix))
    done = _("report of {batch} written to {file} (with the commenters' contacts)") if arguments.for_council \
        else _("report of {batch} written to {file} (without the commenters' contacts)")
    print(done.format(batch=batch.id, file=arguments.output))
    return 0


def publish(arguments: argparse.Namespace) -> int:
    """Freeze a closed batch's figures and register of receipts and write the files the site build reads."""
    from site_builder.comments.handling.figures import publish_figures

    batch = _known_batch(arguments.records, arguments.batch, required=True)
    assert batch is not None
    with closing(open_register(arguments)) as store:
        done = publish_figures(store, batch, arguments.records, cli_actor(), now_in_vietnam(), arguments.yes)
    state = _("published") if done.first_time else _("already published {moment}").format(
        moment=f"{done.published_at:%d/%m/%Y %H:%M}")
    print(_("{batch}: {total} comments {state}; {file} and {register} ({receipts} receipts) written: commit "
            "them (or let the hourly build pick them up) so the site shows the figures and the register").format(
        batch=batch.id, total=done.total, state=state, file=done.path, register=done.register_path,
        receipts=done.receipts))
    return 0


def migrate(arguments: argparse.Namespace) -> int:
    """Opening the store migrates it; say what that did, for the operator's log."""
    with closing(open_register(arguments)) as store:
        migrated = store.migrated
    print(_("schema version before: {version}").format(version=migrated.before))
    for number in migrated.applied:
        print(_("applied migration {number}: {summary}").format(number=number, summary=MIGRATIONS[number - 1].summary))
    print(_("schema version after: {version} (the latest this site-builder knows: {latest})").format(
        version=migrated.after, latest=LATEST))
    return 0


def purge(arguments: argparse.Namespace) -> int:
    """Erase personal data of batches whose retention ended; print each batch's fate."""
    if not arguments.records.is_dir():
        raise CommandFailed(_("the records folder {folder} does not exist (use --records DIR): the outcome dates "
                              "come from it").format(folder=arguments.records))
    batches = load_batches(arguments.records)
    today = now_in_vietnam().date()
    with closing(open_register(arguments)) as store:
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
        return _("{batch}: {count} comments with personal data kept — {reason}").format(
            batch=due.batch, count=due.comments, reason=due.reason)
    if dry_run:
        return _("{batch}: would erase the personal data of {count} comments — {reason}").format(
            batch=due.batch, count=due.comments, reason=due.reason)
    erased = store.erase_personal_data(due.batch)
    record_erasure(due.batch, erased, today)
    return _("{batch}: erased the personal data of {count} comments — {reason}").format(
        batch=due.batch, count=erased, reason=due.reason)


def _loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: only this machine can reach the service."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def open_register(arguments: argparse.Namespace) -> Store:
    """The register the settings name; refused when it does not exist, unless ``--create`` was given."""
    setting = database_setting(arguments.database)
    missing = setting.sqlite_file
    if missing is not None and not missing.exists() and not arguments.create:
        raise CommandFailed(_no_register(setting, missing, create_offered=arguments.create is not None))
    try:
        return open_store(setting.url)
    except SchemaTooNew:
        raise
    except StoreUnavailable as exc:
        raise CommandFailed(_("cannot open the register of comments at {url} (from {given_by}): {problem}. Check "
                              "that address, and that the database server is running; nothing was read or "
                              "written").format(url=masked(setting.url), given_by=_(setting.given_by),
                                                problem=str(exc).strip())) from None


def _no_register(setting: DatabaseSetting, path: Path, create_offered: bool) -> str:
    said = _("there is no register of comments at {path} ({url}, from {given_by}); nothing was read or written. "
             "Give the register the comment service writes to with --database sqlite:///PATH (or postgresql://…), "
             "or set {variable} to it").format(
        path=path.resolve(), url=setting.url, given_by=_(setting.given_by), variable=DATABASE_VARIABLE)
    return said + (_("; add --create only to start a new, empty register") if create_offered else "")


def _counting_rule() -> str:
    """The rule the public figures follow, in the officer's language."""
    return COUNTING_RULE if current_language() == "vi" else COUNTING_RULE_ENGLISH


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
        raise CommandFailed(_("--secret-file: cannot read {file}: {reason}").format(
            file=path, reason=file_problem(exc))) from None
    if len(secret) < 16:
        raise CommandFailed(_("--secret-file: {file} holds fewer than 16 characters; write a long random secret in "
                              "it, e.g. with: openssl rand -hex 32").format(file=path))
    return secret


def _known_batch(records: Path, batch_id: str, required: bool = False) -> NominationBatch | None:
    """The batch from the records; ``None`` when the records are absent and not ``required``."""
    if not records.is_dir():
        if required:
            raise CommandFailed(_("the records folder {folder} does not exist (use --records DIR)").format(
                folder=records))
        return None
    batch = load_batches(records).get(batch_id)
    if batch is None and required:
        raise CommandFailed(_('no nomination batch "{batch}" in {folder}').format(batch=batch_id, folder=records))
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


def _staff_entry(arguments: argparse.Namespace, batch: NominationBatch) -> NewComment:
    """The console's rules for a letter, a call or an e-mail, so the register is uniform."""
    data = {"nominee": arguments.nominee, "channel": arguments.channel, "name": arguments.name,
            "contact": arguments.contact, "text": arguments.text, "address": arguments.address}
    try:
        return check_entry(data, batch, Settings().limits)
    except ServiceError as error:
        problems = "; ".join(f"--{field.replace('_', '-')}: {text}" for field, text in error.fields.items())
        raise CommandFailed(problems) from None
