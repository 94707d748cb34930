"""No broken internal link and no missing asset anywhere in the built sample site.

Every HTML page is read; every ``href``, ``src``, ``srcset`` and redirect
target that stays on the site (relative, root-relative, or absolute on
``site_url``) must name a file of the build, and its ``#fragment`` an id on
the target page.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from helpers import REPO

SITE_URL = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:")[0])["site_url"]
URL_ATTRIBUTES = {"href", "src", "poster", "data"}
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*(.+)$", re.IGNORECASE)


class _Links(HTMLParser):
    """The URLs of one page and the ids it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name"):
            if values.get(name):
                self.ids.add(values[name])
        for name, value in values.items():
            if name in URL_ATTRIBUTES and not (tag == "form" or (tag == "link" and values.get("rel") == "preconnect")):
                self.urls.append((f"<{tag} {name}>", value))
            elif name in ("srcset", "imagesrcset"):
                self.urls.extend((f"<{tag} {name}>", part.strip().split(" ")[0])
                                 for part in value.split(",") if part.strip())
        refresh = _REFRESH.match(values.get("content", "")) if values.get("http-equiv", "").lower() == "refresh" else None
        if refresh:
            self.urls.append(("<meta refresh>", refresh.group(1).strip("'\" ")))


@cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _page_url(site: Path, page: Path) -> str:
    return urljoin(SITE_URL, page.relative_to(site).as_posix())


def _target(site: Path, url: str) -> Path | None:
    """The file a site URL names, or None when it leaves the site."""
    parts = urlsplit(url)
    if not url.startswith(SITE_URL):
        return None
    relative = unquote(parts.path[len(urlsplit(SITE_URL).path):])
    path = site / PurePosixPath(relative)
    if relative == "" or relative.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


def _problems(site: Path, page: Path) -> list[str]:
    base = _page_url(site, page)
    problems = []
    for where, raw in _parse(page).urls:
        if not raw or raw.startswith(("mailto:", "tel:", "data:")):
            continue
        assert not raw.lower().lstrip().startswith("javascript:"), f"{where} {raw}"
        url = urljoin(base, raw)
        target = _target(site, url)
        if target is None:
            continue
        if not target.is_file():
            problems.append(f"{where} {raw}: no file {target.relative_to(site)}")
            continue
        fragment = unquote(urlsplit(url).fragment)
        if fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
            problems.append(f"{where} {raw}: no id {fragment!r} on {target.relative_to(site)}")
    return problems


def test_the_walk_sees_the_whole_site(sample_site):
    pages = _pages(sample_site)
    assert len(pages) > 150
    urls = [url for page in pages for _where, url in _parse(page).urls]
    assert any("assets/stylesheets/" in url for url in urls) and any("/tep/" in url or "tep/" in url for url in urls)


def test_every_internal_link_and_asset_resolves(sample_site):
    broken = {str(page.relative_to(sample_site)): problems
              for page in _pages(sample_site) if (problems := _problems(sample_site, page))}
    report = "\n".join(f"{page}: {problem}" for page, problems in sorted(broken.items()) for problem in problems[:5])
    assert not broken, f"{len(broken)} pages with broken links:\n{report}"


@pytest.mark.parametrize("feed", ["feeds/tin-tuc.xml", "feeds/dien-hinh.xml", "feeds/lay-y-kien.xml", "sitemap.xml"])
def test_feeds_and_sitemap_point_at_pages_that_exist(sample_site, feed):
    text = (sample_site / feed).read_text(encoding="utf-8")
    urls = set(re.findall(r'(?:href="|<loc>|<id>)(https?://[^"<]+)', text))
    assert urls
    missing = [url for url in sorted(urls) if (target := _target(sample_site, url)) is not None
               and not target.is_file()]
    assert not missing
