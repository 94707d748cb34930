"""Provinces are published in their official spelling, with a notice; other units point to their field."""

from __future__ import annotations

import json
import re

import pytest
from helpers import BATCH, EXEMPLAR, write_records, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.cli import main
from site_builder.records.loader import check_records

E = "exemplars/ca-nhan/nguyen-thi-hoa.yml"


def _exemplar(province: str) -> str:
    return EXEMPLAR.replace("  province: Nam Định", f"  province: {province}")


@pytest.mark.parametrize(("written", "published"), [
    ("Nam Dinh", "Nam Định"),            # no diacritics, as many type
    ("nam định", "Nam Định"),
    ("Tỉnh Nam Định", "Nam Định"),
    ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("Ninh Binh", "Ninh Bình"),
])
def test_a_province_is_published_in_its_official_spelling_with_a_notice(tmp_path, written, published):
    catalogue, report = check_records(write_records(tmp_path, exemplar=_exemplar(written)), base=tmp_path)
    assert not report
    assert catalogue.exemplars["nguyen-thi-hoa"].place.province == published
    assert [str(note) for note in report.sorted_notes()] == [
        f'{E}:6:13: notice: place.province: "{written}" is published as "{published}" (the official name)']


def test_an_official_spelling_gets_no_notice(tmp_path):
    _catalogue, report = check_records(write_records(tmp_path), base=tmp_path)
    assert not report.notes


def test_a_nominee_province_is_noted_at_its_line(tmp_path):
    batch = BATCH.replace("      province: Ninh Bình", "      province: ninh binh")
    catalogue, report = check_records(write_records(tmp_path, batch=batch), base=tmp_path)
    assert catalogue.batches["dot-1"].nominees[0].place.province == "Ninh Bình"
    [note] = report.sorted_notes()
    assert (note.line, note.field_path) == (18, "nominees[0] (Nguyễn Thị Hoà).place.province")


@pytest.mark.parametrize(("written", "field"), [
    ("huyện Hải Hậu", "write it in district"),
    ("Quận 1", "write it in district"),
    ("xã Hải Đông", "write it in commune"),
    ("Phường Đồng Văn", "write it in commune"),
    ("Hải Hậu, Nam Định", 'write only "Nam Định" here and "Hải Hậu" in district'),
])
def test_a_district_or_commune_in_the_province_field_points_to_its_field(tmp_path, written, field):
    _catalogue, report = check_records(write_records(tmp_path, exemplar=_exemplar(written)), base=tmp_path)
    [error] = report.sorted()
    assert (error.line, error.field_path) == (6, "place.province")
    assert field in error.message and "did you mean" not in error.message


@pytest.mark.parametrize(("written", "parts"), [
    ("Hà Sơn Bình", "divided in 1991 into Hà Tây, Hòa Bình"),
    ("Nghệ Tĩnh", "divided in 1991 into Nghệ An, Hà Tĩnh"),
    ("gia lai – kon tum", '"Gia Lai - Kon Tum" was divided in 1991 into Gia Lai, Kon Tum'),
])
def test_a_province_divided_between_today_s_provinces_names_what_it_became(tmp_path, written, parts):
    _catalogue, report = check_records(write_records(tmp_path, exemplar=_exemplar(written)), base=tmp_path)
    [error] = report.sorted()
    assert (error.line, error.field_path) == (6, "place.province")
    assert parts in error.message and "write the one the place was in" in error.message


def test_a_divided_province_is_named_in_vietnamese_for_the_officer(tmp_path, vietnamese):
    _catalogue, report = check_records(write_records(tmp_path, exemplar=_exemplar("Hải Hưng")), base=tmp_path)
    [error] = report.sorted()
    assert "năm 1997" in error.message and "Hải Dương, Hưng Yên" in error.message


def test_an_unknown_name_gets_no_far_fetched_suggestion(tmp_path):
    """Before: "Tuần Giáo" (a district) was answered with 'did you mean "An Giang"?'."""
    _catalogue, report = check_records(write_records(tmp_path, exemplar=_exemplar("Tuần Giáo")), base=tmp_path)
    [error] = report.sorted()
    assert "did you mean" not in error.message and "write it in district or commune" in error.message
    _catalogue, report = check_records(write_records(tmp_path / "b", exemplar=_exemplar("Hanoi")),
                                       base=tmp_path / "b")
    assert 'did you mean "Hà Nội"?' in report.sorted()[0].message


@pytest.mark.parametrize(("written", "kind"), [("cá nhân", "individual"), ("Cá nhân", "individual"),
                                               ("ca nhan", "individual"), ("tập thể", "collective")])
def test_kind_is_accepted_in_vietnamese(tmp_path, written, kind):
    exemplar = EXEMPLAR.replace("kind: individual", f"kind: {written}")
    if kind == "collective":
        exemplar = exemplar.replace("position: Chủ nhiệm Hợp tác xã\n", "")
    batch = BATCH.replace("    kind: individual", f"    kind: {written}")
    catalogue, report = check_records(write_records(tmp_path, exemplar=exemplar, batch=batch), base=tmp_path)
    assert not report, report.render()
    assert catalogue.exemplars["nguyen-thi-hoa"].kind == catalogue.batches["dot-1"].nominees[0].kind == kind


def test_pages_and_json_ld_show_the_official_name(tmp_path):
    config = write_site(tmp_path, exemplar=_exemplar("tinh nam dinh"),
                        batch=BATCH.replace("      province: Ninh Bình", "      province: TP. Hồ Chí Minh"))
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    page = (tmp_path / "site/dien-hinh/nguyen-thi-hoa/index.html").read_text(encoding="utf-8")
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert '"addressRegion": "Nam Định"' in json.dumps(json.loads(ld), ensure_ascii=False)
    assert "tinh nam dinh" not in page and "Nam Định" in page
    batch_page = (tmp_path / "site/lay-y-kien/dot-1/index.html").read_text(encoding="utf-8")
    assert "TP. Hồ Chí Minh" not in batch_page and "Thành phố Hồ Chí Minh" in batch_page


def test_validate_prints_the_notice(tmp_path, monkeypatch, capsys):
    write_records(tmp_path, exemplar=_exemplar("Nam Dinh"))
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert f'{E}:6:13: notice: place.province: "Nam Dinh" is published as "Nam Định"' in capsys.readouterr().out
