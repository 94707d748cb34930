"""The state of a comment period at fixed clock times, in Vietnam time."""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers import BATCH, write_records

from site_builder.model.vntime import VIETNAM
from site_builder.records.loader import load_records
from site_builder.site.home import home_context
from site_builder.site.news import NewsIndex
from site_builder.site.status import batches_in_order, period_status


@pytest.fixture
def batch(tmp_path):
    return load_records(write_records(tmp_path), base=tmp_path).batches["dot-1"]


def vn(*args) -> datetime:
    return datetime(*args, tzinfo=VIETNAM)


@pytest.mark.parametrize("now, code, label", [
    (vn(2026, 11, 1, 23, 59, 59), "upcoming", "Sắp mở (từ 02/11/2026)"),
    (vn(2026, 11, 2, 0, 0), "open", "Đang lấy ý kiến — còn 14 ngày"),
    (vn(2026, 11, 15, 9, 0), "open", "Đang lấy ý kiến — còn 1 ngày"),
    (vn(2026, 11, 16, 23, 59, 58), "open", "Đang lấy ý kiến — hôm nay là ngày cuối"),
    (vn(2026, 11, 16, 23, 59, 59), "open", "Đang lấy ý kiến — hôm nay là ngày cuối"),
    # The last second counts, as for the comment service (NominationBatch.phase_at).
    (vn(2026, 11, 16, 23, 59, 59, 900000), "open", "Đang lấy ý kiến — hôm nay là ngày cuối"),
    (vn(2026, 11, 17, 0, 0, 0), "closed", "Đã kết thúc"),
])
def test_status_at_fixed_times(batch, now, code, label):
    status = period_status(batch, now)
    assert (status.code, status.label) == (code, label)


def test_closing_time_of_day_is_respected(tmp_path):
    records = write_records(tmp_path, batch=BATCH.replace("closes: 16/11/2026", "closes: 16/11/2026 17:00"))
    batch = load_records(records, base=tmp_path).batches["dot-1"]
    assert batch.closes_at.isoformat() == "2026-11-16T17:00:00+07:00"
    assert period_status(batch, vn(2026, 11, 16, 16, 59, 59)).code == "open"
    assert period_status(batch, vn(2026, 11, 16, 17, 0, 1)).code == "closed"


def test_working_day_closing(tmp_path):
    records = write_records(tmp_path, batch=BATCH.replace("closes: 16/11/2026", "closes_after_working_days: 10"))
    batch = load_records(records, base=tmp_path).batches["dot-1"]
    assert batch.closes_at.isoformat() == "2026-11-16T23:59:59+07:00"


def test_open_batches_come_first(tmp_path):
    records = write_records(tmp_path)
    (records / "nominations" / "cu.yml").write_text(
        BATCH.replace("02/11/2026", "02/01/2025").replace("16/11/2026", "16/01/2025"), encoding="utf-8")
    (records / "nominations" / "sap-mo.yml").write_text(
        BATCH.replace("02/11/2026", "02/12/2026").replace("16/11/2026", "16/12/2026"), encoding="utf-8")
    catalogue = load_records(records, base=tmp_path)
    ordered = batches_in_order(list(catalogue.batches.values()), vn(2026, 11, 10, 12, 0))
    assert [batch.id for batch in ordered] == ["dot-1", "sap-mo", "cu"]


def test_the_home_page_shows_the_periods_closing_soonest_and_counts_the_others(tmp_path):
    records = write_records(tmp_path)
    for day in range(17, 27):  # ten more open periods, closing on 17/11 … 26/11
        (records / "nominations" / f"dot-{day}.yml").write_text(
            BATCH.replace("16/11/2026", f"{day}/11/2026"), encoding="utf-8")
    catalogue = load_records(records, base=tmp_path)
    context = home_context(catalogue, NewsIndex(), vn(2026, 11, 10, 12, 0))
    assert [batch.id for batch, _status in context["open_batches"]] == ["dot-1", *(f"dot-{day}" for day in range(17, 22))]
    assert context["more_batches"] == 5
