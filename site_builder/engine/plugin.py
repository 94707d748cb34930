"""MkDocs adapter: records in, pages out. The domain lives in plain modules.

Hooks, one job each:
- ``on_config``: load and validate every record (the build stops on any problem).
- ``on_pre_build``: keep the previous site folder from MkDocs' cleaning
  (:mod:`site_builder.build.site_reuse`); it is back in place in ``on_files``.
- ``on_files``: add the generated pages, the record files (photos, documents) and
  the derived files (photo sizes, share cards, schemas, redirects); the share cards
  missing from the cache are drawn there, on both cores.
- ``on_nav``: keep the navigation for the generated pages.
- ``on_page_markdown``: escape record text that Material prints raw.
- ``on_page_content``: record text as safe HTML (:func:`site_builder.site.rendering.render_story`).
- ``on_env``: template filters; gather the news posts per campaign; render the
  generated pages the navigation does not list (:mod:`site_builder.engine.direct_pages`)
  on both cores, the second process writing the open data first, this one the
  search index.
- ``on_page_context``: hand each page its record, listing or home-page data.
- ``on_post_build``: write the feeds and the sitemap into the site folder; remove
  what the previous build wrote and this one did not.
- ``on_shutdown``: leave the objects to the operating system (the process ends).
- ``on_serve``: rebuild when a record changes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file
from pydantic import ValidationError

from site_builder.build.session import BuildSession
from site_builder.model import urls
from site_builder.model.board import Board
from site_builder.model.catalogue import Catalogue
from site_builder.model.exemplar import Exemplar
from site_builder.model.i18n import gettext as _
from site_builder.model.record import Record
from site_builder.model.text import slugify
from site_builder.model.vntime import format_date, format_moment, fixed_or_now
from site_builder.records.errors import RecordsInvalid
from site_builder.records.loader import check_records
from site_builder.records.scheduled import published_without, scheduled, scheduled_notes
from site_builder.search import output as search_output
from site_builder.search.adapter import SiteSearch
from site_builder.search.documents import KeptDocs
from site_builder.site import feeds
from site_builder.site.csp import content_security_policy
from site_builder.site.data_protection import data_protection_page
from site_builder.site.home import home_context
from site_builder.site.images import photo_sizes
from site_builder.site.json_schemas import SCHEMA_DIR, schema_files
from site_builder.site.minify import minified, needs_minifying
from site_builder.site.news import POSTS_PREFIX, NewsIndex, Post
from site_builder.site.opendata import data_files, open_data_page
from site_builder.site.photo_originals import published_original
from site_builder.site.receipt_lookup import receipt_lookup_page
from site_builder.site.register_pages import lookup_files, register_links, register_pages
from site_builder.site.redirects import redirects
from site_builder.site.rendering import render_markdown, render_story
from site_builder.site.sharing import Share, ShareImages, absolute
from site_builder.site.specs import TEMPLATES, PageSpec, generate_pages
from site_builder.site.standalone import render
from site_builder.site.structured import as_script_json, news_data

from .direct_pages import (
    DirectPages,
    escape_printed_meta,
    listed_in_navigation,
)
from .linked_files import LinkedFile
from .page_context import SiteValues, page_share, spec_page_context
from .page_frame import FrameMismatch, SharedChrome, UnsharedBlockOverride

FILES_PREFIX = "tep/"
log = get_plugin_logger(__name__)


class SiteBuilderConfig(Config):
    records_dir = c.Type(str, default="exemplars")
    page_size = c.Type(int, default=20)
    # A fixed "now" (ISO 8601) for reproducible builds and tests; empty means the real clock.
    build_time = c.Optional(c.Type(str))
    comments_url = c.Optional(c.Type(str))
    publisher = c.Optional(c.Type(str))
    licence = c.Type(str, default="CC BY 4.0")
    share_cards = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/site-builder")
    # Generated pages are rendered on this many cores (1 or 2).
    processes = c.Type(int, default=2)
    # Who runs the site (site_builder.model.board.Board): footer, privacy notice, comment pages.
    board = c.Optional(c.Type(dict))


@dataclass
class _Build:
    """What one build holds, from ``on_config`` to ``on_post_build``; dropped whole when it ends."""

    session: BuildSession
    now: datetime
    root: Path
    records_dir: Path
    catalogue: Catalogue
    search: SiteSearch
    publisher: str
    in_navigation: set[str]
    share_images: ShareImages
    site_values: SiteValues
    board: Board | None
    direct: DirectPages | None = None
    specs: dict[str, PageSpec] = field(default_factory=dict)
    news: NewsIndex = field(default_factory=NewsIndex)
    photo_sizes: dict[str, Any] = field(default_factory=dict)
    nav: Any = None
    env: Environment | None = None
    files: Files | None = None
    linked: set[str] = field(default_factory=set)  # files published as links into the cache

    def published(self) -> set[str]:
        """What this build links into the site (pages, cards, photo sizes): the site folder's
        sweep cannot tell them by their times, which are the cache's."""
        assert self.direct is not None
        return self.direct.published() | self.linked


