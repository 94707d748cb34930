"""Old addresses keep working: a record lists its former ids in ``aliases`` and each
old URL gets a small page that sends the reader (and search engines) to the new one."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from site_builder.model import urls
from site_builder.model.catalogue import Catalogue

from .standalone import render


@dataclass(frozen=True)
class Redirect:
    old_url: str
    new_url: str
    title: str

    @property
    def src_uri(self) -> str:
        return f"{self.old_url}index.html"

    def html(self, site_url: str) -> str:
        target = posixpath.relpath(self.new_url, self.old_url) + "/"
        canonical = site_url.rstrip("/") + "/" + self.new_url if site_url else target
        return render("redirect.html", target=target, canonical=canonical, title=self.title)


def redirects(catalogue: Catalogue) -> Iterator[Redirect]:
    kinds = ((catalogue.exemplars, urls.exemplar, "name"), (catalogue.campaigns, urls.campaign, "name"),
             (catalogue.batches, urls.batch, "title"))
    for table, url_of, title_field in kinds:
        for record_id, record in sorted(table.items()):
            for alias in record.aliases:
                yield Redirect(url_of(alias), url_of(record_id), getattr(record, title_field))
