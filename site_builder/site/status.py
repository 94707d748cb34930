"""Where a comment period stands at a given moment, in Vietnam time.

The same rules run in the browser (theme/assets/javascripts/period-status.js),
so a page built before the deadline shows the right state after it; the labels
are passed to the page from here so both speak with one voice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from site_builder.model.legal_calendar import DayNote
from site_builder.model.nomination import NominationBatch, PeriodPhase
from site_builder.model.vntime import VIETNAM, format_date

LABELS = {
    "upcoming": "Sắp mở",
    "open": "Đang lấy ý kiến — còn {n} ngày",
    "open_last_day": "Đang lấy ý kiến — hôm nay là ngày cuối",
    "closed": "Đã kết thúc",
}


@dataclass(frozen=True)
class PeriodStatus:
    code: PeriodPhase
    label: str
    days_left: int | None = None


def period_status(batch: NominationBatch, now: datetime) -> PeriodStatus:
    """The phase (:meth:`NominationBatch.phase_at`) with its label and the days left."""
    code = batch.phase_at(now)
    if code == "upcoming":
        return PeriodStatus("upcoming", f"{LABELS['upcoming']} (từ {format_date(batch.opens_at)})")
    if code == "closed":
        return PeriodStatus("closed", LABELS["closed"])
    days = (batch.closes_at.astimezone(VIETNAM).date() - now.astimezone(VIETNAM).date()).days
    label = LABELS["open_last_day"] if days == 0 else LABELS["open"].format(n=days)
    return PeriodStatus("open", label, days)


def batches_in_order(batches: list[NominationBatch], now: datetime) -> list[NominationBatch]:
    """Open periods first (closing soonest first), then upcoming, then closed (latest first)."""
    rank = {"open": 0, "upcoming": 1, "closed": 2}

    def key(batch: NominationBatch) -> tuple:
        code = period_status(batch, now).code
        if code == "open":
            moment = batch.closes_at.timestamp()
        elif code == "upcoming":
            moment = batch.opens_at.timestamp()
        else:
            moment = -batch.closes_at.timestamp()
        return rank[code], moment, batch.id

    return sorted(batches, key=key)


@dataclass(frozen=True)
class DayGroup:
    """Days in a row of a period that share a reason, as the page shows them: dd/mm/yyyy, and why."""

    days: tuple[str, ...]
    reason: str


def group_days(notes: list[DayNote]) -> list[DayGroup]:
    """Days that follow one another with the same reason (a holiday, a notice) in one group."""
    groups: list[DayGroup] = []
    for note in notes:
        if groups and groups[-1].reason == note.reason:
            groups[-1] = DayGroup((*groups[-1].days, format_date(note.day)), note.reason)
        else:
            groups.append(DayGroup((format_date(note.day),), note.reason))
    return groups


def counted_days(batch: NominationBatch) -> dict[str, list[DayGroup]]:
    """For a period counted in working days: the days off it skips and the make-up days it counts."""
    if batch.closes_after_working_days is None:
        return {"days_off": [], "make_up_days": []}
    return {"days_off": group_days(batch.days_off_in_period()),
            "make_up_days": group_days(batch.make_up_days_in_period())}
