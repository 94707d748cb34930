"""What a search can find: one :class:`SearchDoc` per exemplar, nominee, campaign and news post.

Only what people look for is indexed — names, position and unit, places (the
name at the time and the province it belongs to now), awards, sector, campaign
names and the short summaries — never the whole story: that keeps the index
small enough for a phone on a slow connection.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from site_builder.model import urls
from site_builder.model.campaign import Campaign
from site_builder.model.catalogue import Catalogue
from site_builder.model.exemplar import Exemplar
from site_builder.model.fields import Place
from site_builder.model.nomination import NominationBatch, Nominee
from site_builder.model.places import Province, find_province
from site_builder.site.listings import group_slug

# Field classes, from the least to the most telling place for a word to appear.
SUMMARY, PLACE, DETAIL, NAME = 0, 1, 2, 3

# Result types, in the order their documents are numbered (the client filters by ranges).
TYPES = ("exemplar", "nominee", "campaign", "news")
TYPE_LABELS = {"exemplar": "Điển hình tiên tiến", "nominee": "Đề nghị khen thưởng",
               "campaign": "Phong trào thi đua", "news": "Tin tức"}
KINDS = ("individual", "collective", "")

# Facets a search can be narrowed by; the keys are those of the listing pages.
FACETS = {"tinh": "Tỉnh, thành phố", "linh-vuc": "Lĩnh vực", "danh-hieu": "Danh hiệu, hình thức khen thưởng",
          "nam": "Năm", "phong-trao": "Phong trào thi đua"}


@dataclass(frozen=True)
class NewsEntry:
    """A news post as search needs it (plain values, so this package needs no MkDocs)."""

    title: str
    url: str
    date: date
    description: str | None = None
    campaigns: tuple[str, ...] = ()


@dataclass
class SearchDoc:
    """One search result: the text to index by field class, its facets and what a result shows."""

    type: str
    kind: str
    url: str
    name: str
    texts: dict[int, list[str]] = field(default_factory=dict)
    facets: dict[str, dict[str, str]] = field(default_factory=dict)  # facet → slug → label
    show: dict[str, str] = field(default_factory=dict)

    @cached_property
    def stamp(self) -> bytes:
        """A digest of the texts indexed, all the postings depend on: equal stamps, equal postings.

        Taken once the document is complete (documents are not changed once collected).
        """
        return hashlib.blake2b(repr(self.texts).encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def add(self, field_class: int, *texts: str | None) -> None:
        self.texts.setdefault(field_class, []).extend(text for text in texts if text)

    def tag(self, facet: str, *labels: str) -> None:
        for label in labels:
            self.facets.setdefault(facet, {}).setdefault(_slug(label), label)


# Provinces, sectors, awards and years repeat across thousands of records: fold each once.
@lru_cache(maxsize=1 << 14)
def _slug(label: str) -> str:
    return group_slug(label)  # the listings' slug: short enough for a file name


@lru_cache(maxsize=1 << 10)
def _province(name: str) -> Province:
    return find_province(name)


# Each record's document of the last build, with what it was made from: a record that is the
# same object in the next build of the process (`mkdocs serve`: the record cache hands unchanged
# records over as they were) keeps its document.
KeptDocs = dict[tuple[str, ...], tuple[object, object, "SearchDoc"]]


def collect_documents(catalogue: Catalogue, news: Iterable[NewsEntry] = (),
                      kept: KeptDocs | None = None) -> list[SearchDoc]:
    """Every searchable document, in no particular order (the index sorts them).

    With ``kept``, documents of the last build are reused where their record is the
    same object (and what else they show is equal), and this build's are kept.
    """
    made: KeptDocs = {}

    def document(key: tuple[str, ...], record: object, also: object, make: Callable[[], SearchDoc]) -> SearchDoc:
        found = kept.get(key) if kept is not None else None
        doc = found[2] if found is not None and found[0] is record and found[1] == also else make()
        made[key] = (record, also, doc)
        return doc

    docs = []
    for exemplar_id, exemplar in catalogue.exemplars.items():
        campaigns = tuple(catalogue.campaigns[cid].name for cid in exemplar.campaigns if cid in catalogue.campaigns)
        docs.append(document(("exemplar", exemplar_id), exemplar, campaigns,
                             lambda: _exemplar_doc(exemplar, campaigns)))
    for batch_id, batch in catalogue.batches.items():
        docs.extend(document(("nominee", batch_id, nominee.id), batch, None, lambda: _nominee_doc(batch, nominee))
                    for nominee in batch.nominees)
    for campaign_id, campaign in catalogue.campaigns.items():
        docs.append(document(("campaign", campaign_id), campaign, None, lambda: _campaign_doc(campaign)))
    docs.extend(_news_doc(entry, catalogue) for entry in news)
    if kept is not None:
        kept.clear()
        kept.update(made)
    return docs


def _exemplar_doc(exemplar: Exemplar, campaigns: tuple[str, ...]) -> SearchDoc:
    doc = SearchDoc("exemplar", exemplar.kind, urls.exemplar(exemplar.id), exemplar.name)
    honours = exemplar.active_honours
    doc.add(NAME, exemplar.name)
    doc.add(DETAIL, exemplar.position, exemplar.unit, *(honour.label for honour in honours), *campaigns)
    doc.add(PLACE, *_place_texts(exemplar.place), exemplar.sector, exemplar.ethnicity)
    doc.add(SUMMARY, exemplar.summary)
    _tag_place(doc, exemplar.place)
    doc.tag("linh-vuc", exemplar.sector)
    doc.tag("danh-hieu", *(honour.award for honour in honours))
    doc.tag("nam", *(str(honour.year) for honour in honours))
    doc.tag("phong-trao", *campaigns)
    main = exemplar.main_honour
    doc.show = _show(_role(exemplar.position, exemplar.unit), exemplar.place,
                     f"{main.label} ({main.year})" if main else "")
    return doc


def _nominee_doc(batch: NominationBatch, nominee: Nominee) -> SearchDoc:
    doc = SearchDoc("nominee", nominee.kind, urls.nominee(batch.id, nominee.id), nominee.name)
    doc.add(NAME, nominee.name)
    doc.add(DETAIL, nominee.position, nominee.unit, nominee.award)
    doc.add(PLACE, *_place_texts(nominee.place))
    doc.add(SUMMARY, nominee.summary)
    _tag_place(doc, nominee.place)
    doc.tag("danh-hieu", batch.award)
    doc.tag("nam", str(batch.opens.day.year))
    doc.show = _show(_role(nominee.position, nominee.unit), nominee.place, f"Đề nghị: {nominee.award}")
    doc.show["batch"] = batch.title
    return doc


def _campaign_doc(campaign: Campaign) -> SearchDoc:
    doc = SearchDoc("campaign", "", urls.campaign(campaign.id), campaign.name)
    doc.add(NAME, campaign.name)
    doc.add(DETAIL, campaign.launched_by)
    doc.add(SUMMARY, campaign.summary)
    doc.tag("phong-trao", campaign.name)
    doc.tag("nam", str(campaign.starts.year))
    doc.show = {"role": f"{campaign.launched_by} · {campaign.period_label}"}
    return doc


def _news_doc(entry: NewsEntry, catalogue: Catalogue) -> SearchDoc:
    doc = SearchDoc("news", "", entry.url, entry.title)
    campaigns = [catalogue.campaigns[cid].name for cid in entry.campaigns if cid in catalogue.campaigns]
    doc.add(NAME, entry.title)
    doc.add(DETAIL, *campaigns)
    doc.add(SUMMARY, entry.description)
    doc.tag("phong-trao", *campaigns)
    doc.tag("nam", str(entry.date.year))
    doc.show = {"role": entry.date.strftime("%d/%m/%Y")}
    return doc


def _place_texts(place: Place) -> Iterator[str]:
    """The place as written, and the province it belongs to now (so either name finds it)."""
    yield place.label()
    province = _province(place.province)
    if not province.is_current:
        yield province.current


def _tag_place(doc: SearchDoc, place: Place) -> None:
    province = _province(place.province)
    doc.tag("tinh", province.name, province.current)


def _role(position: str | None, unit: str | None) -> str:
    return ", ".join(part for part in (position, unit) if part)


def _show(role: str, place: Place, award: str) -> dict[str, str]:
    province = _province(place.province)
    where = place.label() + ("" if province.is_current else f" (nay thuộc {province.current})")
    return {key: value for key, value in (("role", role), ("place", where), ("award", award)) if value}
