"""Where the board's digest e-mail stands: the last one sent, and the one run sending now.

The marker is the newest row of ``digests_sent``: up to which comment id the
last digest counted, and when the SMTP server accepted it. A row is written only
after that acceptance, so a failed send leaves the marker where it was and the
next run tries again. The table is frozen (triggers refuse UPDATE and DELETE).

Two runs at once (two timers, a timer and an administrator) must not both
send: a run first *claims* the digest in a short transaction that holds the
digest lock, and sends outside it (an SMTP exchange may take seconds; SQLite's
write lock must not be held meanwhile, or citizens' comments would wait). The
claim is a lease: a run that died while sending blocks the next ones only until
``claimed_until``.

Plain functions over an open :class:`.handle.Handle`, like the other staff tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .handle import Handle

# Any constant: it only keeps two digest runs from deciding at the same time.
DIGEST_LOCK = 46202031
_CLAIM = "digest"


@dataclass(frozen=True)
class LastDigest:
    """The newest digest the SMTP server accepted."""

    sent_at: datetime
    up_to_comment: int


def last_digest(handle: Handle) -> LastDigest | None:
    """The marker, or ``None`` before the first digest."""
    row = handle.one("SELECT sent_at, up_to_comment FROM digests_sent ORDER BY id DESC LIMIT 1")
    return None if row is None else LastDigest(handle.moment(row[0]), int(row[1]))


def claim_holder(handle: Handle, now: datetime) -> str | None:
    """Who holds a claim still running at ``now``, if anyone."""
    row = handle.one("SELECT claimed_by, claimed_until FROM digest_claims WHERE name = ?", (_CLAIM,))
    if row is None or handle.moment(row[1]) <= now:
        return None
    return row[0]


def claim(handle: Handle, by: str, until: datetime) -> None:
    """Take the claim for ``by`` until ``until`` (call :func:`claim_holder` first, under the lock)."""
    handle.execute("DELETE FROM digest_claims WHERE name = ?", (_CLAIM,))
    handle.execute("INSERT INTO digest_claims (name, claimed_by, claimed_until) VALUES (?, ?, ?)",
                   (_CLAIM, by, until))


def release(handle: Handle, by: str) -> None:
    """Give the claim back, if ``by`` still holds it."""
    handle.execute("DELETE FROM digest_claims WHERE name = ? AND claimed_by = ?", (_CLAIM, by))


def record_digest(handle: Handle, sent_at: datetime, up_to_comment: int, new_comments: int,
                  recipients: str, sent_by: str) -> None:
    """Move the marker: a digest counting comments up to ``up_to_comment`` was accepted at ``sent_at``."""
    handle.execute("INSERT INTO digests_sent (sent_at, up_to_comment, new_comments, recipients, sent_by)"
                   " VALUES (?, ?, ?, ?, ?)", (sent_at, up_to_comment, new_comments, recipients, sent_by))
