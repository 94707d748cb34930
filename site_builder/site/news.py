"""Campaign news: posts written under ``content/tin-tuc/posts/`` for Material's blog plugin.

A post names its campaigns in its front matter (``campaigns: [id, …]``); the
campaign page lists its news and the post links back to its campaigns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from site_builder.model import urls
from site_builder.model.campaign import Campaign
from site_builder.model.catalogue import Catalogue
from site_builder.model.i18n import gettext as _
from site_builder.model.text import did_you_mean

POSTS_PREFIX = urls.NEWS + "posts/"


@dataclass(frozen=True)
class Post:
    """A news post as the site engine read it: where it lives, its title, address and front matter.

    ``source`` gives the file's text, read only to point at a line in an error.
    """

    src_uri: str
    title: str | None
    url: str
    meta: dict[str, Any]
    source: Callable[[], str]


@dataclass(frozen=True)
class NewsItem:
    title: str
    url: str
    date: date
    description: str | None


@dataclass
class NewsIndex:
    """Posts newest first, by campaign, and the campaigns of each post."""

    items: list[NewsItem] = field(default_factory=list)
    by_campaign: dict[str, list[NewsItem]] = field(default_factory=dict)
    campaigns_by_post: dict[str, list[Campaign]] = field(default_factory=dict)
    by_url: dict[str, NewsItem] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_posts(cls, posts: Iterable[Post], catalogue: Catalogue, docs_dir: str = "content") -> NewsIndex:
        """Read the posts' front matter; ``docs_dir`` is only used to name files in errors."""
        index = cls()
        for post in posts:
            index._add(post, catalogue, docs_dir)
        index.items.sort(key=lambda item: (item.date, item.url), reverse=True)
        for items in index.by_campaign.values():
            items.sort(key=lambda item: (item.date, item.url), reverse=True)
        return index

    def _add(self, post: Post, catalogue: Catalogue, docs_dir: str) -> None:
        meta, src_uri = post.meta, post.src_uri
        item = NewsItem(post.title or src_uri, post.url, _post_date(meta.get("date")), meta.get("description"))
        self.items.append(item)
        self.by_url[item.url] = item
        campaign_ids = meta.get("campaigns") or []
        where = f"{docs_dir}/{src_uri}"
        if not isinstance(campaign_ids, list):
            line = _line_of(post.source(), "campaigns:")
            self.errors.append(f"{where}:{line}:1: campaigns: " + _("expected a list of campaign ids"))
            return
        for index, campaign_id in enumerate(campaign_ids):
            campaign = catalogue.campaigns.get(str(campaign_id))
            if campaign is None:
                hint = did_you_mean(str(campaign_id), list(catalogue.campaigns))
                line = _line_of(post.source(), str(campaign_id))
                self.errors.append(f"{where}:{line}:1: campaigns[{index}]: " + _(
                    'no campaign has the id "{id}"{suggestion}').format(id=campaign_id, suggestion=hint))
                continue
            self.by_campaign.setdefault(campaign.id, []).append(item)
            self.campaigns_by_post.setdefault(src_uri, []).append(campaign)

    def item_for(self, url: str) -> NewsItem | None:
        return self.by_url.get(url)

    def for_campaign(self, campaign_id: str) -> list[NewsItem]:
        return self.by_campaign.get(campaign_id, [])

    def latest(self, count: int) -> list[NewsItem]:
        return self.items[:count]


def _line_of(text: str, needle: str) -> int:
    """The first line (from 1) of ``text`` holding ``needle`` as a whole word, for error messages."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(needle)}(?![\w-])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            return number
    return 1


def _post_date(value: object) -> date:
    """Material accepts ``date: 2026-10-20`` or ``date: {created: 2026-10-20}``."""
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
