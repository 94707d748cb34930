"""Generated pages rendered outside MkDocs' page pipeline are the pages MkDocs would make."""

from __future__ import annotations

import os
import shutil

import pytest
from helpers import EXEMPLAR, REPO, write, write_site
from jinja2 import pass_context
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from site_builder.build import forking
from site_builder.engine.direct_pages import _PageWriter, listed_in_navigation
from site_builder.engine.page_frame import (
    FrameMismatch,
    PageShell,
    SharedChrome,
    UnsharedBlockOverride,
)

OTHER = (EXEMPLAR.replace("Nguyễn Thị Hoà", "Trần Văn Bình").replace("Nam Định", "Cao Bằng")
         .replace("campaigns: [nong-thon-moi]", "campaigns: []"))
THIRD = EXEMPLAR.replace("Nguyễn Thị Hoà", "Lê Thị Mai").replace("Nam Định", "Cao Bằng")


def site_contents(config_file, site_dir, cache) -> dict[str, bytes]:
    shutil.rmtree(cache, ignore_errors=True)  # every page rendered, none published from the cache
    build(load_config(config_file=str(config_file), site_dir=str(site_dir)))
    return {path.relative_to(site_dir).as_posix(): path.read_bytes() for path in site_dir.rglob("*") if path.is_file()}


def three_exemplars(folder, now="2026-11-10T12:00"):
    config = write_site(folder, now)
    write(folder / "exemplars", "ca-nhan/tran-van-binh.yml", OTHER)
    write(folder / "exemplars", "ca-nhan/le-thi-mai.yml", THIRD)
    config.write_text(config.read_text(encoding="utf-8")
                      + "nav:\n  - Trang chủ: index.md\n  - Điển hình: dien-hinh/index.md\n", encoding="utf-8")
    return config


# Two clock times: a comment period open, and closed (its pages show other blocks then).
CLOCKS = pytest.mark.parametrize("now", ["2026-11-10T09:00", "2026-11-20T08:00"], ids=["open", "closed"])


@CLOCKS
def test_sharing_the_frame_between_pages_changes_no_byte(tmp_path, monkeypatch, now):
    """Pages assembled from a shared frame and their own blocks are the pages rendered whole."""
    config = three_exemplars(tmp_path, now)
    config.write_text(config.read_text(encoding="utf-8").replace("page_size: 2", "page_size: 2\n      processes: 1"),
                      encoding="utf-8")  # so that the frames used can be counted here
    cache = tmp_path / ".cache"
    assembled = []
    real_render = PageShell.render
    monkeypatch.setattr(PageShell, "render", lambda self, *args: assembled.append(self) or real_render(self, *args))
    shared = site_contents(config, tmp_path / "shared", cache)
    assert len([name for name in shared if name.startswith("dien-hinh/") and name.endswith(".html")]) > 10
    assert len(assembled) > 10 and len(set(map(id, assembled))) < len(assembled)  # frames were shared
    monkeypatch.setattr(SharedChrome, "__call__", pass_context(lambda self, context, name, render: render()))
    monkeypatch.setattr(_PageWriter, "use_shells", False)
    assert site_contents(config, tmp_path / "each", cache) == shared


@CLOCKS
def test_one_process_or_two_build_the_same_site(tmp_path, monkeypatch, now):
    # The test run may have threads of its own, which keep a build in one process.
    monkeypatch.setattr(forking, "_other_threads_running", lambda: False)
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    config = three_exemplars(tmp_path, now)
    cache = tmp_path / ".cache"
    two = site_contents(config, tmp_path / "two", cache)
    assert forks, "the build did not use a second process"
    forks.clear()
    config.write_text(config.read_text(encoding="utf-8").replace("page_size: 2", "page_size: 2\n      processes: 1"),
                      encoding="utf-8")
    assert site_contents(config, tmp_path / "one", cache) == two
    assert not forks


def test_a_record_page_is_a_full_material_page(tmp_path):
    config = three_exemplars(tmp_path)
    site = tmp_path / "site"
    build(load_config(config_file=str(config), site_dir=str(site)))
    page = (site / "dien-hinh/tran-van-binh/index.html").read_text(encoding="utf-8")
    assert "<title>Trần Văn Bình - Thử nghiệm</title>" in page
    assert '<link rel="canonical" href="https://example.gov.vn/dien-hinh/tran-van-binh/">' in page
    assert '<link rel="stylesheet" href="../../assets/stylesheets/site.css">' in page
    assert 'data-md-type="toc"' in page and '"base": "../.."' in page
    # The navigation links to the listing, which MkDocs rendered as a page of the navigation.
    assert '<a href="../" class="md-nav__link">' in page
    assert '<a href="#don-dien-doi-thua" class="md-nav__link">' in page  # the story's own table of contents


