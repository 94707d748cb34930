"""What happens to a comment: the steps of a comment period and where the batch stands.

A citizen who reports that a nominee's record is untrue wants to know what
becomes of it and when. The page lists the four steps of the procedure
(received → checked by the board's officers → reported to the council →
outcome published) with the dates this batch knows, and marks the step it is at.

Only the period's own dates are known when it opens. The council's meeting
comes from the record (``council_meets``) once it is set, or a count of working
days after the close (``report_within_working_days``); without either, the
step says it in words: the site never invents a date. The outcome is published
when the record gives every nominee's ``outcome``; then the last step is done.

The mark is worked out at build time and again in the reader's browser
(theme/assets/javascripts/period-status.js) from each step's ``starts``, so a
page built during the period still marks the right step after the close.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from site_builder.model.nomination import NominationBatch
from site_builder.model.vntime import at_vietnam, format_date, format_moment

# The words for a step's state; the browser script reads them from the page.
STATE_WORDS = {"done": "Đã xong", "current": "Đang thực hiện", "next": "Chưa đến"}


@dataclass(frozen=True)
class Step:
    """One step as the page shows it: what, when (in words, with dates), and how far it is."""

    key: str
    title: str
    when: str
    state: str  # a key of STATE_WORDS
    current: bool
    starts: datetime | None  # from when the browser may mark it; None: only a rebuild moves the mark here

    @property
    def state_words(self) -> str:
        return STATE_WORDS[self.state]


def comment_steps(batch: NominationBatch, now: datetime) -> tuple[Step, ...]:
    """The four steps of ``batch`` at ``now``, the current one marked (none before the period opens)."""
    drafts = [_received(batch), _verified(batch), _reported(batch), _published(batch)]
    reached = _reached(batch, now, drafts)
    finished = _all_decided(batch)
    return tuple(
        Step(key, title, when, _state(index, reached, finished), index == reached, starts)
        for index, (key, title, when, starts) in enumerate(drafts)
    )


def _state(index: int, reached: int, finished: bool) -> str:
    if index < reached or (finished and index == reached):
        return "done"
    return "current" if index == reached else "next"


def _reached(batch: NominationBatch, now: datetime, drafts: list[tuple]) -> int:
    """The index of the step the batch is at: the last whose start has come, or the outcome once recorded."""
    if batch.has_outcome:
        return len(drafts) - 1
    started = [index for index, draft in enumerate(drafts) if draft[3] is not None and draft[3] <= now]
    return started[-1] if started else -1


def _all_decided(batch: NominationBatch) -> bool:
    return all(nominee.outcome is not None for nominee in batch.nominees)


def _received(batch: NominationBatch) -> tuple:
    when = (f"Từ {format_moment(batch.opens_at)} đến {format_moment(batch.closes_at)} "
            "(giờ Việt Nam)")
    return "received", "Tiếp nhận ý kiến", when, batch.opens_at


def _verified(batch: NominationBatch) -> tuple:
    due = batch.report_due
    until = f"trước ngày {format_date(due)}" if due else "trước khi báo cáo Hội đồng"
    when = f"Sau khi kết thúc lấy ý kiến, {until}"
    # The second after the last one of the period: when the period's status turns to closed.
    return "verified", "Cán bộ của Ban kiểm tra, xác minh", when, batch.closes_at + timedelta(seconds=1)


def _reported(batch: NominationBatch) -> tuple:
    title = "Báo cáo Hội đồng Thi đua – Khen thưởng"
    due = batch.report_due
    if batch.council_meets is not None:
        when = f"Ngày {format_date(batch.council_meets)}, phiên họp của Hội đồng"
    elif due is not None:
        when = (f"Trong vòng {batch.report_within_working_days} ngày làm việc sau khi kết thúc lấy ý kiến "
                f"(chậm nhất ngày {format_date(due)})")
    else:
        when = "Sau khi kết thúc lấy ý kiến, tại phiên họp xét khen thưởng của Hội đồng"
        when += "" if batch.has_outcome else "; ngày họp chưa được ấn định"
    starts = at_vietnam(due, time(0, 0)) if due is not None else None
    return "reported", title, when, starts


def _published(batch: NominationBatch) -> tuple:
    title = "Công bố kết quả"
    decided = [nominee for nominee in batch.nominees if nominee.outcome is not None]
    if not decided:
        when = f"Sau khi có quyết định của {batch.decided_by}; ngày quyết định không biết trước"
    elif len(decided) < len(batch.nominees):
        when = f"Đã công bố kết quả của {len(decided)}/{len(batch.nominees)} tập thể, cá nhân"
    else:
        when = "Đã công bố" + _decisions(batch)
    return "published", title, when, None


def _decisions(batch: NominationBatch) -> str:
    """`` theo Quyết định số … ngày …`` for the award decisions of the batch, each once, in order."""
    seen: dict[str, str] = {}
    for nominee in batch.nominees:
        decision = nominee.outcome.decision if nominee.outcome else None
        if decision is not None:
            seen.setdefault(decision.number, f"số {decision.number} ngày {format_date(decision.date)}")
    return f" theo Quyết định {', '.join(seen.values())}" if seen else ""
