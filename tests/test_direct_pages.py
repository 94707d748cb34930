"""Generated pages rendered outside MkDocs' page pipeline are the pages MkDocs would make."""

from __future__ import annotations

import os
import shutil

from helpers import EXEMPLAR, write, write_site
from jinja2 import pass_context
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.build import forking
from site_builder.engine.direct_pages import (
    PageShell,
    SharedChrome,
    _PageWriter,
    listed_in_navigation,
)

OTHER = (EXEMPLAR.replace("Nguyễn Thị Hoà", "Trần Văn Bình").replace("Nam Định", "Cao Bằng")
         .replace("campaigns: [nong-thon-moi]", "campaigns: []"))
THIRD = EXEMPLAR.replace("Nguyễn Thị Hoà", "Lê Thị Mai").replace("Nam Định", "Cao Bằng")


def site_contents(config_file, site_dir, cache) -> dict[str, bytes]:
    shutil.rmtree(cache, ignore_errors=True)  # every page rendered, none published from the cache
    build(load_config(config_file=str(config_file), site_dir=str(site_dir)))
    return {path.relative_to(site_dir).as_posix(): path.read_bytes() for path in site_dir.rglob("*") if path.is_file()}


def three_exemplars(folder):
    config = write_site(folder)
    write(folder / "exemplars", "ca-nhan/tran-van-binh.yml", OTHER)
    write(folder / "exemplars", "ca-nhan/le-thi-mai.yml", THIRD)
    config.write_text(config.read_text(encoding="utf-8")
                      + "nav:\n  - Trang chủ: index.md\n  - Điển hình: dien-hinh/index.md\n", encoding="utf-8")
    return config


def test_sharing_the_frame_between_pages_changes_no_byte(tmp_path, monkeypatch):
    """Pages assembled from a shared frame and their own blocks are the pages rendered whole."""
    config = three_exemplars(tmp_path)
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


def test_one_process_or_two_build_the_same_site(tmp_path, monkeypatch):
    # The test run may have threads of its own, which keep a build in one process.
    monkeypatch.setattr(forking, "_other_threads_running", lambda: False)
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    config = three_exemplars(tmp_path)
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
