"""A rebuild keeps the previous site folder and changes only what changed: the result is a clean build's."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from helpers import EXEMPLAR, write
from test_page_cache import OTHER, build_into, contents, site_with_nav

from site_builder.build.site_reuse import ReusedSite
from site_builder.engine.direct_pages import DirectPages

EDITED = EXEMPLAR.replace("Chị vận động xã viên", "Chị kiên trì vận động xã viên")
THIRD = (EXEMPLAR.replace("Nguyễn Thị Hoà", "Lê Văn Tám").replace("Nam Định", "Lào Cai")
         .replace("sector: Nông nghiệp", "sector: Giáo dục").replace("campaigns: [nong-thon-moi]", "campaigns: []"))


@pytest.fixture
def site(tmp_path):
    config = site_with_nav(tmp_path)
    write(tmp_path / "exemplars", "ca-nhan/tran-van-binh.yml", OTHER)
    write(tmp_path / "exemplars", "ca-nhan/le-van-tam.yml", THIRD)
    write(tmp_path, "content/gioi-thieu.md", "# Giới thiệu\n\nTrang giới thiệu.\n")
    return config


def visible(site: Path) -> dict[str, bytes]:
    """The files a clean build would write (MkDocs leaves hidden entries at the top alone)."""
    return {name: data for name, data in contents(site).items() if not name.startswith(".")}


def touched(page: Path) -> int:
    """The change time of a published page's file: unlinking or linking it again changes it
    (an inode number is no proof: a file system may give a new file the number just freed)."""
    return page.stat().st_ctime_ns


def folders(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_dir()}


def test_a_rebuild_after_edits_equals_a_clean_build(site, tmp_path):
    folder = build_into(site, tmp_path / "site")
    unchanged = touched(folder / "dien-hinh/le-van-tam/index.html")
    write(tmp_path / "exemplars", "ca-nhan/nguyen-thi-hoa.yml", EDITED)
    (tmp_path / "exemplars/ca-nhan/tran-van-binh.yml").unlink()
    (tmp_path / "content/gioi-thieu.md").unlink()
    write(folder, "stray/deep/page.html", "left by hand")
    write(folder, ".git/HEAD", "kept, as MkDocs keeps it")
    build_into(site, folder)

    assert touched(folder / "dien-hinh/le-van-tam/index.html") == unchanged  # left in place, not linked again
    assert not (folder / "dien-hinh/tran-van-binh").exists()
    assert not (folder / "gioi-thieu").exists()
    assert not (folder / "stray").exists()
    assert (folder / ".git/HEAD").read_text(encoding="utf-8") == "kept, as MkDocs keeps it"
    assert "kiên trì" in (folder / "dien-hinh/nguyen-thi-hoa/index.html").read_text(encoding="utf-8")
    shutil.rmtree(tmp_path / ".cache")
    fresh = build_into(site, tmp_path / "fresh")
    assert visible(folder) == visible(fresh)
    assert folders(folder) - {".git"} == folders(fresh)


def test_a_page_published_where_mkdocs_now_writes_is_not_written_through(site, tmp_path):
    """The page cache stays intact when an address moves from the plugin's pages to MkDocs' own."""
    folder = build_into(site, tmp_path / "site")
    published = folder / "dien-hinh/index.html"
    witness = tmp_path / "witness.html"
    os.link(published, witness)  # the cached file, under a second name
    before = witness.read_bytes()
    site.write_text(site.read_text(encoding="utf-8") + "  - Điển hình: dien-hinh/index.md\n", encoding="utf-8")
    build_into(site, folder)
    assert witness.read_bytes() == before
    assert (folder / "dien-hinh/index.html").read_bytes() != before  # MkDocs rendered it, in its tab


def test_without_a_record_of_the_last_build_the_folder_is_cleaned(site, tmp_path):
    """A build that stopped half-way leaves no record: the next one starts from an empty folder."""
    folder = build_into(site, tmp_path / "site")
    record = tmp_path / ".cache/site-builder/pages/published.json"
    assert "dien-hinh/le-van-tam/index.html" in json.loads(record.read_text(encoding="utf-8"))["pages"]
    record.unlink()
    unchanged = touched(folder / "dien-hinh/le-van-tam/index.html")
    (folder.parent / ".site.previous").mkdir()  # as left by a build stopped before its folder came back
    build_into(site, folder)
    assert touched(folder / "dien-hinh/le-van-tam/index.html") != unchanged
    assert not (folder.parent / ".site.previous").exists()
    assert visible(folder) == visible(build_into(site, tmp_path / "other"))


def test_a_build_that_fails_once_the_folder_is_touched_forgets_it(site, tmp_path, monkeypatch):
    folder = build_into(site, tmp_path / "site")
    record = tmp_path / ".cache/site-builder/pages/published.json"
    write(tmp_path / "exemplars", "ca-nhan/hong.yml", "kind: individual\nname: [\n")
    with pytest.raises(Exception):
        build_into(site, folder)
    assert record.exists()  # records are checked before the folder is touched: it is as the last build left it
    (tmp_path / "exemplars/ca-nhan/hong.yml").unlink()

    def broken(*args, **kwargs):
        raise RuntimeError("stopped while publishing")

    monkeypatch.setattr(DirectPages, "render", broken)
    with pytest.raises(RuntimeError):
        build_into(site, folder)
    assert not record.exists()


def test_the_sweep_keeps_files_written_since_the_start_and_the_pages_published(tmp_path):
    folder = tmp_path / "site"
    write(folder, "old.html", "stale")
    write(folder, "page/index.html", "published from the cache, with the cache's old time")
    write(folder, "search/t/a.json", "its writer removes its own stale files")
    reused = ReusedSite(folder, tmp_path / "published.json")
    reused.finish({"page/index.html"})  # a first build: nothing recorded, nothing reused
    reused = ReusedSite(folder, tmp_path / "published.json")
    reused.set_aside()
    assert not folder.exists()
    reused.bring_back()
    write(folder, "new.html", "written by this build")
    reused.finish({"page/index.html"}, self_kept=("search",))
    assert sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()) == [
        "new.html", "page/index.html", "search/t/a.json"]


def _cached_cards(tmp_path: Path) -> list[Path]:
    return [path for path in (tmp_path / ".cache").rglob("*.png") if "card" in path.as_posix()]


def test_share_cards_are_published_as_links_to_the_cache_and_never_written_through(site, tmp_path):
    """A card is made once, in the cache; the site gets a hard link, not a second copy of its bytes.

    When a record's card changes, the link is replaced: the card cached for the old
    texts keeps its bytes (another page with those texts may still publish it).
    """
    folder = build_into(site, tmp_path / "site")
    card = folder / "chia-se/dien-hinh/nguyen-thi-hoa.png"
    cached = [path for path in _cached_cards(tmp_path) if os.path.samefile(path, card)]
    assert len(cached) == 1
    assert os.path.samefile(folder / "chia-se/trang-chu.png", next(
        path for path in _cached_cards(tmp_path) if os.path.samefile(path, folder / "chia-se/trang-chu.png")))
    old_bytes = cached[0].read_bytes()
    write(tmp_path / "exemplars", "ca-nhan/nguyen-thi-hoa.yml", EXEMPLAR.replace("Nguyễn Thị Hoà", "Nguyễn Thị Hoa"))
    build_into(site, folder)
    assert cached[0].read_bytes() == old_bytes
    assert not os.path.samefile(cached[0], card)
    assert card.read_bytes() != old_bytes
