"""Browsers an officer has signed in from, so that guessing from elsewhere cannot lock them out.

Failed sign-ins are counted per account name (see :mod:`.signin_throttle`): that
stops guessing, but it also lets anyone lock an officer out by typing wrong
passwords under their name, and ASVS 2.2.1 asks for anti-automation that does
not. So after a complete sign-in the browser keeps a device cookie: a random
256-bit token, of which the register keeps only the SHA-256, with the account.
An attempt that shows the device cookie of the account it names is counted
under that device alone, not under the name or the address: failures from
anywhere else cannot lock it out, and its own failures lock only itself (OWASP,
"Slow down online guessing attacks with device cookies"). The cookie opens
nothing by itself: the password and the code are asked as always. A new
password, a reset second factor or a disabled account forgets the account's
devices.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from .handle import Handle
from .staff_sessions import hash_token

DEVICE_LIFETIME = timedelta(days=180)


def device_account(handle: Handle, token: str | None, now: datetime) -> int | None:
    """The account whose unexpired device cookie ``token`` is, if any."""
    if not token:
        return None
    row = handle.one("SELECT account_id, expires_at FROM staff_devices WHERE token_hash = ?",
                     (hash_token(token),))
    if row is None or now >= handle.moment(row[1]):
        return None
    return int(row[0])


def remember_device(handle: Handle, account_id: int, now: datetime) -> str:
    """A new device cookie for ``account_id``; expired ones of every account are dropped."""
    handle.execute("DELETE FROM staff_devices WHERE expires_at <= ?", (now,))
    token = secrets.token_urlsafe(32)
    handle.execute("INSERT INTO staff_devices (token_hash, account_id, created_at, expires_at)"
                   " VALUES (?, ?, ?, ?)", (hash_token(token), account_id, now, now + DEVICE_LIFETIME))
    return token


def forget_devices(handle: Handle, account_id: int) -> int:
    """Forget every device of an account; how many there were."""
    return handle.execute("DELETE FROM staff_devices WHERE account_id = ?", (account_id,))
