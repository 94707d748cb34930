"""Where the board's digest e-mail stands: the last one sent, which comments it counted, and the one
run sending now.

The newest row of ``digests_sent`` says when the SMTP server accepted the last
digest; ``digested_comments`` names every comment a digest counted. A comment is
"new" until a digest that counted it was accepted. Rows are written only after
that acceptance, so a failed send leaves everything where it was and the next run
tries again. Both tables are frozen (triggers refuse UPDATE and DELETE).

Why a list of comments and not a marker "up to comment id N" (what the first
releases kept, still written as ``up_to_comment``): on PostgreSQL an id is drawn
from the sequence when the row is inserted, before its transaction commits. A
letter typed in slowly may take id 7, a web comment id 8 and commit first; a
digest reading then sees 8 and not 7, and a marker at 8 would leave 7 out of
every later digest. Which comments a digest saw is exact on both databases, needs
no lock that would make citizens' comments wait, and no reasoning about commit
order: the digest reads the undigested comments in one statement (one snapshot)
and, once sent, records exactly those. A comment committed meanwhile is not among
them, so the next digest counts it. (SQLite's single writer could never show
this, but the same rule serves both.)

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
    up_to_comment: int  # the highest comment id it counted (what a marker said before digested_comments)


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


@dataclass(frozen=True)
class Undigested:
    """A comment no sent digest has counted yet (spam too: left out of the figures, not of the list)."""

    id: int
    batch: str
    nominee: str
    status: str


def undigested_comments(handle: Handle) -> list[Undigested]:
    """Every comment no accepted digest has counted, read in one statement (one snapshot), by id."""
    rows = handle.all("SELECT id, batch, nominee, status FROM comments WHERE NOT EXISTS"
                      " (SELECT 1 FROM digested_comments WHERE digested_comments.comment = comments.id)"
                      " ORDER BY id")
    return [Undigested(int(row[0]), row[1], row[2], row[3]) for row in rows]


def record_digest(handle: Handle, sent_at: datetime, comments: tuple[int, ...], new_comments: int,
                  recipients: str, sent_by: str) -> None:
    """A digest that counted ``comments`` (their ids) was accepted at ``sent_at``: they are new no more."""
    handle.execute("INSERT INTO digests_sent (sent_at, up_to_comment, new_comments, recipients, sent_by)"
                   " VALUES (?, ?, ?, ?, ?)", (sent_at, max(comments, default=0), new_comments, recipients,
                                               sent_by))
    digest = handle.one("SELECT max(id) FROM digests_sent")[0]  # the claim keeps other runs out
    for comment in comments:
        handle.execute("INSERT INTO digested_comments (comment, digest) VALUES (?, ?)", (comment, digest))
