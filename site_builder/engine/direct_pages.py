"""Generated pages rendered here, beside MkDocs' own page pipeline. Three calls from
:mod:`site_builder.engine.plugin`:

- :meth:`DirectPages.render` (``on_env``, once every page is read and the site
  folder is clean): every generated page that the navigation does not list is
  rendered with the theme's templates and MkDocs' template context, on both
  cores, straight into the site folder; pages found in the page cache are
  published as kept. Nothing is held once a page is written.
- :meth:`DirectPages.finish` (``on_post_build``): the sitemap is written again
  with these pages in it (MkDocs lists only its own), and cached pages no
  longer produced are removed.

Why not MkDocs' pipeline: it keeps the Markdown and the HTML of every page until
the end of the build (gigabytes at 10,000 records), builds a Markdown converter
per page (Python-Markdown: 1.3 ms a story), renders Material's navigation, tabs and footer again for every page,
and uses one core. The pages are the same: same templates, same context
(:func:`mkdocs.commands.build.get_context` plus the plugin's), record text
converted as on every page (:func:`site_builder.site.rendering.render_story`), the
parts of the frame that cannot differ between two pages at the same depth
rendered once (:mod:`site_builder.engine.page_frame`).
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import mkdocs
from jinja2 import Environment, Template
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date, get_build_timestamp, get_relative_url, write_file

from site_builder.build.pagecache import (
    FORMAT,
    Fingerprints,
    folder_digest,
    package_versions,
    write_whole,
)
from site_builder.build.session import BuildSession
from site_builder.model.record import Record
from site_builder.site.rendering import render_story
from site_builder.site.specs import TEMPLATES, PageSpec

from .linked_files import link_into_site
from .page_context import SiteValues, spec_page_context
from .page_frame import PageShell, SharedChrome, check_frame


def listed_in_navigation(nav_config: Any) -> set[str]:
    """The Markdown sources that ``nav`` in mkdocs.yml names (those MkDocs renders itself)."""
    found: set[str] = set()
    stack = [nav_config]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


class DirectPages:
    """Renders (or publishes from the page cache) the generated pages outside the navigation."""

    def __init__(self, session: BuildSession, settings: dict[str, Any], extra: Callable[[Record], str]) -> None:
        self.session = session  # the page cache, the code's digest, the second process
        self.cache = session.pages
        self.settings = settings  # the plugin's options that shape pages
        self.fingerprints = Fingerprints(extra)
        self.specs: list[PageSpec] = []
        self.rendered: list[str] = []  # URLs rendered this build (the others came from the cache)

    def add(self, spec: PageSpec) -> None:
        self.specs.append(spec)

    def published(self) -> set[str]:
        """The files these pages are published as, relative to the site folder."""
        return {_target(spec) for spec in self.specs}

    def render(self, env: Environment, config: MkDocsConfig, nav: Navigation, files: Files,
               site: SiteValues, alongside: Callable[[], Any] | None = None,
               beforehand: Callable[[], None] | None = None, last: tuple[PageSpec, ...] = ()) -> None:
        """Publish every page, on both cores.

        A page's context is its spec's and what :func:`spec_page_context` derives from
        the spec and ``site``, so a page's key (its spec, and ``site`` in the salt)
        holds every input of the page. Meanwhile the second process runs
        ``alongside`` and this one ``beforehand`` (what it builds stays here); the
        pages in ``last`` (whose context comes from ``beforehand``) are published after that.
        """
        writer = _PageWriter(env, config, nav, files, site)
        for template in sorted({TEMPLATES + spec.template for spec in self.specs}):  # here, before the fork
            check_frame(env, template, writer.parents)
        salt = self._salt(config, nav, site)

        def publish(specs: list[PageSpec]) -> tuple[list[str], list[str]]:
            used, rendered = [], []
            for spec in specs:
                key = self.fingerprints.page_key(salt, spec)
                kept = self.cache.get(key) if key else None
                target = writer.target(spec)
                if kept is None:
                    html = writer.render(spec)
                    rendered.append(spec.url)
                    if key:  # written once, into the cache, and linked into the site below
                        kept = self.cache.put(key, html)
                    else:
                        write_whole(target, html)
                if kept is not None:
                    link_into_site(kept, target)
                if key:
                    used.append(key)
            return used, rendered

        deferred = {id(spec) for spec in last}
        later = [spec for spec in self.specs if id(spec) in deferred]
        now = [spec for spec in self.specs if id(spec) not in deferred]
        shared = self.session.in_two_processes(now, publish, child_first=alongside, parent_first=beforehand)
        for used, rendered in [*shared.results, publish(later)]:
            self.cache.used.update(used)
            self.rendered.extend(rendered)

    def finish(self, env: Environment, config: MkDocsConfig, nav: Navigation, files: Files) -> None:
        if self.specs:
            build_date = get_build_date()
            site_url = (config.site_url.rstrip("/") + "/") if config.site_url else None
            site_path = urlsplit(site_url).path if site_url else "/"
            entries = [_SitemapFile(spec.url, site_url, site_path,
                                    spec.updated.isoformat() if spec.updated is not None else build_date)
                       for spec in self.specs]
            pages = _SitemapPages([*files.documentation_pages(), *entries])
            _write_sitemap(env, pages, config, nav)
        self.cache.prune()

    def _salt(self, config: MkDocsConfig, nav: Navigation, site: SiteValues) -> str:
        """What every page shares: configuration, navigation, theme, code and versions."""
        parts = [FORMAT, self.session.code, package_versions(), running_engine(),
                 repr(sorted(self.settings.items())), self.fingerprints.of(site), _read(config.config_file_path),
                 repr([config.site_url, config.site_name, config.site_description, config.copyright,
                       config.use_directory_urls]),
                 _nav_outline(nav.items)]
        if config.theme.custom_dir:
            parts.append(folder_digest(Path(config.theme.custom_dir)))
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def running_engine() -> str:
    """The engine driving this build: ``mkdocs 1.6.1``, or ``properdocs 1.6.7`` when ProperDocs
    runs it (it answers every ``mkdocs`` import with its own modules). Each names itself in every
    page's generator tag, so a page cached under one is not published by the other."""
    return f"{mkdocs.__name__} {mkdocs.__version__}"


