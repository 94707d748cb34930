"""The legal floor of a comment period and the legal calendar that counts its working days."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import BATCH, REPO, write, write_records, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.cli import main
from site_builder.comments.batches import describe, load_batches
from site_builder.model.legal_calendar import WorkingCalendar
from site_builder.records.loader import check_records, load_records

B = "exemplars/nominations/dot-1.yml"
SAMPLE_2025 = (REPO / "exemplars/calendar/2025.yml").read_text(encoding="utf-8")
NOTICE = "Thông báo số 6150/TB-LĐTBXH ngày 12/11/2024"


def _batch(opens: str, closing: str, extra: str = "") -> str:
    return BATCH.replace("opens: 02/11/2026", f"opens: {opens}").replace("closes: 16/11/2026", closing + extra)


def _report(tmp_path, batch: str, calendar: str | None = None, year: int = 2025):
    records = write_records(tmp_path, batch=batch)
    if calendar is not None:
        write(records, f"calendar/{year}.yml", calendar)
    return check_records(records, base=tmp_path)


# The legal floor -------------------------------------------------------------------------------

@pytest.mark.parametrize("count", [3, 5])
def test_a_period_of_fewer_than_ten_working_days_is_refused(tmp_path, count):
    catalogue, report = _report(tmp_path, _batch("02/11/2026", f"closes_after_working_days: {count}"))
    assert catalogue is None
    [error] = report.sorted()
    assert (error.file, error.line, error.field_path) == (B, 8, "closes_after_working_days")
    assert f"lasts {count} working days" in error.message
    assert "minimum of 10" in error.message and "Decree 98/2023/NĐ-CP, art. 46" in error.message


def test_ten_working_days_are_accepted(tmp_path):
    catalogue, report = _report(tmp_path, _batch("02/11/2026", "closes_after_working_days: 10"))
    assert not report and catalogue is not None


def test_a_closing_date_is_counted_against_the_floor(tmp_path):
    """02/11/2026 (Monday) to 09/11/2026: five working days, whatever the way the period is written."""
    catalogue, report = _report(tmp_path, _batch("02/11/2026", "closes: 09/11/2026"))
    assert catalogue is None
    expected = (f"{B}:8:9: closes: the period lasts 5 working days, fewer than the minimum of 10 (Decree "
                "98/2023/NĐ-CP, art. 46: at least 10 working days of public comment for a Huân chương or a "
                "state honorary title); give the period at least 10 working days")
    assert [str(error) for error in report.sorted()] == [expected]


def test_a_short_period_is_reported_in_the_same_run_as_the_batch_s_other_problems(tmp_path):
    """Before: a batch with a missing field was not counted, so its short period came up only in the
    run after the field was fixed."""
    batch = _batch("02/11/2026", "closes: 09/11/2026").replace("    position: Chủ nhiệm Hợp tác xã\n", "")
    catalogue, report = _report(tmp_path, batch)
    assert catalogue is None
    assert [(error.line, error.field_path) for error in report.sorted()] == [
        (8, "closes"), (12, "nominees[0] (Nguyễn Thị Hoà).position")]
    assert "lasts 5 working days, fewer than the minimum of 10" in report.sorted()[0].message


def test_a_batch_s_own_minimum_is_kept_when_it_has_other_problems(tmp_path):
    batch = (_batch("02/11/2026", "closes: 09/11/2026", "\nminimum_working_days: 5")
             .replace("    position: Chủ nhiệm Hợp tác xã\n", ""))
    assert [error.field_path for error in _report(tmp_path, batch)[1].sorted()] == ["nominees[0] (Nguyễn Thị Hoà).position"]


def test_a_batch_states_its_own_minimum(tmp_path):
    five = _batch("02/11/2026", "closes_after_working_days: 5", "\nminimum_working_days: 5")
    assert not _report(tmp_path / "a", five)[1]
    fifteen = _batch("02/11/2026", "closes_after_working_days: 10", "\nminimum_working_days: 15")
    [error] = _report(tmp_path / "b", fifteen)[1].sorted()
    assert "minimum of 15 (minimum_working_days of this batch)" in error.message


# The legal calendar ----------------------------------------------------------------------------

def test_the_statutory_holidays_alone_close_tet_2025_on_a_monday():
    assert WorkingCalendar().add_working_days(date(2025, 1, 20), 10) == date(2025, 2, 10)


def test_a_make_up_saturday_moves_the_closing_date(tmp_path):
    """Tết 2025: Saturday 08/02 was worked in exchange for Monday 27/01, so it counts."""
    catalogue, report = _report(tmp_path, _batch("20/01/2025", "closes_after_working_days: 10"), SAMPLE_2025)
    assert not report
    batch = catalogue.batches["dot-1"]
    assert batch.closes_at.isoformat() == "2025-02-08T23:59:59+07:00"
    assert [note.day for note in batch.days_off_in_period()] == [date(2025, 1, day) for day in range(27, 32)]
    ministry = "Bộ Lao động – Thương binh và Xã hội"
    assert {note.reason for note in batch.days_off_in_period()} == {f"nghỉ theo {NOTICE} của {ministry}"}


def test_an_extra_day_off_moves_the_closing_date_later(tmp_path):
    calendar = "source: Thông báo số 1/TB-BNV ngày 01/10/2026\ndays_off:\n  - 06/11/2026\n"
    catalogue, report = _report(tmp_path, _batch("02/11/2026", "closes_after_working_days: 10"), calendar, 2026)
    assert not report
    assert catalogue.batches["dot-1"].closes_at.date() == date(2026, 11, 17)


def test_the_comment_service_counts_with_the_calendar(tmp_path):
    records = write_records(tmp_path, batch=_batch("20/01/2025", "closes_after_working_days: 10"))
    write(records, "calendar/2025.yml", SAMPLE_2025)
    batch = load_batches(records)["dot-1"]
    assert describe(batch, batch.opens_at)["closes"] == "2025-02-08T23:59:59+07:00"


def test_the_page_lists_the_days_off_skipped_and_their_source(tmp_path):
    config = write_site(tmp_path, now="2025-01-22T12:00", batch=_batch("20/01/2025", "closes_after_working_days: 10"))
    write(tmp_path / "exemplars", "calendar/2025.yml", SAMPLE_2025)
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    html = (tmp_path / "site/lay-y-kien/dot-1/index.html").read_text(encoding="utf-8")
    assert "đến hết 23:59 ngày 08/02/2025 (10 ngày làm việc)" in html
    assert ("Không tính các ngày nghỉ: 27/01/2025, 28/01/2025, 29/01/2025, 30/01/2025, 31/01/2025 "
            f"(nghỉ theo {NOTICE}") in html
    assert "Có tính các ngày làm việc bù: 08/02/2025" in html


def test_the_statutory_holidays_are_named_without_a_calendar_file(tmp_path):
    catalogue, _problems = _report(tmp_path, _batch("20/04/2026", "closes_after_working_days: 10"))
    days_off = catalogue.batches["dot-1"].days_off_in_period()
    assert [(note.day, note.reason) for note in days_off][-2:] == [
        (date(2026, 4, 30), "Ngày Chiến thắng"), (date(2026, 5, 1), "Ngày Quốc tế Lao động")]


@pytest.mark.parametrize("calendar, expected", [
    ("source: Thông báo\ndays_off:\n  - 27/01/2026\n",
     "exemplars/calendar/2025.yml:3:5: days_off[0]: 27/01/2026 is not in 2025: list it in calendar/2026.yml"),
    ("source: Thông báo\nworking_days:\n  - 05/02/2025\n",
     ("exemplars/calendar/2025.yml:3:5: working_days[0]: 05/02/2025 is a working day already (a weekday "
      "that is no public holiday); list only a Saturday, a Sunday or a holiday that is worked")),
    ("days_off:\n  - 27/01/2025\n", "exemplars/calendar/2025.yml:1:1: source: is missing; this field is required"),
])
def test_a_wrong_calendar_file_is_an_error_at_its_line(tmp_path, calendar, expected):
    _catalogue, report = _report(tmp_path, BATCH, calendar)
    assert [str(error) for error in report.sorted()] == [expected]


# The warning for a year without a calendar file ------------------------------------------------

def test_a_period_over_tet_of_a_year_without_a_calendar_file_is_a_warning(tmp_path):
    catalogue, report = _report(tmp_path, _batch("01/02/2027", "closes_after_working_days: 10"))
    assert catalogue is not None and not report
    [note] = report.sorted_notes()
    assert (note.level, note.file, note.line, note.field_path) == ("warning", B, 8, "closes_after_working_days")
    assert "(2027: Tết)" in note.message and "calendar/2027.yml" in note.message


def test_no_warning_once_the_year_has_its_file(tmp_path):
    catalogue, report = _report(tmp_path, _batch("20/01/2025", "closes_after_working_days: 10"), SAMPLE_2025)
    assert catalogue is not None and not report.notes


def test_validate_prints_the_warning_and_succeeds(tmp_path, monkeypatch, capsys):
    write_records(tmp_path, batch=_batch("20/08/2027", "closes: 15/09/2027"))
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert f"{B}:8:9: warning: closes: the period spans holidays" in out and "(2027: 2/9)" in out
    assert main(["validate", "--format", "github"]) == 0
    assert f"::warning file={B},line=8,col=9,title=closes::" in capsys.readouterr().out


def test_the_catalogue_hands_its_calendar_to_every_batch(tmp_path):
    records = write_records(tmp_path)
    write(records, "calendar/2025.yml", SAMPLE_2025)
    catalogue = load_records(records, base=tmp_path)
    assert date(2025, 2, 8) in catalogue.calendar.working_days
    assert all(batch.calendar is catalogue.calendar for batch in catalogue.batches.values())
