"""What happens to a comment: the steps of a comment period, their dates and the step it is at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import BATCH, BOARD, write_records, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.records.loader import check_records

# BATCH opens on 02/11/2026 and closes at the end of Monday 16/11/2026.
AWARDED = BATCH + """\
    outcome:
      result: awarded
      decision:
        number: 1234/QĐ-CTN
        date: 20/12/2026
        issued_by: Chủ tịch nước
"""
STEP = re.compile(r'<li class="sb-step sb-step--(\w+)" data-step="(\w+)"[^>]*?( aria-current="step")?>(.*?)</li>', re.S)


def _built(tmp_path: Path, now: str, batch: str = BATCH) -> str:
    config = write_site(tmp_path, now=now, batch=batch)
    text = config.read_text(encoding="utf-8").replace("      page_size: 2\n", "      page_size: 2\n" + BOARD)
    config.write_text(text, encoding="utf-8")
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    return (tmp_path / "site/lay-y-kien/dot-1/index.html").read_text(encoding="utf-8")


def _steps(html: str) -> list[tuple[str, str, bool, str]]:
    """(key, state, current, text) of each step, in the page's order."""
    section = html[html.index('<section class="sb-steps"'):]
    section = section[:section.index("</section>")]
    assert '<ol class="sb-steps__list"' in section  # an ordered list: the order is the procedure's
    return [(key, state, bool(current), re.sub(r"<[^>]+>|\s+", " ", body))
            for state, key, current, body in STEP.findall(section)]


def _current(html: str) -> list[str]:
    return [key for key, _state, current, _text in _steps(html) if current]


def test_an_open_period_is_at_the_first_step_with_its_dates_and_no_invented_one(tmp_path):
    html = _built(tmp_path, "2026-11-10T12:00")
    steps = _steps(html)

    assert [key for key, *_ in steps] == ["received", "verified", "reported", "published"]
    assert [state for _key, state, *_ in steps] == ["current", "next", "next", "next"]
    assert _current(html) == ["received"]
    assert "Từ 00:00 ngày 02/11/2026 đến 23:59 ngày 16/11/2026 (giờ Việt Nam)" in steps[0][3]
    assert "ngày họp chưa được ấn định" in steps[2][3]  # said in words: the batch gives no date
    assert "Sau khi có quyết định của Chủ tịch nước" in steps[3][3]
    assert not re.search(r"\d\d/\d\d/\d{4}", steps[1][3] + steps[2][3] + steps[3][3])
    section = html[html.index('id="xu-ly-y-kien"'):]
    assert 'href="tel:02293871000"' in section[:section.index("</section>")]  # the board's phone


def test_after_the_close_the_mark_is_on_the_officers_check_with_the_council_date_the_batch_gives(tmp_path):
    html = _built(tmp_path, "2026-11-20T09:00", BATCH.replace("nominees:", "council_meets: 03/12/2026\nnominees:"))
    steps = _steps(html)

    assert _current(html) == ["verified"]
    assert [state for _key, state, *_ in steps] == ["done", "current", "next", "next"]
    assert "trước ngày 03/12/2026" in steps[1][3]
    assert "Ngày 03/12/2026" in steps[2][3]


def test_from_the_council_day_the_mark_is_on_the_report(tmp_path):
    html = _built(tmp_path, "2026-12-03T08:00", BATCH.replace("nominees:", "council_meets: 03/12/2026\nnominees:"))
    assert _current(html) == ["reported"]


def test_a_count_of_working_days_after_the_close_is_said_with_the_day_it_ends(tmp_path):
    batch = BATCH.replace("nominees:", "report_within_working_days: 10\nnominees:")
    steps = _steps(_built(tmp_path, "2026-11-20T09:00", batch))
    # From Tuesday 17/11, by the legal calendar (Tuesday 24/11, Ngày Văn hóa Việt Nam, is a day off):
    # ten working days end on Tuesday 01/12/2026.
    assert "Trong vòng 10 ngày làm việc sau khi kết thúc lấy ý kiến (chậm nhất ngày 01/12/2026)" in steps[2][3]


def test_once_the_outcome_is_recorded_the_last_step_is_done_and_current(tmp_path):
    html = _built(tmp_path, "2026-12-21T09:00", AWARDED)
    steps = _steps(html)

    assert [state for _key, state, *_ in steps] == ["done", "done", "done", "done"]
    assert _current(html) == ["published"]
    assert "Đã công bố theo Quyết định số 1234/QĐ-CTN ngày 20/12/2026" in steps[3][3]
    assert "Đã xong" in steps[3][3]


def test_before_the_period_opens_no_step_is_current(tmp_path):
    html = _built(tmp_path, "2026-11-01T09:00")
    assert _current(html) == []
    assert [state for _key, state, *_ in _steps(html)] == ["next"] * 4


@pytest.mark.parametrize(("addition", "expected"), [
    ("council_meets: 16/11/2026\n", "council_meets: is not after the close of the period"),
    ("council_meets: 03/12/2026\nreport_within_working_days: 10\n",
     "report_within_working_days: give either council_meets or report_within_working_days, not both"),
    ("report_within_working_days: 0\n", "report_within_working_days:"),
])
def test_the_council_date_is_checked(tmp_path, addition, expected):
    records = write_records(tmp_path, batch=BATCH.replace("nominees:", addition + "nominees:"))
    _catalogue, report = check_records(records, base=tmp_path)
    assert expected in report.render()
