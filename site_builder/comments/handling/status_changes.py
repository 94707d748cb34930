"""Changing a comment's status: the reason it needs, and one audit entry per comment.

The usual path is received → reviewed → verified / not substantiated / referred
to another authority; a comment may instead be marked a duplicate (of another
receipt), spam, or off-topic. Any status may be corrected to any other: the
audit trail keeps every step, old → new, with who and why. A reason is
required where the council will ask for one (:data:`NEEDS_REASON`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from site_builder.comments.store.audit_log import append_audit
from site_builder.comments.store.comment_handling import find_comment, write_status
from site_builder.comments.store.receipts import normalise_receipt
from site_builder.comments.store.register import FORMER_STATUSES, STATUSES, Status, Store
from site_builder.model.i18n import Explained, Phrase
from site_builder.model.i18n import mark as N_
from site_builder.model.receipt_register import STATUS_WORDS

# The board's working words: the published register's (which a citizen reads), but for the two
# states before a decision, which the officers tell apart.
STATUS_LABELS: dict[str, str] = {**STATUS_WORDS, "received": "Mới nhận", "reviewed": "Đã xem xét"}
NEEDS_REASON = frozenset({"not_substantiated", "referred", "off_topic", "duplicate"})
# Statuses whose comments the council considers (a summary line each in its report).
CONSIDERED = ("received", "reviewed", "verified", "not_substantiated", "referred")
MAX_REASON = 1000
ACTION = "comment-status"


class StatusProblem(Explained):
    """A status change that cannot be made: in the command line's language, and in Vietnamese for the
    console (whose words name its fields where the command line names its options)."""


@dataclass(frozen=True)
class StatusChange:
    """What an officer asks: a status, a reason, and for a duplicate the receipt it repeats."""

    status: str
    reason: str = ""
    duplicate_of: str = ""


@dataclass(frozen=True)
class Changed:
    receipt: str
    old: str
    new: str


def known_status(word: str) -> Status:
    """A status of the register, the first releases' words (``new``) accepted."""
    status = FORMER_STATUSES.get(word, word)
    if status not in STATUSES:
        raise StatusProblem(Phrase(N_('"{word}" is not a status: use one of {statuses}'), word=word,
                                   statuses=", ".join(STATUSES)),
                            Phrase(N_("The status is not valid. Choose one from the list.")))
    return status  # type: ignore[return-value]


def change_status(store: Store, receipts: Sequence[str], change: StatusChange, actor: str,
                  now: datetime) -> list[Changed]:
    """Set the status of every comment of ``receipts``, all or none, one audit entry each."""
    status = known_status(change.status)
    reason = _reason(status, change.reason)
    codes = [_receipt(code) for code in receipts]
    if not codes:
        raise StatusProblem(Phrase(N_("No comment is chosen. Tick at least one comment.")))
    with store.transaction() as handle:
        return [_change_one(handle, code, status, reason, change.duplicate_of, actor, now) for code in codes]


def _change_one(handle, code: str, status: Status, reason: str | None, duplicate_of: str, actor: str,
                now: datetime) -> Changed:
    comment = find_comment(handle, code)
    if comment is None:
        raise StatusProblem(Phrase(N_("no comment has the receipt {code}: check the code"), code=code))
    original = _original(handle, status, duplicate_of, comment) if status == "duplicate" else None
    if comment.status == status and comment.status_reason == reason and comment.duplicate_of == original:
        return Changed(code, comment.status, status)  # nothing to change, nothing to record
    write_status(handle, comment.id, status, reason, original)
    why = reason if original is None else f"Trùng với ý kiến {original}: {reason}"
    append_audit(handle, now, actor, ACTION, code, batch=comment.batch, old=comment.status, new=status,
                 reason=why)
    return Changed(code, comment.status, status)


def _original(handle, status: Status, duplicate_of: str, comment) -> str:
    """The receipt a duplicate repeats: another comment of the same batch about the same nominee, not
    itself marked a duplicate of this one (else both would drop out of the count)."""
    code = normalise_receipt(duplicate_of or "")
    other = find_comment(handle, code) if code else None
    if other is None or other.batch != comment.batch or other.receipt == comment.receipt:
        raise StatusProblem(
            Phrase(N_("{receipt}: a duplicate needs the receipt of another comment of the same batch: give it "
                      "with --duplicate-of RECEIPT"), receipt=comment.receipt),
            Phrase(N_("Comment {receipt}: enter the receipt of the comment this one repeats (another comment "
                      "of the same batch)."), receipt=comment.receipt))
    if other.nominee != comment.nominee:
        fields = {"receipt": comment.receipt, "other": other.receipt, "nominee": other.nominee}
        raise StatusProblem(
            Phrase(N_("{receipt}: {other} is about another nominee ({nominee}): a duplicate repeats a comment "
                      "about the same nominee"), **fields),
            Phrase(N_("Comment {receipt}: comment {other} is about another nominee ({nominee}). Mark a comment "
                      "a duplicate only of one about the same collective or person."), **fields))
    if other.status == "duplicate" and other.duplicate_of == comment.receipt:
        fields = {"receipt": comment.receipt, "other": other.receipt}
        raise StatusProblem(
            Phrase(N_("{receipt}: {other} is already marked a duplicate of this comment: one of the two must "
                      "stay counted"), **fields),
            Phrase(N_("Comment {receipt}: comment {other} is already marked a duplicate of this one. One of "
                      "the two must stay counted."), **fields))
    return other.receipt


def _reason(status: Status, text: str) -> str | None:
    reason = " ".join((text or "").split())
    if len(reason) > MAX_REASON:
        raise StatusProblem(Phrase(N_("the reason is longer than {length} characters: write it shorter"),
                                   length=MAX_REASON))
    if status in NEEDS_REASON and not reason:
        raise StatusProblem(Phrase(N_('the status "{status}" needs a reason: give it with --reason "…"'),
                                   status=status),
                            Phrase(N_('The status "{label}" needs a reason. Enter the reason and save again.'),
                                   label=STATUS_LABELS[status]))
    return reason or None


def _receipt(text: str) -> str:
    code = normalise_receipt(text)
    if code is None:
        raise StatusProblem(Phrase(N_('"{text}" is not a receipt code: a receipt code has 8 characters, e.g. '
                                      "K7QX-M4TN"), text=text),
                            Phrase(N_("The receipt code is not valid (8 characters, e.g. K7QX-M4TN).")))
    return code