class SiteBuilderPlugin(BasePlugin[SiteBuilderConfig]):
    """Publishes exemplars, campaigns and comment periods from YAML records."""

    # True under `mkdocs serve`, which injects an inline live-reload script that the Content
    # Security Policy must then allow; builds started from Python (tests) leave it False.
    live_reload = False
    # Under `mkdocs serve`, which builds again in this process after every edit: the search
    # documents of the last build, reused for the records that stay the same objects (not kept
    # by a one-off build, whose peak memory they would raise).
    kept_search_docs: KeptDocs | None = None
    # The build under way, if any (MkDocs keeps this instance for every build of `mkdocs serve`).
    build: _Build | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.live_reload = command == "serve"
        self.kept_search_docs = {} if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._release()
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        session = BuildSession(root / self.config.cache_dir, self.config.processes)
        records_dir = (root / self.config.records_dir).resolve()
        now = self._resolve_now()
        catalogue = self._load_catalogue(session, records_dir, root, now.date())
        session.records_loaded()
        share_images = ShareImages(session.cache_dir / "cards", config.site_name, FILES_PREFIX,
                                   self.config.share_cards)
        publisher = self.config.publisher or config.site_name
        site_values = SiteValues(config.site_url, config.site_name, config.site_description,
                                 self.config.comments_url, publisher, share_images.site_card())
        self.build = _Build(session, now, root, records_dir, catalogue,
                            SiteSearch(session.kept("search.pickle"), self.kept_search_docs), publisher,
                            listed_in_navigation(config.nav), share_images, site_values, self._board(session))
        self.build.direct = DirectPages(session, self._page_settings(), self._record_extra)
        return config

    def _board(self, session: BuildSession) -> Board | None:
        """The ``board`` option, checked; without it, pages cannot say who runs the site."""
        if self.config.board is None:
            log.warning(_("The site_builder option 'board' is not set: the footer, the comment pages and the "
                          "privacy notice cannot say which board runs the site. See the README, 'Plugin options'."))
            return None
        try:
            return Board.model_validate(self.config.board)
        except ValidationError as exc:
            session.failed()
            problems = "; ".join(f"board.{'.'.join(map(str, error['loc']))}: {error['msg']}" for error in exc.errors())
            raise PluginError(f"mkdocs.yml, plugins.site_builder: {problems}") from exc

    def _resolve_now(self) -> datetime:
        return fixed_or_now(self.config.build_time or os.environ.get("SITE_BUILDER_NOW"))

    def _load_catalogue(self, session: BuildSession, records_dir: Path, root: Path, today: date) -> Catalogue:
        """The records as the site shows them on ``today``, validated or found in the record cache (written
        by the second process, in ``on_env``)."""
        catalogue, report = check_records(records_dir, base=root, cache=session.records,
                                          map_chunks=session.map_chunks)
        waiting = scheduled(catalogue, today) if catalogue is not None else []
        report.extend(scheduled_notes(waiting, today))
        if report.notes:  # info, not warning: a notice must not fail `mkdocs build --strict`
            log.info(_("Notes on the records (nothing to fix for publishing):") + "\n%s", report.render_notes())
        if report or catalogue is None:
            session.failed()
            exc = RecordsInvalid(report)
            raise PluginError(_("The records have problems:") + f"\n{exc}") from exc
        return published_without(catalogue, waiting)

    def _page_settings(self) -> dict[str, Any]:
        """Options that shape pages; "now" reaches them through each period's status instead."""
        settings = {key: value for key, value in self.config.items() if key != "build_time"}
        # A page cached under `mkdocs serve` carries a looser policy: never publish it from a build.
        settings["live_reload"] = self.live_reload
        return settings

    def _record_extra(self, record: Record) -> str:
        """What a record's cards and page show beyond its file: the sizes of its photos."""
        if not isinstance(record, Exemplar):
            return ""
        return repr([self.build.photo_sizes.get(photo.file) for photo in record.photos])

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.build.session.keep_site(Path(config.site_dir))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.build.session.site.bring_back()
        self._add_record_pages(files, config)
        self.build.share_images.draw_missing(self.build.session.map_chunks)
        self._add_record_files(files, config)
        self._add_photo_sizes(files, config)
        self._add_page(open_data_page(self.config.licence), files, config)
        self._add_site_files(files, config)
        self._add_page(self.build.search.page, files, config)
        if self.build.board is not None:
            self._add_page(data_protection_page(self.build.board), files, config)
        if self._has_lookup_page():
            self._add_page(receipt_lookup_page(self.config.comments_url, self.build.board,
                                               register_links(self.build.catalogue)), files, config)
        self._minify_theme_assets(files, config)
        return files

    def _has_lookup_page(self) -> bool:
        """A receipt look-up page: while the comment service runs, and after it, as long as
        some register of receipts is published (the page answers from them)."""
        return bool(self.config.comments_url or self.build.catalogue.receipt_registers)

    def _minify_theme_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The theme folder's own CSS and JS, published minified (Material's come minified)."""
        custom_dir = config.theme.custom_dir
        if not custom_dir:
            return
        for file in list(files):
            source = file.abs_src_path
            if source and needs_minifying(file.src_uri) and Path(source).is_relative_to(custom_dir):
                text = minified(file.src_uri, Path(source).read_text(encoding="utf-8"))
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content=text))

    def _add_page(self, spec: PageSpec, files: Files, config: MkDocsConfig) -> None:
        """MkDocs renders the pages its navigation names; this package renders the others."""
        self.build.specs[spec.src_uri] = spec
        if spec.src_uri in self.build.in_navigation:
            files.append(File.generated(config, spec.src_uri, content=spec.markdown()))
        else:
            self.build.direct.add(spec)

    def _add_record_pages(self, files: Files, config: MkDocsConfig) -> None:
        build = self.build
        for spec in generate_pages(build.catalogue, build.now, self.config.page_size):
            self._add_page(spec, files, config)
            self._add_share_image(spec, files, config)
        for spec in register_pages(build.catalogue, lookup=self._has_lookup_page()):
            self._add_page(spec, files, config)
        card = build.site_values.site_card
        self._add_linked(card.url, card.source, files, config)

    def _add_record_files(self, files: Files, config: MkDocsConfig) -> None:
        """Photos and documents that records refer to, under ``tep/``: documents as they are,
        photos without their metadata (:mod:`site_builder.site.photo_originals`)."""
        build = self.build
        for relative in sorted(self._photo_files()):
            cleaned = published_original(build.records_dir / relative, build.session.cache_dir / "images")
            self._add_linked(FILES_PREFIX + relative, cleaned, files, config)
        for relative in sorted(self._attachment_files() - self._photo_files()):
            source = build.records_dir / relative
            files.append(File.generated(config, FILES_PREFIX + relative, abs_src_path=str(source)))

    def _add_site_files(self, files: Files, config: MkDocsConfig) -> None:
        """JSON Schemas for editors, robots.txt, and redirects from records' former ids."""
        for name, text in schema_files(config.site_url).items():
            files.append(File.generated(config, f"{SCHEMA_DIR}/{name}", content=text))
        sitemap = absolute(config.site_url, "sitemap.xml") if config.site_url else None
        files.append(File.generated(config, "robots.txt", content=render("robots.txt", sitemap=sitemap)))
        for redirect in redirects(self.build.catalogue):
            files.append(File.generated(config, redirect.src_uri, content=redirect.html(config.site_url or "")))

    def _add_photo_sizes(self, files: Files, config: MkDocsConfig) -> None:
        """Web sizes of every photo (cached), for ``srcset`` in the templates."""
        build = self.build
        for relative in sorted(self._photo_files()):
            sizes = photo_sizes(build.records_dir / relative, relative, build.session.cache_dir / "images")
            build.photo_sizes[relative] = sizes
            for variant in sizes.variants:
                self._add_linked(variant.url, variant.source, files, config)

    def _search_index(self, site_dir: str) -> None:
        """Built in this process, so that what it remembers (folded texts) serves the next build."""
        self.build.search.build(self.build.catalogue, self.build.news)
        self.build.search.write(site_dir)

    def _open_data(self, site_dir: str, site_url: str | None) -> None:
        """Written by the second build process while this one builds the search index (with the record cache)."""
        session = self.build.session
        session.records.write()
        # The second process ends with the build: it keeps the rows on disk only.
        for path, text in data_files(self.build.catalogue, site_url, kept_in=session.kept("opendata.pickle"),
                                     in_memory=session.in_build_process()):
            write_file(text.encode("utf-8"), str(Path(site_dir) / path))
        for path, text in lookup_files(self.build.catalogue):
            write_file(text.encode("utf-8"), str(Path(site_dir) / path))

    def _add_share_image(self, spec: PageSpec, files: Files, config: MkDocsConfig) -> None:
        image = self.build.share_images.for_spec(spec)
        if image is None:
            return
        spec.context["share_image"] = image
        if image.source is not None:
            self._add_linked(image.url, image.source, files, config)

    def _add_linked(self, url: str, source: Path, files: Files, config: MkDocsConfig) -> None:
        """A file of the build's cache, published as a hard link (:mod:`.linked_files`)."""
        file = LinkedFile.generated(config, url, abs_src_path=str(source))
        self.build.linked.add(file.dest_uri)
        files.append(file)

    def _photo_files(self) -> set[str]:
        return {photo.file for exemplar in self.build.catalogue.exemplars.values() for photo in exemplar.photos}

    def _attachment_files(self) -> set[str]:
        names = set()
        for batch in self.build.catalogue.batches.values():
            attachments = [batch.attachment] + [nominee.attachment for nominee in batch.nominees]
            names.update(attachment.file for attachment in attachments if attachment)
        return names

    # After Material's blog (-50), which adds its archive and category pages to the navigation.
    @event_priority(-100)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.build.nav = nav
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Escape record text that Material's templates print without escaping."""
        spec = self.build.specs.get(page.file.src_uri)
        if spec is not None:
            escape_printed_meta(page.meta)
            if spec.updated is not None:  # the sitemap's <lastmod>
                page.update_date = spec.updated.isoformat()
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Record text on the generated pages MkDocs renders is converted as on the others."""
        spec = self.build.specs.get(page.file.src_uri)
        if spec is None:
            return html
        content, toc = render_story(spec.text)
        page.toc = get_toc(toc)
        return content

    # on_env runs once every page, Material's blog posts included, has been read.
    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        build = self.build
        self._set_up_templates(env, build)
        docs_dir = os.path.relpath(config.docs_dir, build.root)
        build.news = NewsIndex.from_posts(_news_posts(files), build.catalogue, Path(docs_dir).as_posix())
        if build.news.errors:
            raise PluginError(_("The news posts have problems:") + "\n" + "\n".join(build.news.errors))
        for spec in build.specs.values():
            if "campaign" in spec.context:
                spec.context["news"] = build.news.for_campaign(spec.context["campaign"].id)
        build.env, build.files = env, files
        build.session.site.drop_pages_not_in(build.published())
        self._render_direct_pages(env, config, files)
        build.session.records.remember()
        return env

    def _set_up_templates(self, env: Environment, build: _Build) -> None:
        env.autoescape = _autoescape_our_templates
        # MkDocs makes a new environment every build; compiling Material's templates took a second.
        env.bytecode_cache = FileSystemBytecodeCache(str(build.session.folder("templates")))
        env.filters.update(vn_date=format_date, vn_moment=format_moment, markdown=_markdown_filter, slugify=slugify)
        env.globals.update(content_security_policy=content_security_policy(
            self.config.comments_url, live_reload=self.live_reload))
        env.globals.update(record_urls=urls, files_prefix=FILES_PREFIX, feeds=feeds.ALL,
                           licence=self.config.licence, publisher=build.publisher,
                           photo_sizes=build.photo_sizes, shared_chrome=SharedChrome(), board=build.board)

    def _render_direct_pages(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        build = self.build
        try:
            build.direct.render(env, config, build.nav, files, build.site_values,
                                alongside=lambda: self._open_data(config.site_dir, config.site_url),
                                beforehand=lambda: self._search_index(config.site_dir), last=(build.search.page,))
        except (UnsharedBlockOverride, FrameMismatch) as exc:
            raise PluginError(f"The theme's templates break the shared page frame: {exc}") from exc

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav) -> dict[str, Any]:
        build = self.build
        spec = build.specs.get(page.file.src_uri)
        if spec is not None:  # a generated page that MkDocs renders, as the others are rendered
            context.update(spec_page_context(spec, page, build.site_values))
            return context
        # Material prints the title and description of the front matter unescaped (a news post's
        # description with a quote broke its <meta> tag); by now the news index has read them.
        escape_printed_meta(page.meta)
        if page.is_homepage:
            context.update(home_context(build.catalogue, build.news, build.now))
        elif page.file.src_uri in build.news.campaigns_by_post:
            context["post_campaigns"] = build.news.campaigns_by_post[page.file.src_uri]
        context["comments_url"] = self.config.comments_url
        context["share"] = page_share(page, build.site_values)
        context["json_ld"] = self._news_json_ld(page, context["share"])
        return context

    def _news_json_ld(self, page: Page, share: Share) -> Markup | None:
        item = self.build.news.item_for(page.url)
        if item is not None:
            return as_script_json(news_data(item.title, item.description, share.url, item.date, share.image,
                                            self.build.publisher))
        return None

    def on_post_build(self, config: MkDocsConfig) -> None:
        """The feeds, then the sitemap with the generated pages; stale files of the previous build removed."""
        build = self.build
        site = feeds.Site(config.site_url or "/", config.site_name, build.publisher, self.config.licence)
        entries = {
            feeds.NEWS: feeds.news_entries(build.news.items, site),
            feeds.EXEMPLARS: feeds.exemplar_entries(build.catalogue, site),
            feeds.BATCHES: feeds.batch_entries(build.catalogue, build.now, site),
        }
        for info, items in entries.items():
            write_file(feeds.render_feed(info, items, site, build.now), str(Path(config.site_dir) / info.path))
        build.direct.finish(build.env, config, build.nav, build.files)
        build.session.site.finish(build.published(), self_kept=(search_output.FOLDER,))
        build.session.end()
        self._release()

    def on_build_error(self, error: Exception) -> None:
        if self.build is not None:  # the valid records are not validated again next time
            self.build.session.failed()
        self._release()

    def _release(self) -> None:
        """Drop what one build holds (records, pages, index).

        With ``on_startup``, MkDocs keeps this instance for every build of the process
        (``mkdocs serve``): without this, a rebuild held two catalogues and two indexes.
        """
        self.build = None

    def on_shutdown(self) -> None:
        """The process is about to end: leave what it still holds to the operating system."""
        BuildSession.process_ending()

    def on_serve(self, server, config: MkDocsConfig, builder):
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        server.watch(str((root / self.config.records_dir).resolve()))
        return server


def _autoescape_our_templates(name: str | None) -> bool:
    """Escape everything in our own templates; Material's are left as they are.

    MkDocs creates the Jinja environment without autoescaping and Material's
    templates rely on that, so we switch it on by template name.
    """
    return bool(name) and name.startswith(TEMPLATES)


def _markdown_filter(text: str | None) -> Markup:
    return Markup(render_markdown(text))


def _news_posts(files: Files) -> list[Post]:
    """The blog posts MkDocs has read, as the news index takes them."""
    return [Post(file.src_uri, file.page.title, file.page.url, file.page.meta,
                 lambda file=file: file.content_string)
            for file in files.documentation_pages()
            if file.src_uri.startswith(POSTS_PREFIX) and file.page is not None]
