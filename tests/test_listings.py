from __future__ import annotations

import pytest
from helpers import EXEMPLAR, write, write_records

from site_builder.model.places import find_province
from site_builder.records.loader import load_records
from site_builder.site.listings import by_award, by_province, by_year, paginate


@pytest.mark.parametrize("written, name, current", [
    ("Nam Định", "Nam Định", "Ninh Bình"),
    ("tỉnh Thanh Hoá", "Thanh Hóa", "Thanh Hóa"),
    ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"),
    ("Thừa Thiên Huế", "Thừa Thiên Huế", "Huế"),
    ("Sóc Trăng", "Sóc Trăng", "Cần Thơ"),
    ("Hà Tây", "Hà Tây", "Hà Nội"),                     # joined to Hà Nội in 2008
    ("tỉnh Hà Nam Ninh", "Hà Nam Ninh", "Ninh Bình"),   # divided in 1992, all of it Ninh Bình today
    ("Quảng Nam – Đà Nẵng", "Quảng Nam - Đà Nẵng", "Đà Nẵng"),
])
def test_old_and_new_province_names(written, name, current):
    province = find_province(written)
    assert (province.name, province.current) == (name, current)


def test_province_listing_works_for_old_and_new_names(tmp_path):
    records = write_records(tmp_path)
    newer = EXEMPLAR.replace("province: Nam Định", "province: Ninh Bình").replace("Nguyễn Thị Hoà", "Trần Văn An")
    write(records, "ca-nhan/tran-van-an.yml", newer)
    groups = {group.slug: group for group in by_province(load_records(records, base=tmp_path))}
    assert [e.id for e in groups["nam-dinh"].items] == ["nguyen-thi-hoa"]
    assert sorted(e.id for e in groups["ninh-binh"].items) == ["nguyen-thi-hoa", "tran-van-an"]
    assert groups["nam-dinh"].note == "Tên đơn vị hành chính trước ngày 01/07/2025; nay thuộc Ninh Bình."
    assert groups["ninh-binh"].note == "Gồm cả các điển hình ghi theo tên tỉnh cũ: Nam Định."


def test_an_exemplar_of_a_province_that_ended_long_ago_is_listed_under_it_and_under_today_s(tmp_path):
    records = write_records(tmp_path, exemplar=EXEMPLAR.replace("province: Nam Định", "province: Hà Tây"))
    groups = {group.slug: group for group in by_province(load_records(records, base=tmp_path))}
    assert [e.id for e in groups["ha-tay"].items] == [e.id for e in groups["ha-noi"].items] == ["nguyen-thi-hoa"]
    assert groups["ha-tay"].note == "Tên tỉnh cũ (đến năm 2008); nay thuộc Hà Nội."
    assert groups["ha-noi"].note == "Gồm cả các điển hình ghi theo tên tỉnh cũ: Hà Tây."


def test_revoked_honours_are_not_listed(tmp_path):
    revoked = EXEMPLAR.replace("      issued_by: Thủ tướng Chính phủ\n", """\
      issued_by: Thủ tướng Chính phủ
    revoked:
      number: 99/QĐ-TTg
      date: 01/02/2023
      issued_by: Thủ tướng Chính phủ
      reason: Khai không đúng thành tích
""")
    catalogue = load_records(write_records(tmp_path, exemplar=revoked), base=tmp_path)
    assert by_award(catalogue) == []
    assert by_year(catalogue) == []
    assert catalogue.exemplars["nguyen-thi-hoa"].main_honour is None


@pytest.mark.parametrize("count, per_page, pages, last_size", [(0, 20, 1, 0), (20, 20, 1, 20), (41, 20, 3, 1)])
def test_paginate(count, per_page, pages, last_size):
    result = paginate(list(range(count)), "dien-hinh/", per_page)
    assert len(result) == pages
    assert len(result[-1][0]) == last_size
    assert result[0][1].url == "dien-hinh/"
    assert result[-1][1].next_url is None
    if pages > 1:
        assert result[1][1].url == "dien-hinh/trang-2/"
        assert result[1][1].previous_url == "dien-hinh/"


def test_pagination_links_stay_short():
    pages = paginate(list(range(1000)), "x/", 10)
    links = [number for number, _ in pages[49][1].links()]
    assert links == [1, 48, 49, 50, 51, 52, 100]
