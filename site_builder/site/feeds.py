"""Atom feeds for journalists and portals: news, new and updated exemplars, comment periods.

Built with feedgen (a maintained Atom/RSS writer), every URL absolute, every
date with its time zone. Only events that have happened by the build's "now"
are in the comment-period feed: opened, closing within 3 days, closed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from feedgen.feed import FeedGenerator

from site_builder.model import urls
from site_builder.model.catalogue import Catalogue
from site_builder.model.nomination import NominationBatch
from site_builder.model.vntime import VIETNAM, format_date, format_moment

from .news import NewsItem
from .sharing import absolute

MAX_ENTRIES = 50
CLOSING_SOON = timedelta(days=3)


@dataclass(frozen=True)
class FeedInfo:
    """A feed's file and title, also used for the ``<link rel="alternate">`` tags."""

    path: str
    title: str


NEWS = FeedInfo("feeds/tin-tuc.xml", "Tin tức phong trào thi đua")
EXEMPLARS = FeedInfo("feeds/dien-hinh.xml", "Điển hình tiên tiến mới và cập nhật")
BATCHES = FeedInfo("feeds/lay-y-kien.xml", "Các đợt lấy ý kiến nhân dân")
ALL = (NEWS, EXEMPLARS, BATCHES)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    updated: datetime
    summary: str


@dataclass(frozen=True)
class Site:
    url: str
    name: str
    publisher: str
    licence: str


def _midnight(day) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=VIETNAM)


def news_entries(items: Iterable[NewsItem], site: Site) -> list[Entry]:
    return [Entry(absolute(site.url, item.url), item.title, absolute(site.url, item.url), _midnight(item.date),
                  item.description or "") for item in items]


def exemplar_entries(catalogue: Catalogue, site: Site) -> list[Entry]:
    entries = []
    for exemplar in catalogue.exemplars.values():
        url = absolute(site.url, urls.exemplar(exemplar.id))
        title = exemplar.name if not exemplar.updated else f"{exemplar.name} (cập nhật {format_date(exemplar.updated)})"
        entries.append(Entry(url, title, url, _midnight(exemplar.last_modified), exemplar.summary))
    return entries


def batch_entries(catalogue: Catalogue, now: datetime, site: Site) -> list[Entry]:
    entries = []
    for batch in catalogue.batches.values():
        entries.extend(_batch_events(batch, now, absolute(site.url, urls.batch(batch.id))))
    return entries


def _batch_events(batch: NominationBatch, now: datetime, url: str) -> Iterable[Entry]:
    deadline = format_moment(batch.closes_at)
    phase = batch.phase_at(now)
    if phase != "upcoming":
        yield Entry(f"{url}#mo", f"Bắt đầu lấy ý kiến: {batch.title}", url, batch.opens_at,
                    f"{len(batch.nominees)} tập thể, cá nhân được đề nghị {batch.award}. Hạn góp ý: {deadline}.")
    closing_soon = batch.closes_at - CLOSING_SOON
    if phase == "open" and now >= closing_soon:
        yield Entry(f"{url}#sap-het-han", f"Sắp hết hạn góp ý: {batch.title}", url, closing_soon,
                    f"Thời hạn góp ý kết thúc lúc {deadline}.")
    if phase == "closed":
        yield Entry(f"{url}#ket-thuc", f"Đã kết thúc lấy ý kiến: {batch.title}", url, batch.closes_at,
                    _closing_summary(batch))


def _closing_summary(batch: NominationBatch) -> str:
    parts = [f"Thời hạn góp ý đã kết thúc lúc {format_moment(batch.closes_at)}."]
    if batch.comments_received is not None:
        parts.append(f"Đã nhận {batch.comments_received} ý kiến.")
    decided = [nominee for nominee in batch.nominees if nominee.outcome]
    if decided:
        awarded = sum(1 for nominee in decided if nominee.outcome.awarded)
        parts.append(f"Kết quả: {awarded}/{len(batch.nominees)} tập thể, cá nhân được khen thưởng.")
    return " ".join(parts)


def render_feed(info: FeedInfo, entries: list[Entry], site: Site, now: datetime) -> bytes:
    """Atom XML, newest first, at most ``MAX_ENTRIES`` entries."""
    newest = sorted(entries, key=lambda entry: (entry.updated, entry.id), reverse=True)[:MAX_ENTRIES]
    feed = FeedGenerator()
    feed.id(absolute(site.url, info.path))
    feed.title(f"{info.title} — {site.name}")
    feed.author({"name": site.publisher})
    feed.link(href=absolute(site.url, info.path), rel="self")
    feed.link(href=absolute(site.url, ""), rel="alternate")
    feed.language("vi")
    feed.rights(site.licence)
    feed.updated(newest[0].updated if newest else now)
    for entry in reversed(newest):  # feedgen prepends: add oldest first
        item = feed.add_entry()
        item.id(entry.id)
        item.title(entry.title)
        item.link(href=entry.url)
        item.updated(entry.updated)
        item.published(entry.updated)
        item.summary(entry.summary)
    return feed.atom_str(pretty=True)
