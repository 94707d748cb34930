"""The part of the page cache that knows MkDocs: three calls from :mod:`site_builder.plugin`.

- :meth:`CachedPages.publish` (``on_nav``): every generated page whose key is in
  the cache is taken out of MkDocs' pages and published as a static file, so
  MkDocs neither converts nor renders it; the others get their Markdown.
- :meth:`CachedPages.store` (``on_post_page``): the HTML of the others is kept.
- :meth:`CachedPages.finish` (``on_post_build``): the sitemap is written again
  with the cached pages in their places (MkDocs lists only its own pages), and
  cached pages no longer produced are removed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from mkdocs.commands.build import _build_theme_template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from .pagecache import FORMAT, Fingerprints, PageCache, code_digest, folder_digest, package_versions
from .pages import PageSpec
from .record import Record


class CachedPages:
    """Publishes unchanged generated pages from ``folder`` instead of rendering them."""

    def __init__(self, folder: Path, settings: dict[str, Any], extra: Callable[[Record], str]) -> None:
        self.cache = PageCache(folder)
        self.settings = settings  # the plugin's options that shape pages
        self.fingerprints = Fingerprints(extra)
        self.keys: dict[str, str] = {}  # src_uri → key, for the pages MkDocs renders
        self._sitemap_files: list[File] | None = None
        self._build_date = get_build_date()

    def publish(self, files: Files, nav: Navigation, config: MkDocsConfig, specs: dict[str, PageSpec],
                uncached: set[str]) -> None:
        salt = self._salt(config, nav)
        pages = files.documentation_pages()
        if any(page.title is None and page.file.src_uri in specs for page in nav.pages):
            # Without a `nav` in mkdocs.yml, every page is in the navigation that every page
            # shows, with titles known only once rendered: no page could be kept.
            uncached = set(specs)
        hits = 0
        for src_uri, spec in specs.items():
            key = None if src_uri in uncached else self.fingerprints.page_key(salt, spec)
            path = self.cache.get(key) if key else None
            source = files.get_file_from_path(src_uri)
            if path is None:
                source.content_string = spec.markdown()  # MkDocs renders it
                if key:
                    self.keys[src_uri] = key
                continue
            self._swap(files, source, spec, path, config)
            hits += 1
        if hits:
            self._sitemap_files = _SitemapPages(pages)

    def _swap(self, files: Files, source: File, spec: PageSpec, path: Path, config: MkDocsConfig) -> None:
        """Replace the Markdown page by its cached HTML; keep what the sitemap needs of it."""
        files.remove(source)
        files.append(File.generated(config, source.dest_uri, abs_src_path=str(path),
                                    inclusion=InclusionLevel.INCLUDED))
        updated = spec.updated.isoformat() if spec.updated is not None else self._build_date
        source.page = _SitemapEntry(source.url, config.site_url, updated)  # type: ignore[assignment]

    def store(self, src_uri: str, output: str) -> None:
        key = self.keys.get(src_uri)
        if key is not None and output.strip():
            # Encoded as MkDocs writes the page (mkdocs.commands.build._build_page).
            self.cache.put(key, output.encode("utf-8", errors="xmlcharrefreplace"))

    def finish(self, env: Environment, config: MkDocsConfig, nav: Navigation) -> None:
        if self._sitemap_files is not None:
            # Workaround: MkDocs has no public call to render one of the theme's static templates.
            _build_theme_template("sitemap.xml", env, self._sitemap_files, config, nav)  # type: ignore[arg-type]
        self.cache.prune()

    def _salt(self, config: MkDocsConfig, nav: Navigation) -> str:
        """What every page shares: configuration, navigation, theme, code and versions."""
        parts = [FORMAT, code_digest(), package_versions(), repr(sorted(self.settings.items())),
                 _read(config.config_file_path), repr([config.site_url, config.site_name,
                                                        config.site_description, config.copyright,
                                                        config.use_directory_urls]),
                 _nav_outline(nav.items)]
        if config.theme.custom_dir:
            parts.append(folder_digest(Path(config.theme.custom_dir)))
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class _SitemapEntry:
    """What MkDocs' sitemap template reads of a page, computed as :class:`Page` does.

    A Page object would cost ten times more (0.1 ms, 1.5 s for 15,000 pages).
    """

    is_link = False

    def __init__(self, url: str, site_url: str | None, update_date: str) -> None:
        self.canonical_url = urljoin(site_url if site_url.endswith("/") else site_url + "/", url) if site_url else None
        self.abs_url = urlsplit(self.canonical_url).path if self.canonical_url else None
        self.update_date = update_date


class _SitemapPages(list):
    """The pages MkDocs' sitemap template lists, in MkDocs' order, cached ones included."""

    def documentation_pages(self) -> list[File]:
        return self


def _nav_outline(items: list) -> str:
    """The navigation every page carries (Material's drawer and tabs).

    A page given no title in mkdocs.yml will show the first heading of its source.
    """
    return repr([(type(item).__name__, getattr(item, "title", None), getattr(item, "url", None),
                  _untitled_source(item), _nav_outline(getattr(item, "children", None) or []))
                 for item in items])


def _untitled_source(item: Any) -> str:
    if not isinstance(item, Page) or item.title is not None:
        return ""
    return item.file.content_string


def _read(path: str | None) -> str:
    return Path(path).read_text(encoding="utf-8") if path else ""
