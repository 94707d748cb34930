"""``site-builder comments …``: run the service and keep the register, for the board's staff.

Every sub-command finds the register from ``--database URL``, else the environment
variable ``SITE_BUILDER_COMMENTS_DATABASE`` (one setting for the service and the staff),
else ``sqlite:///comments.sqlite3`` in the current folder. Only ``serve`` and a command
given ``--create`` make a new register: a mistyped path must not yield an empty one
and a report of 0 comments. Heavy imports (the web stack, openpyxl) happen
inside the commands, so ``site-builder validate`` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from site_builder.comments.settings import (
    DATABASE_VARIABLE,
    DEFAULT_DATABASE,
    MAIL_SECURITIES,
    SMTP_PASSWORD_VARIABLE,
    SpamRules,
)
from site_builder.comments.store.register import CHANNELS, FORMER_STATUSES, STATUSES
from site_builder.model.i18n import Explained, file_problem
from site_builder.model.i18n import gettext as _
from site_builder.records.errors import RecordsInvalid


def add_comments_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``comments`` command group to the ``site-builder`` parser."""
    group = subparsers.add_parser("comments", help=_("the comment service and the register of comments"),
                                  description=_(
        "Run the comment service and keep the register of comments. Every command finds the register from "
        "--database URL, else the environment variable {variable}, else {default} in the current folder; only "
        "serve, and a command given --create, make a new register.").format(
            variable=DATABASE_VARIABLE, default=DEFAULT_DATABASE))
    # dest: the word argparse's messages show for a missing or mistyped command.
    commands = group.add_subparsers(dest=_("command"), required=True)
    _add_serve(commands)
    _add_export(commands)
    _add_counts(commands)
    _add_moderate(commands)
    _add_add(commands)
    _add_report(commands)
    _add_publish(commands)
    _add_migrate(commands)
    _add_purge(commands)
    _add_staff(commands)
    _add_audit(commands)
    _add_digest(commands)


def _common(parser: argparse.ArgumentParser, records: bool = True, create: bool = True) -> None:
    parser.add_argument("--database", metavar="URL",
                        help=_("sqlite:///FILE or postgresql://… (default: the environment variable "
                               "{variable}, else {default})").format(variable=DATABASE_VARIABLE,
                                                                     default=DEFAULT_DATABASE))
    if create:
        parser.add_argument("--create", action="store_true",
                            help=_("make a new, empty register if there is none at that address "
                                 "(otherwise the command refuses)"))
    if records:
        parser.add_argument("--records", type=Path, default=Path("exemplars"), metavar="DIR",
                            help=_("the records folder with nominations/ (default: exemplars)"))


def _site_config(parser: argparse.ArgumentParser, uses: str) -> None:
    parser.add_argument("--site-config", type=Path, metavar="PATH",
                        help=_("the site's mkdocs.yml, for its board ({uses}) and site_url (default: "
                               "mkdocs.yml in the folder that holds --records, when there is one)").format(
                            uses=uses))


