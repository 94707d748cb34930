"""One run of the digest: decide, claim, send, and only then move the marker and audit it.

Run every few minutes by a timer (``site-builder comments digest``); it sends
at most one e-mail per ``interval`` (an hour), and only when comments arrived
since the last digest. The steps, in this order:

1. Under the digest lock, in one short transaction: give up if another run
   holds the claim, if the last digest is younger than the interval, or if
   nothing new arrived; otherwise read the counts and take the claim. The
   counts and the comments they count come from that one transaction.
2. Send, outside any transaction (the SMTP exchange must not hold SQLite's
   write lock while citizens post comments).
3. Accepted: in one transaction, the digest's row with the comments it
   counted (:mod:`site_builder.comments.store.digest_marks` says why a list and
   not an id marker), the audit entry (``digest-sent``, counts only) and the
   claim released. Not accepted: the claim is released and
   :class:`.smtp_delivery.MailNotSent` raised; nothing is recorded, so the next
   run counts the same comments again.

A run that dies between 2 and 3 leaves the claim to expire (``lease``); the
next run then sends again: a digest may come twice, never not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from site_builder.comments.settings import DigestSettings
from site_builder.comments.store.audit_log import append_audit
from site_builder.comments.store.digest_marks import (
    DIGEST_LOCK,
    LastDigest,
    claim,
    claim_holder,
    last_digest,
    record_digest,
    release,
)
from site_builder.comments.store.handle import Handle
from site_builder.comments.store.register import Store
from site_builder.model.nomination import NominationBatch

from .digest_mail import DigestContent, compose_digest, gather_digest
from .smtp_delivery import MailNotSent, deliver

Verdict = Literal["sent", "busy", "too-soon", "nothing-new"]
ACTION = "digest-sent"


@dataclass(frozen=True)
class DigestOutcome:
    """What the run did; ``not_before`` is when the next digest may go (``too-soon``)."""

    verdict: Verdict
    new_comments: int = 0
    not_before: datetime | None = None
    refused: tuple[str, ...] = ()


def run_digest(store: Store, batches: Mapping[str, NominationBatch], settings: DigestSettings, actor: str,
               now: datetime) -> DigestOutcome:
    """Send the digest if one is due; raises :class:`MailNotSent` when the server did not take it."""
    runner = f"{actor} {uuid.uuid4().hex}"
    with store.transaction() as handle:
        handle.serialise(DIGEST_LOCK)
        previous = last_digest(handle)
        waiting = _waiting(handle, previous, settings, now)
        if waiting is not None:
            return waiting
        content = gather_digest(handle, batches, previous.sent_at if previous else None, now)
        if not content.batches:  # only spam arrived, or nothing at all
            return DigestOutcome("nothing-new")
        claim(handle, runner, now + settings.lease)
    try:
        refused = deliver(compose_digest(content, settings), settings.smtp)
    except MailNotSent:
        with store.transaction() as handle:
            release(handle, runner)
        raise
    _record(store, content, settings, actor, runner, refused)
    return DigestOutcome("sent", content.new, refused=tuple(refused))


def _waiting(handle: Handle, previous: LastDigest | None, settings: DigestSettings,
             now: datetime) -> DigestOutcome | None:
    """Another run is sending, or the last digest is too recent; ``None`` when neither."""
    if claim_holder(handle, now) is not None:
        return DigestOutcome("busy")
    if previous is not None and now < previous.sent_at + settings.interval:
        return DigestOutcome("too-soon", not_before=previous.sent_at + settings.interval)
    return None


def _record(store: Store, content: DigestContent, settings: DigestSettings, actor: str, runner: str,
            refused: list[str]) -> None:
    """The marker moves, with its audit entry (counts and addresses of the board only)."""
    recipients = ", ".join(settings.recipients)
    with store.transaction() as handle:
        record_digest(handle, content.made_at, content.comments, content.new, recipients, actor)
        append_audit(handle, content.made_at, actor, ACTION, recipients,
                     new={"since": None if content.since is None else content.since.isoformat(),
                          "new_comments": content.new, "up_to_comment": max(content.comments),
                          "batches": {part.batch_id: part.figures.new for part in content.batches},
                          "refused": refused})
        release(handle, runner)
