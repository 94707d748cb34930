"""Who is signed in: the session behind a cookie, checked against the register on every request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from site_builder.comments.settings import StaffRules
from site_builder.comments.store.register import Store
from site_builder.comments.store.staff_accounts import Account, account_by_id
from site_builder.comments.store.staff_sessions import (
    StaffSession,
    hash_token,
    live_session,
    revoke_session,
    touch_session,
)


@dataclass(frozen=True)
class Present:
    """A valid session and its (enabled) account."""

    session: StaffSession
    account: Account


def present(store: Store, rules: StaffRules, token: str | None, now: datetime) -> Present | None:
    """The session of ``token`` if valid now and its account enabled; its idle time starts again.

    Asking the register each time (not a cache) is what makes a sign-out or a
    disabled account take effect at once in every process.
    """
    if not token or len(token) > 100:
        return None
    with store.transaction() as handle:
        session = live_session(handle, token, now, rules.idle)
        account = account_by_id(handle, session.account_id) if session else None
        if session is None or account is None:
            return None
        if account.disabled:
            revoke_session(handle, session.token_hash, now)
            return None
        touch_session(handle, session.token_hash, now)
    return Present(session, account)


def forget_token(store: Store, token: str | None, now: datetime) -> None:
    """End the session a browser still carried when it signed in again (no id outlives a sign-in)."""
    if token and len(token) <= 100:
        with store.transaction() as handle:
            revoke_session(handle, hash_token(token), now)
