"""What the plugin adds to a page's template context, beyond MkDocs' own.

A generated page may be published from the page cache, whose key hashes the
page's :class:`~site_builder.site.specs.PageSpec` and the :class:`SiteValues`
(see :class:`~site_builder.engine.direct_pages.DirectPages`). So the context of
a generated page is made by :func:`spec_page_context` from those two and the
page alone: it is a plain function, handed no plugin and no clock, and a value
that changes from build to build must travel in the spec, where the key sees it
(as a comment period's ``build_now`` does). MkDocs' own pages (home, news, the
hand-written pages) are never cached and get what they need in the plugin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from mkdocs.structure.pages import Page

from site_builder.site.sharing import Share, ShareImage, absolute
from site_builder.site.specs import PageSpec
from site_builder.site.structured import as_script_json, batch_data, exemplar_data


@dataclass(frozen=True)
class SiteValues:
    """What every page's context takes from the site as a whole (hashed into each cached page's key)."""

    site_url: str | None
    site_name: str
    site_description: str | None
    comments_url: str | None
    publisher: str
    site_card: ShareImage


def spec_page_context(spec: PageSpec, page: Page, site: SiteValues) -> dict[str, Any]:
    """The context a generated page adds: its spec's, the comment service, its share card and JSON-LD."""
    context = dict(spec.context)
    context["comments_url"] = site.comments_url
    share = page_share(page, site, spec.context.get("share_image"))
    context["share"] = share
    context["json_ld"] = _spec_json_ld(spec, share, site.publisher)
    return context


def page_share(page: Page, site: SiteValues, image: ShareImage | None = None) -> Share:
    """The page's Open Graph card; the site's own card when the page has no image of its own."""
    image = image or site.site_card
    return Share(title=page.title or site.site_name, url=page.canonical_url or absolute(site.site_url, page.url),
                 description=page.meta.get("description") or site.site_description or "",
                 image=absolute(site.site_url, image.url), image_alt=image.alt)


def _spec_json_ld(spec: PageSpec, share: Share, publisher: str) -> Markup | None:
    if "exemplar" in spec.context:
        return as_script_json(exemplar_data(spec.context["exemplar"], share.url, share.image, publisher))
    if spec.template == "batch.html":
        return as_script_json(batch_data(spec.context["batch"], share.url, publisher))
    return None
