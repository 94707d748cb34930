"""Staff accounts in the register: who may sign in to the console, with which role.

Plain functions over an open :class:`.handle.Handle`, so the caller decides the
transaction and writes the audit entry in it (:mod:`.audit_log`). The password
is only ever stored as an Argon2id hash (:mod:`site_builder.comments.accounts.passwords`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Literal, get_args

from .handle import Handle

Role = Literal["officer", "admin"]
ROLES: tuple[str, ...] = get_args(Role)


@dataclass(frozen=True)
class Account:
    """One staff account; ``totp_secret`` is set (not yet ``totp_enrolled``) while enrolling."""

    id: int
    name: str
    role: Role
    password_hash: str
    totp_secret: str | None
    totp_enrolled: bool
    totp_last_step: int | None
    disabled: bool
    created_at: datetime
    updated_at: datetime


_COLUMNS = ", ".join(field.name for field in fields(Account))
# The only columns an update may touch: names are never taken from outside.
_CHANGEABLE = {"role", "password_hash", "totp_secret", "totp_enrolled", "totp_last_step", "disabled"}


def insert_account(handle: Handle, name: str, role: Role, password_hash: str, now: datetime) -> Account:
    """A new, enabled account without a second factor."""
    handle.execute("INSERT INTO staff_accounts (name, role, password_hash, totp_enrolled, disabled,"
                   " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (name, role, password_hash, False, False, now, now))
    account = find_account(handle, name)
    assert account is not None
    return account


def find_account(handle: Handle, name: str) -> Account | None:
    """The account called ``name`` exactly, if any."""
    row = handle.one(f"SELECT {_COLUMNS} FROM staff_accounts WHERE name = ?", (name,))
    return None if row is None else _account(handle, row)


def account_by_id(handle: Handle, account_id: int) -> Account | None:
    row = handle.one(f"SELECT {_COLUMNS} FROM staff_accounts WHERE id = ?", (account_id,))
    return None if row is None else _account(handle, row)


def list_accounts(handle: Handle) -> list[Account]:
    """Every account, by name."""
    rows = handle.all(f"SELECT {_COLUMNS} FROM staff_accounts ORDER BY name")
    return [_account(handle, row) for row in rows]


def update_account(handle: Handle, account_id: int, now: datetime, **changes: object) -> None:
    """Set the given columns (see :data:`_CHANGEABLE`) and ``updated_at``."""
    unknown = set(changes) - _CHANGEABLE
    if unknown:
        raise ValueError(f"not a changeable account column: {', '.join(sorted(unknown))}")
    assignments = ", ".join(f"{column} = ?" for column in changes)
    handle.execute(f"UPDATE staff_accounts SET {assignments}, updated_at = ? WHERE id = ?",
                   (*changes.values(), now, account_id))


def _account(handle: Handle, row: tuple) -> Account:
    """A row as an :class:`Account`: SQLite's 0/1 as booleans, its text moments as datetimes."""
    (id_, name, role, password_hash, secret, enrolled, last_step, disabled, created, updated) = row
    return Account(id_, name, role, password_hash, secret, bool(enrolled), last_step, bool(disabled),
                   handle.moment(created), handle.moment(updated))
