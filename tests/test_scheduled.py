"""An exemplar dated in the future waits for its day: no page, listing, feed, search or open data before."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import EXEMPLAR, write, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.cli import main

LATER = (EXEMPLAR.replace("Nguyễn Thị Hoà", "Trần Văn Bình").replace("published: 15/06/2021", "published: 25/12/2026"))
FILE = "exemplars/ca-nhan/tran-van-binh.yml"


def _built(tmp_path: Path, now: str) -> dict[str, str]:
    """The site built as if at ``now``: every text file, by its path."""
    config = write_site(tmp_path, now=now)
    write(tmp_path / "exemplars", "ca-nhan/tran-van-binh.yml", LATER)
    site = tmp_path / f"site-{now[:10]}"
    build(load_config(config_file=str(config), site_dir=str(site)))
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8", errors="replace")
            for path in site.rglob("*") if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv")}


def test_before_its_day_the_exemplar_is_nowhere_on_the_site(tmp_path):
    files = _built(tmp_path, "2026-12-24T23:00")

    assert "dien-hinh/nguyen-thi-hoa/index.html" in files
    assert "dien-hinh/tran-van-binh/index.html" not in files
    showing = sorted(path for path, text in files.items() if "tran-van-binh" in text or "Trần Văn Bình" in text)
    assert showing == []


def test_on_its_day_it_is_published_everywhere(tmp_path):
    files = _built(tmp_path, "2026-12-25T00:30")

    assert "Trần Văn Bình" in files["dien-hinh/tran-van-binh/index.html"]
    assert "tran-van-binh" in files["dien-hinh/index.html"]
    assert "tran-van-binh" in files["feeds/dien-hinh.xml"]
    assert "tran-van-binh" in files["data/exemplars.json"]


@pytest.mark.parametrize(("now", "noted"), [("2026-12-06T09:00", True), ("2026-12-25T09:00", False)])
def test_validation_says_at_its_line_when_it_will_appear(tmp_path, capsys, monkeypatch, now, noted):
    write_site(tmp_path)
    write(tmp_path / "exemplars", "ca-nhan/tran-van-binh.yml", LATER)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITE_BUILDER_NOW", now)

    assert main(["validate", "exemplars"]) == 0
    out = capsys.readouterr().out
    line = LATER.splitlines().index("published: 25/12/2026") + 1
    expected = (f"{FILE}:{line}:12: notice: published: 25/12/2026 is after today (06/12/2026): the exemplar "
                "appears on the site from that day")
    assert (expected in out) is noted, out


def test_the_officer_reads_it_in_vietnamese(tmp_path, capsys, monkeypatch, vietnamese):
    write_site(tmp_path)
    write(tmp_path / "exemplars", "ca-nhan/tran-van-binh.yml", LATER)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITE_BUILDER_NOW", "2026-12-06T09:00")

    assert main(["validate", "exemplars"]) == 0
    assert "25/12/2026 là ngày sau hôm nay (06/12/2026)" in capsys.readouterr().out
