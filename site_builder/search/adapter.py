"""Search for the plugin: the page, the index built once the news is known, its files."""

from __future__ import annotations

from pathlib import Path

from site_builder.model.catalogue import Catalogue
from site_builder.site.keeping import Kept
from site_builder.site.news import NewsIndex

from .documents import KeptDocs, NewsEntry, collect_documents
from .index import KeptIndex, SearchIndex, build_index
from .output import write_index
from .page import search_context, search_page


class SiteSearch:
    """Adds the search page, builds the index once the news is known, writes it after the build.

    The postings are kept in ``kept`` for the next build, even of a new process
    (``mkdocs build`` run again), which patches them for the documents that changed
    (:class:`~site_builder.search.index.KeptIndex`). The file is replaced whole once an
    index is built, so it always holds the postings of the stamps it holds; one written by
    other code or that cannot be read is ignored (the build layer sees to it). With
    ``kept_docs`` (``mkdocs serve``), the documents of records that stay the same objects
    are kept too.
    """

    def __init__(self, kept: Kept, kept_docs: KeptDocs | None = None) -> None:
        self.page = search_page()
        self.index: SearchIndex | None = None
        self.kept = kept
        self.kept_docs = kept_docs

    def build(self, catalogue: Catalogue, news: NewsIndex) -> None:
        docs = collect_documents(catalogue, news_entries(news), self.kept_docs)
        kept = self.kept.read(KeptIndex) or KeptIndex()
        before = kept.version
        self.index = build_index(docs, kept)
        if self.index.version != before:
            self.kept.write(kept)
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
