"""Entering a letter or a phone call: the date on it and the moment it was typed in, both kept.

``received_at`` is the date on the letter (or of the call) — what the period's
rule looks at; ``entered_at`` and ``entered_by`` say when and by whom it was
typed in. One dated outside the batch's period is stored all the same (a letter
posted in time may arrive late, and the council sees everything) but marked
``outside_period``, and the public figures leave it out. The entry and its
audit entry (no personal data in it) commit together.

A comment the register already holds (:func:`same_entry`) is not stored again
unless the officer says it really is a second one (``again``): the web form's
resends are caught by their digest, but an officer who types in the same
letter twice — two officers, the copy and the original, a call logged twice —
would otherwise give it two receipts and count it twice. It is a question, not
a refusal: the same person may write the same words twice, and a petition
copies one text for many signers (who differ by name or contact, so are not
"the same").
"""

from __future__ import annotations

from datetime import datetime

from site_builder.comments.store.audit_log import append_audit
from site_builder.comments.store.comment_handling import HandledComment, comments_of, insert_entry, receipt_taken
from site_builder.comments.store.receipts import new_receipt
from site_builder.comments.store.register import NewComment, Store, StoreUnavailable, normal_contact, normal_words
from site_builder.model.i18n import Explained, Phrase
from site_builder.model.i18n import mark as N_
from site_builder.model.nomination import NominationBatch
from site_builder.model.vntime import VIETNAM

_ATTEMPTS = 8


class AlreadyEntered(Explained):
    """The comment is in the register already (:attr:`receipt`); nothing was stored."""

    def __init__(self, earlier: HandledComment):
        moment = f"{earlier.received_at.astimezone(VIETNAM):%d/%m/%Y}"
        super().__init__(
            Phrase(N_("this comment is already in the register: receipt {receipt}, dated {moment}; nothing "
                      "was stored. If it really is a second letter or call, run the command again with "
                      "--again"), receipt=earlier.receipt, moment=moment),
            Phrase(N_("This comment is already in the register: receipt {receipt}, dated {moment}; nothing "
                      "was stored. If it really is a second letter or call, tick the box below and save "
                      "again."), receipt=earlier.receipt, moment=moment))
        self.receipt = earlier.receipt


def enter_comment(store: Store, batch: NominationBatch, comment: NewComment, dated: datetime, actor: str,
                  now: datetime, again: bool = False) -> tuple[str, bool]:
    """Store a letter or a call typed in by ``actor``; its receipt code and whether it is outside the period.

    Raises :class:`AlreadyEntered` when the register holds the same comment, unless ``again``;
    the audit entry of one stored ``again`` names the receipt it repeats.
    """
    outside = batch.phase_at(dated) != "open"
    with store.transaction() as handle:
        earlier = same_entry(comments_of(handle, comment.batch, comment.nominee), comment)
        if earlier is not None and not again:
            raise AlreadyEntered(earlier)
        code = _fresh_receipt(handle)
        insert_entry(handle, comment, code, dated, now, actor, outside)
        entry = {"channel": comment.channel, "nominee": comment.nominee,
                 "dated": dated.isoformat(timespec="minutes"), "outside_period": outside}
        if earlier is not None:
            entry["repeats"] = earlier.receipt
        append_audit(handle, now, actor, "comment-entered", code, batch=comment.batch, new=entry)
    return code, outside


def same_entry(earlier: list[HandledComment], comment: NewComment) -> HandledComment | None:
    """The first of ``earlier`` (one nominee's comments) that is ``comment``, from whatever channel.

    The same text (case and spacing aside) from the same person: the same contact when the
    comment has one (the name may be written with or without diacritics, as for a web resend),
    else the same name (a letter signed with a name and an address alone). Broad on purpose: a
    match only asks the officer.
    """
    text = normal_words(comment.text)
    for stored in earlier:
        if normal_words(stored.text) == text and _same_person(stored, comment):
            return stored
    return None


def _same_person(stored: HandledComment, comment: NewComment) -> bool:
    if comment.contact:
        return normal_contact(stored.contact) == normal_contact(comment.contact)
    return not stored.contact and normal_words(stored.name) == normal_words(comment.name)


def _fresh_receipt(handle) -> str:
    for _ in range(_ATTEMPTS):
        code = new_receipt()
        if not receipt_taken(handle, code):
            return code
    raise StoreUnavailable("could not draw an unused receipt code")
