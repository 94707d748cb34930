"""``site-builder comments …``: run the service and keep the register, for the board's staff.

Every sub-command takes ``--database URL`` (default ``sqlite:///comments.sqlite3``,
a file in the current folder). Heavy imports (the web stack, openpyxl) happen
inside the commands, so ``site-builder validate`` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from site_builder.comments.settings import DEFAULT_DATABASE, SpamRules
from site_builder.comments.store.register import CHANNELS, STATUSES
from site_builder.records.errors import RecordsInvalid


def add_comments_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``comments`` command group to the ``site-builder`` parser."""
    group = subparsers.add_parser("comments", help="the comment service and the register of comments",
                                  description=__doc__)
    commands = group.add_subparsers(dest="comments_command", required=True)
    _add_serve(commands)
    _add_export(commands)
    _add_counts(commands)
    _add_moderate(commands)
    _add_add(commands)
    _add_migrate(commands)
    _add_purge(commands)


def _common(parser: argparse.ArgumentParser, records: bool = True) -> None:
    parser.add_argument("--database", default=DEFAULT_DATABASE, metavar="URL",
                        help=f"sqlite:///FILE or postgresql://… (default: {DEFAULT_DATABASE})")
    if records:
        parser.add_argument("--records", type=Path, default=Path("exemplars"), metavar="DIR",
                            help="the records folder with nominations/ (default: exemplars)")


def _site_config(parser: argparse.ArgumentParser, uses: str) -> None:
    parser.add_argument("--site-config", type=Path, metavar="PATH",
                        help=f"the site's mkdocs.yml, for its board ({uses}) and site_url (default: "
                             "mkdocs.yml in the folder that holds --records, when there is one)")


def _add_serve(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="run the comment service (HTTP)")
    _common(serve)
    _site_config(serve, "named on every page of the service, with a link to the privacy notice")
    serve.add_argument("--duplicate-window", type=float, default=24 * 3600, metavar="SECONDS",
                       help="the same comment (batch, nominee, contact, text) sent again within this time "
                            "gets its first receipt and is not stored again; 0 turns it off (default: 86400)")
    spam = SpamRules()
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--origin", metavar="URL", help="the site's origin, e.g. https://thiduakhenthuong"
                       ".example.gov.vn: CORS and receipt-page links are allowed for it only")
    serve.add_argument("--rate-limit", type=int, default=spam.rate_limit, metavar="N",
                       help=f"comments per IP address per window; 0 turns it off (default: {spam.rate_limit})")
    serve.add_argument("--rate-window", type=float, default=spam.rate_window, metavar="SECONDS",
                       help=f"the rate-limit window (default: {spam.rate_window:g})")
    serve.add_argument("--invalid-limit", type=int, default=spam.invalid_limit, metavar="N",
                       help="refused (invalid) posts per IP address per window before 429; 0 turns it off "
                            f"(default: {spam.invalid_limit})")
    serve.add_argument("--lookup-limit", type=int, default=spam.lookup_limit, metavar="N",
                       help=f"receipt look-ups per IP address per lookup window; 0 turns it off "
                            f"(default: {spam.lookup_limit})")
    serve.add_argument("--lookup-window", type=float, default=spam.lookup_window, metavar="SECONDS",
                       help=f"the look-up limit's window (default: {spam.lookup_window:g})")
    serve.add_argument("--secret-file", type=Path, metavar="FILE",
                       help="a file holding the server secret that keys the hashed addresses of the rate "
                            "limits (default: a random secret made once and kept in the register)")
    serve.add_argument("--min-seconds", type=float, default=spam.min_seconds, metavar="SECONDS",
                       help=f"least time between showing the form and sending it (default: {spam.min_seconds:g})")
    serve.add_argument("--max-body-bytes", type=int, default=32 * 1024, metavar="BYTES",
                       help="largest request body accepted (default: 32768)")
    serve.add_argument("--forwarded-allow-ips", default="127.0.0.1", metavar="IPS",
                       help="proxies trusted for X-Forwarded-For (default: 127.0.0.1)")
    serve.add_argument("--access-log", action="store_true",
                       help="log every request (off by default: the log would keep IP addresses)")
    serve.set_defaults(run=_lazy("serve"))


