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
from site_builder.model.i18n import gettext as _
from site_builder.model.receipt_register import STATUS_WORDS

# The board's working words: the published register's (which a citizen reads), but for the two
# states before a decision, which the officers tell apart.
STATUS_LABELS: dict[str, str] = {**STATUS_WORDS, "received": "Mới nhận", "reviewed": "Đã xem xét"}
NEEDS_REASON = frozenset({"not_substantiated", "referred", "off_topic", "duplicate"})
# Statuses whose comments the council considers (a summary line each in its report).
CONSIDERED = ("received", "reviewed", "verified", "not_substantiated", "referred")
MAX_REASON = 1000
ACTION = "comment-status"


class StatusProblem(Exception):
    """A status change that cannot be made, said in English (command line) and Vietnamese (console)."""

    def __init__(self, english: str, vietnamese: str):
        super().__init__(english)
        self.vietnamese = vietnamese


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
        raise StatusProblem(f'"{word}" is not a status (use one of: {", ".join(STATUSES)})',
                            "Trạng thái không hợp lệ. Hãy chọn một trạng thái trong danh sách.")
    return status  # type: ignore[return-value]


def change_status(store: Store, receipts: Sequence[str], change: StatusChange, actor: str,
                  now: datetime) -> list[Changed]:
    """Set the status of every comment of ``receipts``, all or none, one audit entry each."""
    status = known_status(change.status)
    reason = _reason(status, change.reason)
    codes = [_receipt(code) for code in receipts]
    if not codes:
        raise StatusProblem("no comment chosen", "Chưa chọn ý kiến nào. Hãy đánh dấu ít nhất một ý kiến.")
    with store.transaction() as handle:
        return [_change_one(handle, code, status, reason, change.duplicate_of, actor, now) for code in codes]


def _change_one(handle, code: str, status: Status, reason: str | None, duplicate_of: str, actor: str,
                now: datetime) -> Changed:
    comment = find_comment(handle, code)
    if comment is None:
        raise StatusProblem(f"no comment has the receipt {code}",
                            f"Không có ý kiến nào mang mã biên nhận {code}. Hãy kiểm tra lại mã.")
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
            _("{receipt}: a duplicate needs the receipt of another comment of the same batch "
              "(--duplicate-of)").format(receipt=comment.receipt),
            f"Ý kiến {comment.receipt}: hãy nhập mã biên nhận của ý kiến mà ý kiến này trùng lặp (một ý "
            "kiến khác trong cùng đợt).")
    if other.nominee != comment.nominee:
        raise StatusProblem(
            _("{receipt}: {other} is about another nominee ({nominee}): a duplicate repeats a comment about the "
              "same nominee").format(receipt=comment.receipt, other=other.receipt, nominee=other.nominee),
            f"Ý kiến {comment.receipt}: ý kiến {other.receipt} nói về người được đề nghị khác "
            f"({other.nominee}). Chỉ đánh dấu trùng lặp với một ý kiến về cùng tập thể, cá nhân.")
    if other.status == "duplicate" and other.duplicate_of == comment.receipt:
        raise StatusProblem(
            _("{receipt}: {other} is already marked a duplicate of this comment: one of the two must stay "
              "counted").format(receipt=comment.receipt, other=other.receipt),
            f"Ý kiến {comment.receipt}: ý kiến {other.receipt} đã được đánh dấu là trùng lặp với ý kiến này. "
            "Một trong hai ý kiến phải được giữ lại để tính.")
    return other.receipt


def _reason(status: Status, text: str) -> str | None:
    reason = " ".join((text or "").split())
    if len(reason) > MAX_REASON:
        raise StatusProblem(f"the reason is longer than {MAX_REASON} characters",
                            f"Lý do dài quá {MAX_REASON} ký tự. Hãy viết ngắn gọn hơn.")
    if status in NEEDS_REASON and not reason:
        raise StatusProblem(f'the status "{status}" needs a reason (--reason)',
                            f"Trạng thái “{STATUS_LABELS[status]}” cần ghi lý do. Hãy nhập lý do rồi lưu lại.")
    return reason or None


def _receipt(text: str) -> str:
    code = normalise_receipt(text)
    if code is None:
        raise StatusProblem(f'"{text}" is not a receipt code (8 characters, e.g. K7QX-M4TN)',
                            "Mã biên nhận không hợp lệ (8 ký tự, ví dụ K7QX-M4TN).")
    return code