def _add_serve(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help=_("run the comment service (HTTP); makes the register on first use"))
    _common(serve, create=False)
    _site_config(serve, _("named on every page of the service, with a link to the privacy notice"))
    serve.add_argument("--duplicate-window", type=float, default=24 * 3600, metavar="SECONDS",
                       help=_("the same comment (batch, nominee, contact, text) sent again within this time "
                            "gets its first receipt and is not stored again; 0 turns it off (default: 86400)"))
    spam = SpamRules()
    serve.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default: 127.0.0.1)"))
    serve.add_argument("--port", type=int, default=8000, help=_("port (default: 8000)"))
    serve.add_argument("--origin", metavar="URL", help=_("the site's origin, e.g. https://thiduakhenthuong"
                       ".example.gov.vn: CORS and receipt-page links are allowed for it only"))
    serve.add_argument("--rate-limit", type=int, default=spam.rate_limit, metavar="N",
                       help=_("comments per IP address per window; 0 turns it off (default: {default})").format(
                           default=spam.rate_limit))
    serve.add_argument("--rate-window", type=float, default=spam.rate_window, metavar="SECONDS",
                       help=_("the rate-limit window (default: {default:g})").format(default=spam.rate_window))
    serve.add_argument("--invalid-limit", type=int, default=spam.invalid_limit, metavar="N",
                       help=_("refused (invalid) posts per IP address per window before 429; 0 turns it off "
                              "(default: {default})").format(default=spam.invalid_limit))
    serve.add_argument("--lookup-limit", type=int, default=spam.lookup_limit, metavar="N",
                       help=_("receipt look-ups per IP address per lookup window; 0 turns it off "
                              "(default: {default})").format(default=spam.lookup_limit))
    serve.add_argument("--lookup-window", type=float, default=spam.lookup_window, metavar="SECONDS",
                       help=_("the look-up limit's window (default: {default:g})").format(default=spam.lookup_window))
    serve.add_argument("--secret-file", type=Path, metavar="FILE",
                       help=_("a file holding the server secret that keys the hashed addresses of the rate "
                            "limits (default: a random secret made once and kept in the register)"))
    serve.add_argument("--min-seconds", type=float, default=spam.min_seconds, metavar="SECONDS",
                       help=_("least time between showing the form and sending it (default: {default:g})").format(
                           default=spam.min_seconds))
    serve.add_argument("--max-body-bytes", type=int, default=32 * 1024, metavar="BYTES",
                       help=_("largest request body accepted (default: 32768)"))
    serve.add_argument("--forwarded-allow-ips", default="127.0.0.1", metavar="IPS",
                       help=_("proxies trusted for X-Forwarded-For (default: 127.0.0.1)"))
    serve.add_argument("--access-log", action="store_true",
                       help=_("log every request (off by default: the log would keep IP addresses)"))
    serve.add_argument("--staff-require-totp", action="store_true",
                       help=_("officers too must sign in to the staff console with a second factor "
                            "(administrators always must)"))
    serve.add_argument("--staff-insecure-cookie", action="store_true",
                       help=_("send the console's session cookie over plain HTTP: development only, "
                            "refused unless --host is a loopback address"))
    serve.add_argument("--staff-origin", metavar="URL",
                       help=_("the origin the staff console is opened at, when no proxy puts it on the "
                            "site's origin, e.g. http://127.0.0.1:8001 in a local preview (default: --origin)"))
    serve.set_defaults(run=_lazy("serve"))


def _add_export(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help=_("every comment of a batch, for the council (CSV or Excel)"))
    _common(export)
    export.add_argument("--batch", required=True, metavar="ID")
    export.add_argument("--format", choices=["csv", "xlsx"], help=_("default: from the file name, else csv"))
    export.add_argument("--output", required=True, type=Path, metavar="FILE")
    export.add_argument("--without-spam", action="store_true", help=_("leave out comments marked spam"))
    export.set_defaults(run=_lazy("export"))


def _add_counts(commands: argparse._SubParsersAction) -> None:
    counts = commands.add_parser("counts", help=_("comments per nominee of a batch (spam not counted)"))
    _common(counts)
    counts.add_argument("--batch", required=True, metavar="ID")
    counts.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    counts.add_argument("--output", type=Path, metavar="FILE",
                        help=_("also write the counts for the site: YAML, or JSON if FILE ends in .json "
                             "(commit it as <records>/_comment-counts/<batch>.yml)"))
    counts.set_defaults(run=_lazy("counts"))


def _add_moderate(commands: argparse._SubParsersAction) -> None:
    moderate = commands.add_parser("moderate", help=_("set a comment's status (audited as cli:<user>)"))
    _common(moderate, records=False)
    moderate.add_argument("receipt", help=_("the receipt code, e.g. K7QX-M4TN"))
    moderate.add_argument("status", choices=[*STATUSES, *FORMER_STATUSES.keys() - set(STATUSES)],
                          help=_("new means received (the first releases' word)"))
    moderate.add_argument("--reason", help=_("why; required for not_substantiated, referred, off_topic, "
                          "duplicate"))
    moderate.add_argument("--duplicate-of", metavar="RECEIPT",
                          help=_("for duplicate: the receipt of the comment it repeats"))
    moderate.set_defaults(run=_lazy("moderate"))


