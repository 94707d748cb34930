"""Entering a letter or a phone call: the date on it and the moment it was typed in, both kept.

``received_at`` is the date on the letter (or of the call) — what the period's
rule looks at; ``entered_at`` and ``entered_by`` say when and by whom it was
typed in. One dated outside the batch's period is stored all the same (a letter
posted in time may arrive late, and the council sees everything) but marked
``outside_period``, and the public figures leave it out. The entry and its
audit entry (no personal data in it) commit together.
"""

from __future__ import annotations

from datetime import datetime

from site_builder.comments.store.audit_log import append_audit
from site_builder.comments.store.comment_handling import insert_entry, receipt_taken
from site_builder.comments.store.receipts import new_receipt
from site_builder.comments.store.register import NewComment, Store, StoreUnavailable
from site_builder.model.nomination import NominationBatch

_ATTEMPTS = 8


def enter_comment(store: Store, batch: NominationBatch, comment: NewComment, dated: datetime, actor: str,
                  now: datetime) -> tuple[str, bool]:
    """Store a letter or a call typed in by ``actor``; its receipt code and whether it is outside the period."""
    outside = batch.phase_at(dated) != "open"
    with store.transaction() as handle:
        code = _fresh_receipt(handle)
        insert_entry(handle, comment, code, dated, now, actor, outside)
        append_audit(handle, now, actor, "comment-entered", code, batch=comment.batch,
                     new={"channel": comment.channel, "nominee": comment.nominee,
                          "dated": dated.isoformat(timespec="minutes"), "outside_period": outside})
    return code, outside


def _fresh_receipt(handle) -> str:
    for _ in range(_ATTEMPTS):
        code = new_receipt()
        if not receipt_taken(handle, code):
            return code
    raise StoreUnavailable("could not draw an unused receipt code")
