"""The page cache: a rebuild publishes unchanged pages as kept, and only those."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import EXEMPLAR, REPO, write, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.build.pagecache import Fingerprints, Uncacheable
from site_builder.engine.direct_pages import DirectPages
from site_builder.model.catalogue import Catalogue
from site_builder.records import loader
from site_builder.search import index as search_index

OTHER = (EXEMPLAR.replace("Nguyễn Thị Hoà", "Trần Văn Bình").replace("Nam Định", "Cao Bằng")
         .replace("sector: Nông nghiệp", "sector: Y tế").replace("campaigns: [nong-thon-moi]", "campaigns: []"))
EDITED = EXEMPLAR.replace("Chị vận động xã viên", "Chị kiên trì vận động xã viên")


def build_into(config_file: Path, site_dir: Path) -> Path:
    build(load_config(config_file=str(config_file), site_dir=str(site_dir)))
    return site_dir


def contents(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def kept_pages(root: Path) -> dict[str, float]:
    return {path.name: path.stat().st_mtime_ns for path in (root / ".cache/site-builder/pages").rglob("*.html")}


def site_with_nav(folder: Path) -> Path:
    """A small site whose navigation, like the real one's, does not list every record."""
    config = write_site(folder)
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - Trang chủ: index.md\n", encoding="utf-8")
    return config


@pytest.fixture
def two_exemplars(tmp_path):
    config = site_with_nav(tmp_path)
    write(tmp_path / "exemplars", "ca-nhan/tran-van-binh.yml", OTHER)
    return config


def test_pages_the_navigation_names_are_left_to_mkdocs_and_not_kept(tmp_path):
    config = site_with_nav(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + "  - Điển hình: dien-hinh/index.md\n", encoding="utf-8")
    site = build_into(config, tmp_path / "site")
    kept = {path.read_text(encoding="utf-8") for path in (tmp_path / ".cache/site-builder/pages").rglob("*.html")}
    listing = (site / "dien-hinh/index.html").read_text(encoding="utf-8")
    assert kept and (site / "dien-hinh/nguyen-thi-hoa/index.html").read_text(encoding="utf-8") in kept
    assert listing not in kept
    assert 'md-nav__link--active' in listing  # MkDocs rendered it as the page of its tab


def test_generated_pages_stay_out_of_the_automatic_navigation(tmp_path):
    """Without `nav` in mkdocs.yml, MkDocs lists every page in every page: not ten thousand records."""
    site = build_into(write_site(tmp_path), tmp_path / "site")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Nguyễn Thị Hoà" not in home.split('data-md-type="navigation"')[1].split("</nav>")[0]
    assert (site / "dien-hinh/nguyen-thi-hoa/index.html").is_file()
    assert "https://example.gov.vn/dien-hinh/nguyen-thi-hoa/" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_rebuild_from_the_cache_is_byte_identical(two_exemplars, tmp_path):
    first = contents(build_into(two_exemplars, tmp_path / "first"))
    kept = kept_pages(tmp_path)
    assert len(kept) > 10
    second = contents(build_into(two_exemplars, tmp_path / "second"))
    assert kept_pages(tmp_path) == kept  # every page came from the cache, none was rendered again
    assert second == first


@pytest.mark.parametrize("second", ["2026-11-10T10:30", "2026-11-20T08:00"], ids=["same-day", "after-the-close"])
def test_two_builds_sharing_one_cache_equal_a_clean_build_at_the_second_time(two_exemplars, tmp_path, second,
                                                                              monkeypatch):
    """Every input of a cached page is in its key: nothing of the first build's clock is left.

    The clock is set from outside (``SITE_BUILDER_NOW``), as a scheduled build's is: the
    configuration, which every key hashes, stays the same.
    """
    text = two_exemplars.read_text(encoding="utf-8")
    two_exemplars.write_text(re.sub(r" *build_time: .*\n", "", text), encoding="utf-8")
    monkeypatch.setenv("SITE_BUILDER_NOW", "2026-11-10T09:00")
    build_into(two_exemplars, tmp_path / "site")
    monkeypatch.setenv("SITE_BUILDER_NOW", second)
    rebuilt = contents(build_into(two_exemplars, tmp_path / "site"))
    shutil.rmtree(tmp_path / ".cache")
    clean = contents(build_into(two_exemplars, tmp_path / "clean"))
    assert rebuilt == clean
    shown = f'data-period-built="{second}:00+07:00"'
    assert shown in rebuilt["lay-y-kien/dot-1/index.html"].decode()  # the clock reaches a cached page
    assert shown in rebuilt["lay-y-kien/index.html"].decode()