def _add_add(commands: argparse._SubParsersAction) -> None:
    add = commands.add_parser("add", help=_("register a comment received by e-mail, phone or post"))
    _common(add)
    add.add_argument("--batch", required=True, metavar="ID")
    add.add_argument("--nominee", required=True, metavar="ID")
    add.add_argument("--name", required=True)
    add.add_argument("--contact", help=_("phone number or e-mail address; a call needs the number that "
                     "called, a letter needs this or --address"))
    add.add_argument("--text", required=True)
    add.add_argument("--address", help=_("postal address; a letter needs this or --contact"))
    add.add_argument("--channel", required=True, choices=[c for c in CHANNELS if c != "web"])
    add.add_argument("--received-at", metavar="WHEN",
                     help=_("when it arrived, dd/mm/yyyy HH:MM Vietnam time (default: now)"))
    add.add_argument("--again", action="store_true",
                     help=_("store it even though the register holds the same comment (a real second letter "
                     "or call); without it such a comment is refused with the earlier receipt"))
    add.set_defaults(run=_lazy("add"))


def _add_report(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help=_("the council's report of a batch: Word (.docx) or Excel "
                                 "(.xlsx), from the output's name (audited)"))
    _common(report)
    report.add_argument("--batch", required=True, metavar="ID")
    report.add_argument("--output", required=True, type=Path, metavar="FILE",
                        help=_("FILE.docx or FILE.xlsx; created readable by its owner only"))
    _site_config(report, _("named in the report's title block"))
    report.add_argument("--for-council", action="store_true",
                        help=_("include the commenters' names, contacts and addresses (for the council only)"))
    report.set_defaults(run=_lazy("report"))


def _add_publish(commands: argparse._SubParsersAction) -> None:
    publish = commands.add_parser("publish", help=_("after the close: freeze a batch's public figures and its "
                                  "register of receipts, and write <records>/_comment-counts/<batch>.yml and "
                                  "<records>/_comment-register/<batch>.yml for the site (audited)"))
    _common(publish)
    publish.add_argument("--batch", required=True, metavar="ID")
    publish.add_argument("--yes", action="store_true",
                         help=_("publish even though some comments are still received (not handled): they are "
                              "frozen so; without it, publishing is refused while any is left"))
    publish.set_defaults(run=_lazy("publish"))


def _add_migrate(commands: argparse._SubParsersAction) -> None:
    migrate = commands.add_parser("migrate", help=_("bring the register's tables up to date (every other "
                                  "command does it too) and print the schema version before and after"))
    _common(migrate, records=False)
    migrate.set_defaults(run=_lazy("migrate"))


def _add_purge(commands: argparse._SubParsersAction) -> None:
    from site_builder.comments.staff.retention import RETENTION_MONTHS

    purge = commands.add_parser("purge", help=_("erase commenters' names, contacts and addresses once the "
                                "batch's outcome has been published for --keep-months (text and status stay)"))
    _common(purge)
    purge.add_argument("--dry-run", action="store_true", help=_("print what would be erased; erase nothing"))
    _site_config(purge, _("its retention_months is the default of --keep-months"))
    purge.add_argument("--keep-months", type=int, metavar="N",
                       help=_("months personal data is kept after the outcome is published (default: the "
                              "board's retention_months in the site config, else {default})").format(
                           default=RETENTION_MONTHS))
    purge.set_defaults(run=_lazy("purge"))


def _add_staff(commands: argparse._SubParsersAction) -> None:
    staff = commands.add_parser("staff", help=_("accounts of the staff console (each change is audited)"))
    accounts = staff.add_subparsers(dest=_("command"), required=True)
    add = accounts.add_parser("add", help=_("create an account; the password is read from standard "
                              "input, or asked twice on a terminal"))
    add.add_argument("name", help=_("3-64 characters: a-z, 0-9, '.', '_', '-'"))
    add.add_argument("--role", required=True, choices=["officer", "admin"],
                     help=_("officer: comments and exports; admin: also accounts and the audit log"))
    accounts.add_parser("list", help=_("every account: role, second factor, disabled or not"))
    accounts.add_parser("disable", help=_("disable an account and end its sessions at once")).add_argument(
        "name")
    accounts.add_parser("reset-password", help=_("set a new password (read as for add) and end the "
                        "account's sessions")).add_argument("name")
    accounts.add_parser("reset-totp", help=_("remove the account's second factor (a lost phone) and end its "
                        "sessions; the next sign-in asks to enrol again where it is required")).add_argument(
        "name")
    for name, parser in accounts.choices.items():
        _common(parser, records=False)
        parser.set_defaults(run=_lazy(name.replace("-", "_"), "account_commands"))