class _PageWriter:
    """One page from its spec, as MkDocs would render it: Page object, Markdown, template."""

    use_shells = True  # False renders every page whole (tests compare the two)

    def __init__(self, env: Environment, config: MkDocsConfig, nav: Navigation, files: Files,
                 site: SiteValues) -> None:
        self.env = env
        self.config = config
        self.nav = nav
        self.documentation_pages = files.documentation_pages()  # once: MkDocs filters every file per call
        self.navigation_urls = {page.url for page in nav.pages}
        self.shells: dict[tuple[str, str | None, bool], PageShell] = {}
        self.parents: dict[str | None, str | None] = {}  # template → the template it extends
        self.site = site
        self.site_dir = Path(config.site_dir)

    def target(self, spec: PageSpec) -> Path:
        return self.site_dir / _target(spec)

    def render(self, spec: PageSpec) -> bytes:
        page = Page(None, File.generated(self.config, spec.src_uri, content=""), self.config)
        page.meta = escape_printed_meta(spec.meta())
        page.markdown = spec.text
        page.content, toc = render_story(page.markdown)
        page.toc = get_toc(toc)
        if spec.updated is not None:
            page.update_date = spec.updated.isoformat()
        page.active = True
        context = dict(get_context(self.nav, self.documentation_pages, self.config, page))
        folder = SharedChrome.key(spec.url, self.navigation_urls)
        context[SharedChrome.KEY] = folder
        context.update(spec_page_context(spec, page, self.site))
        template = self.env.get_template(page.meta["template"])
        shell = self._shell(folder, template, context, page) if self.use_shells else None
        output = shell.render(context, page) if shell is not None else template.render(context)
        # Encoded as MkDocs writes a page (mkdocs.commands.build._build_page).
        return output.encode("utf-8", errors="xmlcharrefreplace")

    def _shell(self, folder: str | None, template: Template, context: dict[str, Any], page: Page) -> PageShell | None:
        if folder is None:
            return None
        key = (folder, template.name, bool(page.toc))
        shell = self.shells.get(key)
        if shell is None:
            shell = self.shells[key] = PageShell(self.env, template, context, page, self.parents)
        return shell if shell.usable else None


def _target(spec: PageSpec) -> str:
    """``dien-hinh/x/`` → ``dien-hinh/x/index.html``; the home page (``""``) → ``index.html``."""
    return f"{spec.url}index.html" if not spec.url or spec.url.endswith("/") else f"{spec.url}/index.html"


def escape_printed_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Escape the record text in a page's front matter that Material prints without escaping.

    Material's ``<title>``, header and ``<meta name="description">`` output
    ``page.meta.title`` and ``page.meta.description`` raw; record text must
    reach them as escaped markup.
    """
    for key in ("title", "description"):
        if key in meta:
            meta[key] = Markup.escape(str(meta[key]))
    return meta


class _SitemapEntry:
    """What MkDocs' sitemap template reads of a page, computed as :class:`Page` does
    (``urljoin(site_url, url)``; the URLs of generated pages are plain relative paths)."""

    is_link = False

    def __init__(self, url: str, site_url: str | None, site_path: str, update_date: str) -> None:
        self.canonical_url = site_url + url if site_url else None
        self.abs_url = site_path + url
        self.update_date = update_date


class _SitemapFile:
    def __init__(self, url: str, site_url: str | None, site_path: str, update_date: str) -> None:
        self.page = _SitemapEntry(url, site_url, site_path, update_date)


def _write_sitemap(env: Environment, pages: _SitemapPages, config: MkDocsConfig, nav: Navigation) -> None:
    """The theme's ``sitemap.xml`` and its gzipped copy, as MkDocs writes them, with every page in it.

    MkDocs has no public call to render one of the theme's static templates again,
    so this does what its build does for them, through the same plugin events.
    """
    name = "sitemap.xml"
    template = config.plugins.on_pre_template(env.get_template(name), template_name=name, config=config)
    context = get_context(nav, pages, config, base_url=get_relative_url(".", name))  # type: ignore[arg-type]
    context = config.plugins.on_template_context(context, template_name=name, config=config)
    output = config.plugins.on_post_template(template.render(context), template_name=name, config=config)
    path = Path(config.site_dir) / name
    write_file(output.encode("utf-8"), str(path))
    timestamp = get_build_timestamp(pages=[file.page for file in pages if file.page is not None])
    with path.with_name(name + ".gz").open("wb") as stream, \
            gzip.GzipFile(fileobj=stream, filename=str(path) + ".gz", mode="wb", mtime=timestamp) as packed:
        packed.write(output.encode("utf-8"))


class _SitemapPages(list):
    """The pages MkDocs' sitemap template lists: its own, then the generated ones."""

    def documentation_pages(self) -> list:
        return self


def _nav_outline(items: list) -> str:
    """The navigation every page carries (Material's drawer and tabs), titles as read by now."""
    return repr([(type(item).__name__, getattr(item, "title", None), getattr(item, "url", None),
                  _nav_outline(getattr(item, "children", None) or []))
                 for item in items])


def _read(path: str | None) -> str:
    return Path(path).read_text(encoding="utf-8") if path else ""