def test_editing_one_record_renders_its_page_and_the_listings_showing_it(two_exemplars, tmp_path, monkeypatch):
    build_into(two_exemplars, tmp_path / "before")
    rendered = []
    original = DirectPages.finish
    monkeypatch.setattr(DirectPages, "finish", lambda self, *args: rendered.extend(self.rendered) or original(self, *args))
    write(tmp_path / "exemplars", "ca-nhan/nguyen-thi-hoa.yml", EDITED)
    after = contents(build_into(two_exemplars, tmp_path / "after"))
    assert {"dien-hinh/nguyen-thi-hoa/", "dien-hinh/", "dien-hinh/tinh/nam-dinh/", "dien-hinh/loai/ca-nhan/"} <= set(rendered)
    assert "dien-hinh/tran-van-binh/" not in rendered
    assert "dien-hinh/tinh/cao-bang/" not in rendered
    assert "dien-hinh/tinh/" not in rendered  # the groups' names and counts did not change
    assert "kiên trì" in after["dien-hinh/nguyen-thi-hoa/index.html"].decode()
    # The same site built with no cache at all.
    shutil.rmtree(tmp_path / ".cache")
    assert contents(build_into(two_exemplars, tmp_path / "fresh")) == after


def test_changing_a_template_renders_the_pages_again(tmp_path):
    theme = shutil.copytree(REPO / "theme", tmp_path / "theme")
    config = site_with_nav(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(str(REPO / "theme"), str(theme)),
                      encoding="utf-8")
    build_into(config, tmp_path / "before")
    template = theme / "records" / "exemplar.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<div class="sb-record"', '<div data-changed class="sb-record"'), encoding="utf-8")
    after = build_into(config, tmp_path / "after")
    assert kept_pages(tmp_path)
    assert "data-changed" in (after / "dien-hinh/nguyen-thi-hoa/index.html").read_text(encoding="utf-8")


def test_unchanged_records_are_not_validated_again(two_exemplars, tmp_path, monkeypatch):
    build_into(two_exemplars, tmp_path / "first")
    validated = []
    original = loader.validate_document
    monkeypatch.setattr(loader, "validate_document", lambda *args: validated.append(args) or original(*args))
    write(tmp_path / "exemplars", "ca-nhan/nguyen-thi-hoa.yml", EDITED)
    build_into(two_exemplars, tmp_path / "second")
    assert len(validated) == 1


def test_records_checked_by_a_failed_build_are_not_validated_again(two_exemplars, tmp_path, monkeypatch):
    broken = write(tmp_path / "exemplars", "ca-nhan/le-van-tam.yml", "kind: individual\nname: [\n")
    with pytest.raises(Exception):
        build_into(two_exemplars, tmp_path / "first")
    validated = []
    original = loader.validate_document
    monkeypatch.setattr(loader, "validate_document", lambda *args: validated.append(args) or original(*args))
    broken.write_text(OTHER.replace("Trần Văn Bình", "Lê Văn Tám"), encoding="utf-8")
    build_into(two_exemplars, tmp_path / "second")
    assert len(validated) == 1  # the file fixed; the others were kept from the failed build


def test_a_rebuild_patches_the_search_postings_kept_on_disk(two_exemplars, tmp_path, monkeypatch):
    """A new process (`mkdocs build` run again) indexes the edited record only."""
    build_into(two_exemplars, tmp_path / "first")
    write(tmp_path / "exemplars", "ca-nhan/nguyen-thi-hoa.yml", EXEMPLAR.replace("600 hộ", "700 hộ"))
    monkeypatch.setattr(search_index, "_invert", lambda ordered: pytest.fail("every document indexed again"))
    after = build_into(two_exemplars, tmp_path / "second")
    monkeypatch.undo()
    shutil.rmtree(tmp_path / ".cache")
    fresh = build_into(two_exemplars, tmp_path / "fresh")
    assert contents(after / "search") == contents(fresh / "search")
    assert contents(after / "search") != contents(tmp_path / "first" / "search")


def test_a_value_that_cannot_be_hashed_leaves_the_page_uncached():
    with pytest.raises(Uncacheable):
        Fingerprints().of(object())


def test_a_build_leaves_no_records_behind(two_exemplars, tmp_path):
    """MkDocs keeps the plugin for every build of a process (`mkdocs serve`): it must not keep the records."""
    config = load_config(config_file=str(two_exemplars), site_dir=str(tmp_path / "site"))
    build(config)
    plugin = config.plugins["site_builder"]
    assert plugin.build is None
    assert not any(isinstance(value, (Catalogue, DirectPages, dict)) for value in vars(plugin).values()
                   if value is not plugin.kept_search_docs)
