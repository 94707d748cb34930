"""Why a batch's published register does not count a comment, in words a citizen understands.

A register row says only "not counted"; a citizen holding the receipt then asks
why. The answer is derived at build time from what is already public — the
row's status and day received, and the batch's period — so the register file
keeps its format and every register published before still reads. The order
follows the public rule (:data:`site_builder.comments.store.register.COUNTED`):
spam and duplicates are never counted, whatever the day; then the period; an
off-topic mark only when a register left such a comment out; anything else
points to the batch's published rule.

The day received is a date while a period may close at a given hour: a row on
the closing day of such a period, neither spam nor a duplicate and not counted,
was received after that hour (the rule leaves out nothing else).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from .vntime import END_OF_DAY, VIETNAM, format_date, format_moment


class UncountedReason(NamedTuple):
    """``key`` for open data, ``text`` for people."""

    key: str
    text: str


SPAM = UncountedReason("spam", "Ban xác định đây là thư rác (quảng cáo, nội dung không phải góp ý).")
DUPLICATE = UncountedReason("duplicate", "Trùng với một ý kiến đã gửi; mỗi ý kiến chỉ được tính một lần.")
OFF_TOPIC = UncountedReason("off_topic", "Nội dung không góp ý về thành tích, phẩm chất của tập thể, cá nhân "
                                         "được đề nghị khen thưởng.")
OTHER = UncountedReason("other", "Không thuộc các ý kiến được tính theo cách tính đã công bố của đợt.")
KEYS = ("spam", "duplicate", "after_close", "before_open", "off_topic", "other")


def uncounted_reason(status: str, counted: bool, received: date, opens_at: datetime,
                     closes_at: datetime) -> UncountedReason | None:
    """Why a row is not counted; ``None`` for a counted row."""
    if counted:
        return None
    if status in ("spam", "duplicate"):
        return SPAM if status == "spam" else DUPLICATE
    if _after_close(received, closes_at):
        return UncountedReason("after_close", f"Nhận ngày {format_date(received)}, sau khi đã hết thời hạn "
                                              f"lấy ý kiến ({_deadline(closes_at)}).")
    if received < opens_at.astimezone(VIETNAM).date():
        return UncountedReason("before_open", f"Nhận ngày {format_date(received)}, trước khi bắt đầu lấy ý "
                                              f"kiến (ngày {format_date(opens_at.astimezone(VIETNAM).date())}).")
    return OFF_TOPIC if status == "off_topic" else OTHER


def _after_close(received: date, closes_at: datetime) -> bool:
    local = closes_at.astimezone(VIETNAM)
    return received > local.date() or (received == local.date() and local.time() < END_OF_DAY)


def _deadline(closes_at: datetime) -> str:
    """``hết ngày 14/03/2025`` for a period closing at the end of a day, else ``hết hạn lúc 17:00 ngày …``."""
    local = closes_at.astimezone(VIETNAM)
    if local.time().replace(microsecond=0) == END_OF_DAY:
        return f"hết ngày {format_date(local.date())}"
    return f"hết hạn lúc {format_moment(local)}"
