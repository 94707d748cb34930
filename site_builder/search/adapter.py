"""Search for the plugin: the page, the index built once the news is known, its files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import Catalogue
from ..news import NewsIndex
from .documents import KeptDocs, NewsEntry, collect_documents
from .index import KeptIndex, SearchIndex, build_index
from .output import write_index
from .page import search_context, search_page


@dataclass
class KeptSearch:
    """The documents and index of the last build, for the next build of the process (``mkdocs serve``)."""

    docs: KeptDocs = field(default_factory=dict)
    index: KeptIndex = field(default_factory=KeptIndex)


class SiteSearch:
    """Adds the search page, builds the index once the news is known, writes it after the build."""

    def __init__(self, kept: KeptSearch | None = None) -> None:
        self.page = search_page()
        self.index: SearchIndex | None = None
        self.kept = kept

    def build(self, catalogue: Catalogue, news: NewsIndex) -> None:
        kept = self.kept
        docs = collect_documents(catalogue, news_entries(news), kept.docs if kept else None)
        self.index = build_index(docs, kept.index if kept else None)
        self.page.context.update(search_context(self.index))

    def write(self, site_dir: str) -> None:
        if self.index is not None:
            write_index(self.index, Path(site_dir))


def news_entries(news: NewsIndex) -> list[NewsEntry]:
    """The posts with the campaigns each names."""
    campaigns: dict[str, list[str]] = {}
    for campaign_id, items in sorted(news.by_campaign.items()):
        for item in items:
            campaigns.setdefault(item.url, []).append(campaign_id)
    return [NewsEntry(item.title, item.url, item.date, item.description, tuple(campaigns.get(item.url, ())))
            for item in news.items]
