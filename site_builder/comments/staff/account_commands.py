"""``site-builder comments staff …`` and ``… audit …``: accounts and the audit trail from a shell.

Whoever runs these is on the server already; their changes are audited as
``cli:<login name>``. A password is never an argument (it would sit in the
shell history and the process list): it is read from standard input, or
asked twice without echo on a terminal.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from contextlib import closing

from site_builder.comments.accounts import management
from site_builder.comments.accounts.passwords import check_new_password
from site_builder.comments.store.audit_log import AuditEntry, audit_entries, verify_audit_chain
from site_builder.model.i18n import gettext as _
from site_builder.model.vntime import now_in_vietnam

from .actions import CommandFailed, open_register


def add(arguments: argparse.Namespace) -> int:
    password = _new_password()
    with closing(open_register(arguments)) as store:
        account = management.add_account(store, arguments.name, arguments.role, password, _actor(),
                                         now_in_vietnam())
    print(_("account {name} created ({role})").format(name=account.name, role=account.role))
    return 0


def list(arguments: argparse.Namespace) -> int:  # noqa: A001 - the sub-command's name
    with closing(open_register(arguments)) as store:
        accounts = management.all_accounts(store)
    for account in accounts:
        factor = _("second factor on") if account.totp_enrolled else _("no second factor")
        state = _("DISABLED") if account.disabled else _("active")
        print(f"{account.name}\t{account.role}\t{factor}\t{state}")
    if not accounts:
        print(_("no accounts yet: site-builder comments staff add NAME --role admin"))
    return 0


def disable(arguments: argparse.Namespace) -> int:
    with closing(open_register(arguments)) as store:
        ended = management.disable_account(store, arguments.name, _actor(), now_in_vietnam())
    print(_("account {name} disabled; {count} session(s) ended").format(
        name=management.normalise_name(arguments.name), count=ended))
    return 0


def reset_password(arguments: argparse.Namespace) -> int:
    password = _new_password()
    with closing(open_register(arguments)) as store:
        ended = management.reset_password(store, arguments.name, password, _actor(), now_in_vietnam())
    print(_("password of {name} changed; {count} session(s) ended").format(
        name=management.normalise_name(arguments.name), count=ended))
    return 0


def reset_totp(arguments: argparse.Namespace) -> int:
    with closing(open_register(arguments)) as store:
        ended = management.reset_second_factor(store, arguments.name, _actor(), now_in_vietnam())
    print(_("second factor of {name} removed; {count} session(s) ended; it is enrolled again at the next sign-in "
            "where a second factor is required").format(name=management.normalise_name(arguments.name), count=ended))
    return 0


def audit_verify(arguments: argparse.Namespace) -> int:
    with closing(open_register(arguments)) as store, store.transaction() as handle:
        broken = verify_audit_chain(handle)
        entries = audit_entries(handle)
    if broken is not None:
        print(_("audit trail BROKEN at entry {id} ({moment}, {action}): it, or an entry before it, was changed or "
                "removed outside site-builder").format(id=broken.id, moment=f"{broken.at:%d/%m/%Y %H:%M:%S}",
                                                       action=broken.action), file=sys.stderr)
        return 1
    last = entries[-1].hash if entries else _("(empty)")
    print(_("audit trail intact: {count} entries; latest hash {hash}").format(count=len(entries), hash=last))
    return 0


def audit_show(arguments: argparse.Namespace) -> int:
    with closing(open_register(arguments)) as store, store.transaction() as handle:
        entries = audit_entries(handle, arguments.batch)
    for entry in entries:
        print(_line(entry))
    return 0


def _line(entry: AuditEntry) -> str:
    change = f" {entry.old_value or '-'} -> {entry.new_value or '-'}" if entry.old_value or entry.new_value else ""
    reason = _(" (reason: {reason})").format(reason=entry.reason) if entry.reason else ""
    batch = f" [{entry.batch}]" if entry.batch else ""
    return f"{entry.id}\t{entry.at:%d/%m/%Y %H:%M:%S}\t{entry.actor}\t{entry.action}\t{entry.subject}{batch}{change}{reason}"


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def _new_password() -> str:
    """One line of standard input, or typed twice on a terminal; checked before any hashing."""
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(_("New password: "))
        if getpass.getpass(_("Repeat the password: ")) != password:
            raise CommandFailed(_("the two passwords differ; nothing was changed"))
    check_new_password(password)
    return password