def test_the_navigation_names_are_found_at_any_depth():
    nav = [{"Trang chủ": "index.md"}, {"Mục": [{"A": "a/index.md"}, "b.md", {"Ngoài": "https://x.org/"}]}]
    assert listed_in_navigation(nav) == {"index.md", "a/index.md", "b.md", "https://x.org/"}
    assert listed_in_navigation(None) == set()


def test_pages_share_the_frame_with_the_pages_of_their_folder_only():
    navigation = {"", "dien-hinh/", "tin-tuc/"}
    assert SharedChrome.key("dien-hinh/nguyen-thi-hoa/", navigation) == "dien-hinh"
    assert SharedChrome.key("dien-hinh/tinh/ha-noi/trang-2/", navigation) == "dien-hinh/tinh/ha-noi"
    assert SharedChrome.key("lay-y-kien/dot-1/", navigation) == "lay-y-kien"
    # A page of the navigation inside it: its links to that page differ from its neighbours'.
    assert SharedChrome.key("tin-tuc/", {"tin-tuc/2026/"}) is None


def with_own_theme(config, folder, edit):
    """The site built with a copy of the project's theme, one file of it changed by ``edit``."""
    theme = folder / "theme"
    shutil.copytree(REPO / "theme", theme)
    edit(theme)
    config.write_text(config.read_text(encoding="utf-8").replace(str(REPO / "theme"), str(theme)), encoding="utf-8")
    return config


def build_error(config, site_dir) -> PluginError:
    """The error that stopped the build (MkDocs reports it and raises Abort)."""
    with pytest.raises(Abort) as raised:
        build(load_config(config_file=str(config), site_dir=str(site_dir)))
    assert isinstance(raised.value.__context__, PluginError)
    return raised.value.__context__


def test_a_record_template_overriding_a_shared_block_fails_naming_the_template_and_block(tmp_path):
    """An exemplar page that puts its person's name in the hero would show the first page's on every page."""
    def hero(theme):
        page = theme / "records/exemplar.html"
        page.write_text(page.read_text(encoding="utf-8")
                        + "{% block hero %}<p>{{ exemplar.name }}</p>{% endblock %}\n", encoding="utf-8")

    config = with_own_theme(three_exemplars(tmp_path), tmp_path, hero)
    error = build_error(config, tmp_path / "site")
    assert isinstance(error.__cause__, UnsharedBlockOverride)
    assert (error.__cause__.template, error.__cause__.block) == ("records/exemplar.html", "hero")
    assert 'records/exemplar.html overrides the block "hero"' in str(error)


def test_blocks_inside_a_per_page_block_may_be_overridden(tmp_path):
    """``content`` lies inside ``container``, and the record's own blocks inside ``content``."""
    def press_kit(theme):  # a board's template over the project's, as a custom_dir would hold it
        page = theme / "records/exemplar.html"
        page.rename(theme / "records/exemplar-base.html")
        page.write_text('{% extends "records/exemplar-base.html" %}\n'
                        "{% block press_kit %}<p>Ảnh của {{ exemplar.name }}</p>{% endblock %}\n", encoding="utf-8")

    config = with_own_theme(three_exemplars(tmp_path), tmp_path, press_kit)
    site = tmp_path / "site"
    build(load_config(config_file=str(config), site_dir=str(site)))
    assert "<p>Ảnh của Trần Văn Bình</p>" in (site / "dien-hinh/tran-van-binh/index.html").read_text(encoding="utf-8")
    assert "<p>Ảnh của Lê Thị Mai</p>" in (site / "dien-hinh/le-thi-mai/index.html").read_text(encoding="utf-8")


def test_a_frame_that_marks_other_blocks_than_the_list_fails(tmp_path):
    def unmark_scripts(theme):
        main = theme / "main.html"
        main.write_text(main.read_text(encoding="utf-8").replace('page_shell.mark("scripts")', '""'),
                        encoding="utf-8")

    config = with_own_theme(three_exemplars(tmp_path), tmp_path, unmark_scripts)
    error = build_error(config, tmp_path / "site")
    assert isinstance(error.__cause__, FrameMismatch)
    assert "PER_PAGE_BLOCKS lists" in str(error) and "'scripts'" in str(error)
