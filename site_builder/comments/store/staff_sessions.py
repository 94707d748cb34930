"""Server-side sessions of the staff console, shared by every service process.

The cookie carries a random 256-bit token; the register keeps only its SHA-256,
so reading the database (or a backup) opens no session. A session is valid
while it is not revoked, not past its absolute expiry and seen within the idle
limit; each process asks the register on every request, so a sign-out or a
disabled account ends the session everywhere at once.

``stage`` says how far the sign-in got: ``second-factor`` (password right, the
code still to come), ``enrol`` (a second factor must be set up first) or
``signed-in``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from .handle import Handle

Stage = Literal["second-factor", "enrol", "signed-in"]


@dataclass(frozen=True)
class StaffSession:
    """One session row; ``token_hash`` identifies it, the token itself is only in the cookie."""

    token_hash: str
    account_id: int
    stage: Stage
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


_COLUMNS = "token_hash, account_id, stage, csrf_token, created_at, last_seen_at, expires_at"


def hash_token(token: str) -> str:
    """What the register keeps of a session token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(handle: Handle, account_id: int, stage: Stage, now: datetime,
                 lifetime: timedelta) -> tuple[str, StaffSession]:
    """A fresh session: the token for the cookie, and the row (with its CSRF token)."""
    token = secrets.token_urlsafe(32)
    session = StaffSession(hash_token(token), account_id, stage, secrets.token_urlsafe(32), now, now,
                           now + lifetime)
    handle.execute(f"INSERT INTO staff_sessions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (session.token_hash, account_id, stage, session.csrf_token, now, now,
                    session.expires_at))
    return token, session


def live_session(handle: Handle, token: str, now: datetime, idle: timedelta) -> StaffSession | None:
    """The session of ``token`` if it is still valid at ``now``; ``None`` otherwise."""
    row = handle.one(f"SELECT {_COLUMNS} FROM staff_sessions WHERE token_hash = ? AND revoked_at IS NULL",
                     (hash_token(token),))
    if row is None:
        return None
    session = StaffSession(*row[:4], *(handle.moment(value) for value in row[4:]))
    if now >= session.expires_at or now >= session.last_seen_at + idle:
        return None
    return session


def touch_session(handle: Handle, token_hash: str, now: datetime) -> None:
    """Note activity, which pushes the idle limit back (never the absolute one)."""
    handle.execute("UPDATE staff_sessions SET last_seen_at = ? WHERE token_hash = ?", (now, token_hash))


def revoke_session(handle: Handle, token_hash: str, now: datetime) -> None:
    handle.execute("UPDATE staff_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                   (now, token_hash))


def revoke_account_sessions(handle: Handle, account_id: int, now: datetime) -> int:
    """End every session of an account (disabled, password reset); how many were open."""
    return handle.execute("UPDATE staff_sessions SET revoked_at = ? WHERE account_id = ?"
                          " AND revoked_at IS NULL", (now, account_id))
