"""All records of a site, validated and cross-checked, ready to derive pages from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .campaign import Campaign
from .exemplar import Exemplar
from .nomination import NominationBatch


@dataclass
class Catalogue:
    """The records by id. Built only by the loader, and only when every file is valid."""

    folder: Path
    exemplars: dict[str, Exemplar] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    batches: dict[str, NominationBatch] = field(default_factory=dict)

    def exemplars_newest_first(self) -> list[Exemplar]:
        return sorted(self.exemplars.values(), key=lambda item: (item.published, item.id), reverse=True)

    def exemplars_of_campaign(self, campaign_id: str) -> list[Exemplar]:
        return [item for item in self.exemplars_newest_first() if campaign_id in item.campaigns]

    def campaigns_of(self, exemplar: Exemplar) -> list[Campaign]:
        return [self.campaigns[campaign_id] for campaign_id in exemplar.campaigns]

    def nominations_of(self, exemplar_id: str) -> list[tuple[NominationBatch, str]]:
        """Batches in which this exemplar was nominated, with the nominee id."""
        found = []
        for batch in sorted(self.batches.values(), key=lambda item: item.opens_at, reverse=True):
            found.extend((batch, nominee.id) for nominee in batch.nominees if nominee.exemplar == exemplar_id)
        return found