def _add_export(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help="every comment of a batch, for the council (CSV or Excel)")
    _common(export)
    export.add_argument("--batch", required=True, metavar="ID")
    export.add_argument("--format", choices=["csv", "xlsx"], help="default: from the file name, else csv")
    export.add_argument("--output", required=True, type=Path, metavar="FILE")
    export.add_argument("--without-spam", action="store_true", help="leave out comments marked spam")
    export.set_defaults(run=_lazy("export"))


def _add_counts(commands: argparse._SubParsersAction) -> None:
    counts = commands.add_parser("counts", help="comments per nominee of a batch (spam not counted)")
    _common(counts)
    counts.add_argument("--batch", required=True, metavar="ID")
    counts.add_argument("--json", action="store_true", help="print JSON instead of a table")
    counts.add_argument("--output", type=Path, metavar="FILE",
                        help="also write the counts for the site: YAML, or JSON if FILE ends in .json "
                             "(commit it as <records>/_comment-counts/<batch>.yml)")
    counts.set_defaults(run=_lazy("counts"))


def _add_moderate(commands: argparse._SubParsersAction) -> None:
    moderate = commands.add_parser("moderate", help="set a comment's moderation state")
    _common(moderate, records=False)
    moderate.add_argument("receipt", help="the receipt code, e.g. K7QX-M4TN")
    moderate.add_argument("status", choices=STATUSES)
    moderate.set_defaults(run=_lazy("moderate"))


def _add_add(commands: argparse._SubParsersAction) -> None:
    add = commands.add_parser("add", help="register a comment received by e-mail, phone or post")
    _common(add)
    add.add_argument("--batch", required=True, metavar="ID")
    add.add_argument("--nominee", required=True, metavar="ID")
    add.add_argument("--name", required=True)
    add.add_argument("--contact", required=True, help="phone number or e-mail address")
    add.add_argument("--text", required=True)
    add.add_argument("--address")
    add.add_argument("--channel", required=True, choices=[c for c in CHANNELS if c != "web"])
    add.add_argument("--received-at", metavar="WHEN",
                     help="when it arrived, dd/mm/yyyy HH:MM Vietnam time (default: now)")
    add.set_defaults(run=_lazy("add"))


def _add_migrate(commands: argparse._SubParsersAction) -> None:
    migrate = commands.add_parser("migrate", help="bring the register's tables up to date (every other "
                                  "command does it too) and print the schema version before and after")
    _common(migrate, records=False)
    migrate.set_defaults(run=_lazy("migrate"))


def _add_purge(commands: argparse._SubParsersAction) -> None:
    from site_builder.comments.staff.retention import RETENTION_MONTHS

    purge = commands.add_parser("purge", help="erase commenters' names, contacts and addresses once the "
                                "batch's outcome has been published for --keep-months (text and status stay)")
    _common(purge)
    purge.add_argument("--dry-run", action="store_true", help="print what would be erased; erase nothing")
    _site_config(purge, "its retention_months is the default of --keep-months")
    purge.add_argument("--keep-months", type=int, metavar="N",
                       help="months personal data is kept after the outcome is published (default: the "
                            f"board's retention_months in the site config, else {RETENTION_MONTHS})")
    purge.set_defaults(run=_lazy("purge"))


def _lazy(name: str) -> Callable[[argparse.Namespace], int]:
    """The command ``name`` of :mod:`.actions`, imported only when it runs."""

    def run(arguments: argparse.Namespace) -> int:
        from site_builder.comments.staff import actions as commands

        return _guarded(getattr(commands, name), arguments)

    return run


def _guarded(command: Callable[[argparse.Namespace], int], arguments: argparse.Namespace) -> int:
    """Run ``command``; expected failures become one clear line on stderr and exit code 1."""
    from site_builder.comments.store.register import StoreUnavailable

    from .actions import CommandFailed

    try:
        return command(arguments)
    except RecordsInvalid as exc:
        print(exc.report.render(), file=sys.stderr)
    except (CommandFailed, StoreUnavailable, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    return 1
