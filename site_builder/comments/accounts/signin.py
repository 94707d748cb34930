"""Signing in: password, then the second factor when the account has or needs one.

Every attempt is counted as a failure *before* the password is checked (and
taken back when it was right), under a lock: parallel guesses cannot slip past
the limit while Argon2 runs. Five failures in fifteen minutes for a name, or
from an address, refuse further attempts until they are fifteen minutes old;
the answer is the same whether the name exists or not, and a disabled account
is refused like a wrong password. Each outcome is audited with its change.

A browser that completed a sign-in keeps a device cookie; its attempts for that
account are counted under the device alone, so nobody guessing elsewhere can
lock the officer out (:mod:`site_builder.comments.store.staff_devices`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from site_builder.comments.settings import StaffRules
from site_builder.comments.store.audit_log import append_audit
from site_builder.comments.store.handle import Handle
from site_builder.comments.store.register import Store
from site_builder.comments.store.staff_devices import device_account, remember_device
from site_builder.comments.store.signin_throttle import (
    Kind,
    failures_since,
    record_failure,
    take_back,
    throttle_key,
)
from site_builder.comments.store.staff_accounts import (
    Account,
    account_by_id,
    find_account,
    update_account,
)
from site_builder.comments.store.staff_sessions import (
    StaffSession,
    Stage,
    open_session,
    revoke_session,
)

from .management import normalise_name
from .passwords import hash_password, needs_rehash, verify_password
from .second_factor import accepted_step

_THROTTLE_LOCK = 46202028
UNKNOWN = "(không rõ)"  # the subject of a failed sign-in with a name no account has


class SignInRefused(Exception):
    """Wrong name, password or code — or, with ``throttled``, too many of those lately."""

    def __init__(self, throttled: bool):
        super().__init__("throttled" if throttled else "refused")
        self.throttled = throttled


@dataclass(frozen=True)
class Opened:
    """A session just opened: the token goes into the cookie, once."""

    token: str
    session: StaffSession
    account: Account
    device: str | None = None  # a new device cookie, when this browser had none for the account


def sign_in(store: Store, rules: StaffRules, name: str, password: str, address: str,
            now: datetime, device: str | None = None) -> Opened:
    """Check a name and password; a session at the stage the account needs next. ``device`` is the
    browser's device cookie, if it has one."""
    name = normalise_name(name)[:200]
    account, pending = _counted_attempt(store, rules, name, address, device, now,
                                        lambda h: find_account(h, name))
    valid = verify_password(account.password_hash if account else None, password)
    if not valid or account is None or account.disabled:
        _audit_failure(store, account, now, "disabled" if valid and account else "password")
        raise SignInRefused(throttled=False)
    return _opened_after_password(store, rules, account, password, pending, device, now)


def second_step(store: Store, rules: StaffRules, session: StaffSession, code: str, address: str,
                now: datetime, device: str | None = None) -> Opened:
    """Check the code of a session at the ``second-factor`` stage; a new, signed-in session."""
    account, pending = _counted_attempt(store, rules, None, address, device, now,
                                        lambda h: account_by_id(h, session.account_id))
    step = accepted_step(account.totp_secret or "", code, now, account.totp_last_step) if account else None
    if account is None or step is None or account.disabled or not account.totp_enrolled:
        _audit_failure(store, account, now, "second factor")
        raise SignInRefused(throttled=False)
    with store.transaction() as handle:
        take_back(handle, pending)
        update_account(handle, account.id, now, totp_last_step=step)
        return rotate_session(handle, rules, session, account, "signed-in", now, "sign-in",
                              {"second_factor": True}, device)


def sign_out(store: Store, session: StaffSession, account: Account, now: datetime) -> None:
    with store.transaction() as handle:
        revoke_session(handle, session.token_hash, now)
        append_audit(handle, now, account.name, "sign-out", account.name)


def next_stage(rules: StaffRules, account: Account) -> Stage:
    """After the password: the code if enrolled; enrolment first if a second factor is required."""
    if account.totp_enrolled:
        return "second-factor"
    if account.role == "admin" or rules.require_totp:
        return "enrol"
    return "signed-in"


def _counted_attempt(store: Store, rules: StaffRules, name: str | None, address: str, device: str | None,
                     now: datetime, load: Callable[[Handle], Account | None]) -> tuple[Account | None, list[int]]:
    """The account, with one failure counted in advance per key; refuses when a key is throttled."""
    with store.transaction() as handle:
        handle.serialise(_THROTTLE_LOCK)
        account = load(handle)
        if device and account is not None and device_account(handle, device, now) == account.id:
            keys: list[tuple[Kind, str]] = [("device", throttle_key("device", device))]
        else:
            keys = _keys(name if name is not None else (account.name if account else ""), address)
        if any(failures_since(handle, kind, key, now - rules.failure_window) >= rules.max_failures
               for kind, key in keys):
            append_audit(handle, now, "anonymous", "sign-in-throttled", account.name if account else UNKNOWN)
            throttled = True
        else:
            pending = [record_failure(handle, kind, key, now) for kind, key in keys]
            throttled = False
    if throttled:
        raise SignInRefused(throttled=True)
    return account, pending


def _keys(name: str, address: str) -> list[tuple[Kind, str]]:
    return [("account", throttle_key("account", name)), ("address", throttle_key("address", address))]


def _audit_failure(store: Store, account: Account | None, now: datetime, what: str) -> None:
    with store.transaction() as handle:
        append_audit(handle, now, "anonymous", "sign-in-failed", account.name if account else UNKNOWN,
                     new={"failed": what})


def _opened_after_password(store: Store, rules: StaffRules, account: Account, password: str,
                           pending: list[int], device: str | None, now: datetime) -> Opened:
    stage = next_stage(rules, account)
    # Hashed outside the transaction: Argon2 takes a while, the write lock should not.
    rehashed = hash_password(password) if needs_rehash(account.password_hash) else None
    with store.transaction() as handle:
        take_back(handle, pending)
        if rehashed:
            update_account(handle, account.id, now, password_hash=rehashed)
        action = "sign-in" if stage == "signed-in" else "sign-in-password-accepted"
        return rotate_session(handle, rules, None, account, stage, now, action, {"stage": stage}, device)


def rotate_session(handle: Handle, rules: StaffRules, old: StaffSession | None, account: Account, stage: Stage,
                   now: datetime, action: str, details: dict[str, object], device: str | None = None) -> Opened:
    """End ``old`` (if any) and open a session under a new id: never reuse an id across a step.
    Once signed in, a browser without a device cookie of the account (``device``) is given one."""
    if old is not None:
        revoke_session(handle, old.token_hash, now)
    lifetime = rules.second_step if stage == "second-factor" else rules.absolute
    token, session = open_session(handle, account.id, stage, now, lifetime)
    known = device is not None and device_account(handle, device, now) == account.id
    new_device = remember_device(handle, account.id, now) if stage == "signed-in" and not known else None
    if new_device:
        details = {**details, "new_device": True}  # a browser this account never signed in from
    append_audit(handle, now, account.name, action, account.name, new=details)
    return Opened(token, session, account, new_device)

