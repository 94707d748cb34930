"""Account changes (create, disable, reset a password or the second factor), each audited in its own
transaction.

The command line and the administrator's console page both come here, so a
change made either way is checked by the same rules and leaves the same entry.
``actor`` names who did it: an account name, or ``cli:<user>`` for the shell.
"""

from __future__ import annotations

import re
from datetime import datetime

from site_builder.comments.store.audit_log import append_audit
from site_builder.comments.store.register import Store
from site_builder.comments.store.staff_accounts import (
    ROLES,
    Account,
    Role,
    find_account,
    insert_account,
    list_accounts,
    update_account,
)
from site_builder.comments.store.staff_devices import forget_devices
from site_builder.comments.store.staff_sessions import revoke_account_sessions

from site_builder.model.i18n import Explained, Phrase
from site_builder.model.i18n import mark as N_

from .passwords import hash_password

_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")


class AccountProblem(Explained):
    """A change that cannot be made: in the command line's language, and in Vietnamese for the console."""


def normalise_name(name: str) -> str:
    """Account names are compared trimmed and in lower case."""
    return name.strip().lower()


def add_account(store: Store, name: str, role: str, password: str, actor: str, now: datetime) -> Account:
    """Create an account; the password is checked (length) and hashed before the transaction."""
    name = _valid_name(name)
    if role not in ROLES:
        raise AccountProblem(Phrase(N_("the role must be one of {roles}"), roles=", ".join(ROLES)),
                             Phrase(N_("The role is not valid.")))
    password_hash = hash_password(password)
    with store.transaction() as handle:
        if find_account(handle, name) is not None:
            raise AccountProblem(Phrase(N_('an account "{name}" exists already: choose another name'),
                                        name=name))
        account = insert_account(handle, name, _role(role), password_hash, now)
        append_audit(handle, now, actor, "account-created", name, new={"role": role})
    return account


def disable_account(store: Store, name: str, actor: str, now: datetime) -> int:
    """Disable an account and end its sessions at once; how many sessions were open."""
    with store.transaction() as handle:
        account = _existing(handle, name)
        update_account(handle, account.id, now, disabled=True)
        forget_devices(handle, account.id)
        ended = revoke_account_sessions(handle, account.id, now)
        append_audit(handle, now, actor, "account-disabled", account.name,
                     old={"disabled": account.disabled}, new={"disabled": True, "sessions_ended": ended})
    return ended


def reset_password(store: Store, name: str, password: str, actor: str, now: datetime) -> int:
    """Set a new password and end the account's sessions; how many sessions were open."""
    password_hash = hash_password(password)
    with store.transaction() as handle:
        account = _existing(handle, name)
        update_account(handle, account.id, now, password_hash=password_hash)
        forget_devices(handle, account.id)
        ended = revoke_account_sessions(handle, account.id, now)
        append_audit(handle, now, actor, "password-reset", account.name, new={"sessions_ended": ended})
    return ended


def reset_second_factor(store: Store, name: str, actor: str, now: datetime) -> int:
    """Remove the account's second factor (a lost phone) and end its sessions; how many were open.

    Where the second factor is required, the next sign-in asks to enrol a new one.
    """
    with store.transaction() as handle:
        account = _existing(handle, name)
        update_account(handle, account.id, now, totp_secret=None, totp_enrolled=False, totp_last_step=None)
        forget_devices(handle, account.id)
        ended = revoke_account_sessions(handle, account.id, now)
        append_audit(handle, now, actor, "second-factor-reset", account.name,
                     old={"second_factor": account.totp_enrolled},
                     new={"second_factor": False, "sessions_ended": ended})
    return ended


def all_accounts(store: Store) -> list[Account]:
    with store.transaction() as handle:
        return list_accounts(handle)


def _existing(handle, name: str) -> Account:
    account = find_account(handle, normalise_name(name))
    if account is None:
        raise AccountProblem(Phrase(N_('no account "{name}": check the name (site-builder comments staff list '
                                       "shows every account)"), name=name),
                             Phrase(N_('There is no account "{name}".'), name=name))
    return account


def _valid_name(name: str) -> str:
    name = normalise_name(name)
    if not _NAME.fullmatch(name):
        raise AccountProblem(Phrase(N_("an account name is 3 to 64 characters: lower-case letters a-z "
                                       "(without accents), digits, '.', '_' or '-'")))
    return name


def _role(role: str) -> Role:
    return "admin" if role == "admin" else "officer"
