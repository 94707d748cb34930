"""How long a commenter's personal data is kept, and erasing it when that time is over.

The name, contact and address serve one consultation: the board may call the
commenter back while the council decides. Once the batch's outcome is
published, they are kept ``RETENTION_MONTHS`` months more (for a complaint or
a re-examination), then erased; the comment's text, status, receipt and times
stay, so the record of what the people said remains.

**When the outcome is published**: the records hold the council's decision
per nominee (``outcome``, with ``decision.date`` when awarded). A batch's
outcome counts as published once *every* nominee has an outcome, on the
latest decision date among them. A batch without that date (some nominee
still undecided, or no decision dated) is not due: the purge says so and
erases nothing, since erasing too early would cost a citizen the reply the
board owes them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from site_builder.model.i18n import gettext as _
from site_builder.model.nomination import NominationBatch

log = logging.getLogger(__name__)

RETENTION_MONTHS = 12


@dataclass(frozen=True)
class Due:
    """One batch of the register with personal data: whether it is to be erased, and why."""

    batch: str
    comments: int
    erase_from: date | None
    reason: str

    def due(self, today: date) -> bool:
        return self.erase_from is not None and today >= self.erase_from


def outcome_published(batch: NominationBatch) -> date | None:
    """The latest decision date, once every nominee has an outcome; else ``None``."""
    if not batch.nominees or any(nominee.outcome is None for nominee in batch.nominees):
        return None
    dates = [nominee.outcome.decision.date for nominee in batch.nominees
             if nominee.outcome is not None and nominee.outcome.decision is not None]
    return max(dates) if dates else None


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (31/01 + 1 month is 28/02 or 29/02)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def plan(holding: dict[str, int], batches: dict[str, NominationBatch], months: int) -> list[Due]:
    """For every batch whose comments hold personal data: from when it is to be erased."""
    return [_due(batch_id, count, batches.get(batch_id), months) for batch_id, count in sorted(holding.items())]


def _due(batch_id: str, count: int, batch: NominationBatch | None, months: int) -> Due:
    if batch is None:
        return Due(batch_id, count, None, _("not in the records: kept (check the records folder)"))
    published = outcome_published(batch)
    if published is None:
        return Due(batch_id, count, None, _("outcome not published yet (every nominee needs an outcome with a "
                                            "dated decision): kept"))
    erase_from = add_months(published, months)
    return Due(batch_id, count, erase_from, _("outcome published {published}; personal data kept until {until}").format(
        published=f"{published:%d/%m/%Y}", until=f"{erase_from:%d/%m/%Y}"))


def record_erasure(batch: str, comments: int, today: date) -> None:
    """The one place an erasure is recorded.

    A log line for now; the staff console's audit trail hooks in here (one
    entry per erasure: what, when, under which rule), in the same place.
    """
    log.warning(_("personal data erased: batch {batch}, {count} comments (retention {day})").format(
        batch=batch, count=comments, day=f"{today:%d/%m/%Y}"))
