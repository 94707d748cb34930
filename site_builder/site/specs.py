"""Every page derived from the records, as plain data: address, template, title, context.

Nothing here knows MkDocs; :mod:`site_builder.engine.plugin` turns each :class:`PageSpec`
into a virtual file and hands its context to the template.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from site_builder.model import urls
from site_builder.model.catalogue import Catalogue
from site_builder.model.fields import PackedText
from site_builder.model.nomination import NominationBatch

from .comment_steps import STATE_WORDS, comment_steps
from .listings import FACETS, Facet, Group, paginate
from .status import batches_in_order, counted_days, period_status

TEMPLATES = "records/"


@dataclass
class PageSpec:
    """One page to publish."""

    url: str
    template: str
    title: str
    description: str | None = None
    body: str | PackedText = ""  # Markdown; a record's story stays packed until its page is rendered
    context: dict[str, Any] = field(default_factory=dict)
    hide: tuple[str, ...] = ("navigation",)
    updated: date | None = None  # when the content last changed, for the sitemap

    @property
    def src_uri(self) -> str:
        return urls.source_uri(self.url)

    @property
    def text(self) -> str:
        """The body as text."""
        return str(self.body)

    def meta(self) -> dict[str, Any]:
        """The page's front matter: template, title, description, hidden sidebars."""
        meta: dict[str, Any] = {"template": TEMPLATES + self.template, "title": self.title}
        if self.description:
            meta["description"] = self.description
        if self.hide:
            meta["hide"] = list(self.hide)
        return meta

    def markdown(self) -> str:
        """Front matter (dumped by PyYAML, so any title is quoted safely) and body."""
        front = yaml.dump(self.meta(), Dumper=_DUMPER, allow_unicode=True, sort_keys=True)
        return f"---\n{front}---\n\n{self.text}\n"


# libyaml's emitter writes the same text as PyYAML's pure-Python one, about eight times
# faster (a few seconds per 10,000 pages); MkDocs reads it back with libyaml too.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def generate_pages(catalogue: Catalogue, now: datetime, per_page: int) -> Iterator[PageSpec]:
    """All record pages and listings, in a deterministic order."""
    yield from _exemplar_pages(catalogue)
    yield from _exemplar_listings(catalogue, per_page)
    yield from _campaign_pages(catalogue, per_page)
    yield from _batch_pages(catalogue, now, per_page)


def _exemplar_pages(catalogue: Catalogue) -> Iterator[PageSpec]:
    for exemplar_id, exemplar in sorted(catalogue.exemplars.items()):
        context = {
            "exemplar": exemplar,
            "campaigns": catalogue.campaigns_of(exemplar),
            "nominations": catalogue.nominations_of(exemplar_id),
        }
        yield PageSpec(urls.exemplar(exemplar_id), "exemplar.html", exemplar.name,
                       exemplar.summary, exemplar.story, context, hide=("navigation",),
                       updated=exemplar.last_modified)


def _listing_pages(base: str, title: str, items: list, per_page: int, template: str = "listing.html",
                   description: str | None = None, **extra: Any) -> Iterator[PageSpec]:
    """``items`` over as many pages as it takes, ``per_page`` a page: no page grows with the records."""
    for page_items, pagination in paginate(items, base, per_page):
        shown = title if pagination.number == 1 else f"{title} (trang {pagination.number})"
        context = {"items": page_items, "pagination": pagination, "heading": title, **extra}
        yield PageSpec(pagination.url, template, shown, description, context=context, hide=("navigation", "toc"))


def _exemplar_listings(catalogue: Catalogue, per_page: int) -> Iterator[PageSpec]:
    everything = catalogue.exemplars_newest_first()
    facets = [(facet, facet.group(catalogue)) for facet in FACETS]
    yield from _listing_pages(urls.EXEMPLARS, "Điển hình tiên tiến", everything, per_page,
                              facets=facets, group=None)
    for facet, groups in facets:
        yield _facet_page(facet, groups)
        for group in groups:
            yield from _group_pages(facet, group, per_page)


def _facet_page(facet: Facet, groups: list[Group]) -> PageSpec:
    title = f"Điển hình tiên tiến {facet.title.lower()}"
    return PageSpec(facet.url, "facet.html", title, context={"facet": facet, "groups": groups},
                    hide=("navigation", "toc"))


def _group_pages(facet: Facet, group: Group, per_page: int) -> Iterator[PageSpec]:
    title = f"Điển hình tiên tiến — {facet.heading}: {group.label}"
    yield from _listing_pages(group.url, title, group.items, per_page, facet=facet, group=group)


def _campaign_pages(catalogue: Catalogue, per_page: int) -> Iterator[PageSpec]:
    campaigns = sorted(catalogue.campaigns.values(), key=lambda item: (item.starts, item.id), reverse=True)
    yield from _listing_pages(urls.CAMPAIGNS, "Phong trào thi đua", campaigns, per_page, "campaigns.html")
    for campaign in campaigns:
        exemplars = catalogue.exemplars_of_campaign(campaign.id)
        context = {"campaign": campaign, "exemplars": exemplars[:per_page], "exemplar_count": len(exemplars),
                   "exemplars_url": f"{urls.EXEMPLARS}phong-trao/{campaign.id}/"}
        yield PageSpec(urls.campaign(campaign.id), "campaign.html", campaign.name, campaign.summary,
                       campaign.description, context)


def _batch_pages(catalogue: Catalogue, now: datetime, per_page: int) -> Iterator[PageSpec]:
    ordered = batches_in_order(list(catalogue.batches.values()), now)
    listed = [(batch, period_status(batch, now)) for batch in ordered]
    # A period's status says when it was worked out (``build_now``): these pages change every build.
    yield from _listing_pages(urls.BATCHES, "Lấy ý kiến nhân dân về đề nghị khen thưởng", listed, per_page,
                              "batches.html", "Danh sách tập thể, cá nhân được đề nghị khen thưởng đang được "
                                              "lấy ý kiến nhân dân.", build_now=now)
    for batch, status in listed:
        received_total, received = catalogue.comments_received(batch)
        context = {"batch": batch, "status": status, "received_total": received_total, "received": received,
                   "exemplar_urls": {n.id: urls.exemplar(n.exemplar) for n in batch.nominees if n.exemplar},
                   "build_now": now, "steps": comment_steps(batch, now), "step_words": STATE_WORDS,
                   "register": _register_summary(catalogue, batch.id), **counted_days(batch)}
        description = f"{batch.award}: danh sách đề nghị, thời hạn góp ý và cách gửi ý kiến."
        yield PageSpec(urls.batch(batch.id), "batch.html", batch.title, description,
                       batch.introduction or "", context, updated=_batch_updated(batch))


@dataclass(frozen=True)
class RegisterSummary:
    """What a batch's page says of its published register of receipts (:mod:`.register_pages`)."""

    url: str
    receipts: int
    counted: int


def _register_summary(catalogue: Catalogue, batch_id: str) -> RegisterSummary | None:
    register = catalogue.receipt_registers.get(batch_id)
    if register is None:
        return None
    counted = sum(register.counted_per_nominee().values())
    return RegisterSummary(urls.receipt_register(batch_id), len(register.receipts), counted)


def _batch_updated(batch: NominationBatch) -> date:
    """The page changes when the period opens and when outcomes are published."""
    decided = [n.outcome.decision.date for n in batch.nominees if n.outcome and n.outcome.decision]
    return max([batch.opens_at.date(), *decided])
