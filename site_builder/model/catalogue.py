"""All records of a site, validated and cross-checked, ready to derive pages from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .campaign import Campaign
from .comment_counts import CommentCounts
from .exemplar import Exemplar
from .legal_calendar import STATUTORY, CalendarYear, WorkingCalendar
from .nomination import NominationBatch
from .receipt_register import ReceiptRegister


@dataclass
class Catalogue:
    """The records by id. Built only by the loader, and only when every file is valid."""

    folder: Path
    exemplars: dict[str, Exemplar] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    batches: dict[str, NominationBatch] = field(default_factory=dict)
    comment_counts: dict[str, CommentCounts] = field(default_factory=dict)
    receipt_registers: dict[str, ReceiptRegister] = field(default_factory=dict)
    calendar_years: dict[str, CalendarYear] = field(default_factory=dict)
    # Every working-day count (deadlines, the days a period skips) goes through this one calendar.
    calendar: WorkingCalendar = STATUTORY
    _nominations: dict[str, list[tuple[NominationBatch, str]]] | None = field(default=None, repr=False)

    def exemplars_newest_first(self) -> list[Exemplar]:
        return list(self._newest_first)

    # Cached: listings and campaign pages ask for this order a hundred times per build.
    # The catalogue is complete once the loader returns it, so the order never goes stale.
    @cached_property
    def _newest_first(self) -> tuple[Exemplar, ...]:
        return tuple(sorted(self.exemplars.values(), key=lambda item: (item.published, item.id), reverse=True))

    def exemplars_of_campaign(self, campaign_id: str) -> list[Exemplar]:
        return list(self._by_campaign.get(campaign_id, ()))

    @cached_property
    def _by_campaign(self) -> dict[str, list[Exemplar]]:
        """Newest first, per campaign: one pass, not one per campaign (a hundred campaigns, 10,000 records)."""
        found: dict[str, list[Exemplar]] = {}
        for item in self._newest_first:
            for campaign_id in dict.fromkeys(item.campaigns):
                found.setdefault(campaign_id, []).append(item)
        return found

    def campaigns_of(self, exemplar: Exemplar) -> list[Campaign]:
        return [self.campaigns[campaign_id] for campaign_id in exemplar.campaigns]

    def nominations_of(self, exemplar_id: str) -> list[tuple[NominationBatch, str]]:
        """Batches in which this exemplar was nominated (newest first), with the nominee id."""
        if self._nominations is None:  # one pass over all nominees, not one per exemplar
            self._nominations = {}
            for batch in sorted(self.batches.values(), key=lambda item: item.opens_at, reverse=True):
                for nominee in batch.nominees:
                    if nominee.exemplar:
                        self._nominations.setdefault(nominee.exemplar, []).append((batch, nominee.id))
        return self._nominations.get(exemplar_id, [])

    def comments_received(self, batch: NominationBatch) -> tuple[int | None, dict[str, int]]:
        """Total and per-nominee counts: the record's own figures first, then the published counts file."""
        counts = self.comment_counts.get(batch.id)
        per_nominee = {}
        for nominee in batch.nominees:
            if nominee.comments_received is not None:
                per_nominee[nominee.id] = nominee.comments_received
            elif counts is not None and nominee.id in counts.nominees:
                per_nominee[nominee.id] = counts.nominees[nominee.id]
        total = batch.comments_received if batch.comments_received is not None else (counts.total if counts else None)
        return total, per_nominee