def _add_audit(commands: argparse._SubParsersAction) -> None:
    audit = commands.add_parser("audit", help=_("the audit trail of staff actions"))
    steps = audit.add_subparsers(dest=_("command"), required=True)
    verify = steps.add_parser("verify", help=_("check the hash chain; exit 1 naming the first broken entry"))
    show = steps.add_parser("show", help=_("print the audit trail, oldest first"))
    show.add_argument("--batch", metavar="ID", help=_("only the entries about one batch"))
    for name, parser in (("verify", verify), ("show", show)):
        _common(parser, records=False)
        parser.set_defaults(run=_lazy(f"audit_{name}", "account_commands"))


def _add_digest(commands: argparse._SubParsersAction) -> None:
    about = _("e-mail the board how many comments arrived since the last digest (counts and links to the "
              "console only; at most hourly; for a timer)")
    digest = commands.add_parser("digest", help=about, description=about[0].upper() + about[1:] + ".",
                                 allow_abbrev=False)
    _common(digest, create=False)
    _site_config(digest, _("its e-mail address is the default sender and recipient"))
    digest.add_argument("--console-url", metavar="URL", help=_("the staff console's public address, for the "
                        "e-mail's links (default: /staff/ on the origin of the site config's site_url)"))
    digest.add_argument("--smtp-host", default="localhost", metavar="HOST", help=_("default: localhost"))
    digest.add_argument("--smtp-port", type=int, metavar="PORT",
                        help=_("default: 587 with starttls, 465 with tls, 25 with none"))
    digest.add_argument("--smtp-security", choices=MAIL_SECURITIES, default="starttls",
                        help=_("starttls (default), tls (implicit TLS), or none: only to a relay on a loopback "
                             "address"))
    digest.add_argument("--smtp-user", metavar="NAME", help=_("sign in to the SMTP server as NAME (AUTH)"))
    digest.add_argument("--smtp-password-file", type=Path, metavar="FILE",
                        help=_("the SMTP password, on the file's first line (default: the environment "
                               "variable {variable}); never give it as an argument").format(
                            variable=SMTP_PASSWORD_VARIABLE))
    # Caught to refuse it with a message that does not repeat it (argparse's own error would).
    digest.add_argument("--smtp-password", dest="smtp_password_argument", help=argparse.SUPPRESS)
    digest.add_argument("--mail-from", metavar="ADDRESS", help=_("default: the board's e-mail address"))
    digest.add_argument("--mail-to", action="append", metavar="ADDRESS",
                        help=_("a recipient (repeat for more; default: the board's e-mail address)"))
    digest.set_defaults(run=_lazy("digest", "digest"), create=None)  # None: --create not offered


def _lazy(name: str, module: str = "actions") -> Callable[[argparse.Namespace], int]:
    """The command ``name`` of ``module`` (:mod:`.actions` by default), imported only when it runs."""

    def run(arguments: argparse.Namespace) -> int:
        import importlib

        commands = importlib.import_module(f"site_builder.comments.staff.{module}")
        return _guarded(getattr(commands, name), arguments)

    return run


def _guarded(command: Callable[[argparse.Namespace], int], arguments: argparse.Namespace) -> int:
    """Run ``command``; expected failures become one clear line on stderr and exit code 1.

    :class:`Explained` refusals (accounts, passwords, statuses, publishing) are said in the
    officer's language; a file that cannot be read or written is named with the reason.
    """
    from site_builder.comments.store.register import StoreUnavailable

    from .actions import CommandFailed

    try:
        return command(arguments)
    except RecordsInvalid as exc:
        print(exc.report.render(), file=sys.stderr)
    except (CommandFailed, StoreUnavailable, Explained, ValueError) as exc:
        print(_("error: {problem}").format(problem=exc), file=sys.stderr)
    except OSError as exc:
        if exc.filename is None:
            raise
        print(_("error: {file}: {reason}; nothing was written there").format(
            file=exc.filename, reason=file_problem(exc)), file=sys.stderr)
    return 1
