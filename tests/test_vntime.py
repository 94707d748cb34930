from __future__ import annotations

from datetime import date, time

import pytest

from site_builder.model.vntime import (
    add_working_days,
    format_date,
    is_working_day,
    parse_date,
    parse_moment,
)


@pytest.mark.parametrize("text, expected", [
    ("15/04/2026", date(2026, 4, 15)),
    ("5/4/2026", date(2026, 4, 5)),
    ("2026-04-15", date(2026, 4, 15)),
    (" 29/02/2024 ", date(2024, 2, 29)),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, message", [
    ("31/02/2021", '"31/02/2021" is not a real date'),
    ("29/02/2025", '"29/02/2025" is not a real date'),
    ("15.04.2026", '"15.04.2026" is not a date; write it as dd/mm/yyyy, e.g. 15/04/2026'),
    # As Excel set to US English writes it: the day and month the other way round.
    ("04/15/2026", '"04/15/2026" is not a real date: the day comes first here; if you mean 15/04/2026, '
                   'write 15/04/2026'),
    ("12/25/2026", '"12/25/2026" is not a real date: the day comes first here; if you mean 25/12/2026, '
                   'write 25/12/2026'),
    ("02/30/2026", '"02/30/2026" is not a real date'),  # no way round makes it a date
])
def test_parse_date_errors(text, message):
    with pytest.raises(ValueError) as info:
        parse_date(text)
    assert str(info.value) == message


def test_parse_moment_with_and_without_time():
    assert parse_moment("15/04/2026") == (date(2026, 4, 15), None)
    assert parse_moment("15/04/2026 17:30") == (date(2026, 4, 15), time(17, 30))
    assert parse_moment("2026-04-15T08:00") == (date(2026, 4, 15), time(8, 0))
    with pytest.raises(ValueError, match="not a real time"):
        parse_moment("15/04/2026 25:00")


def test_format_date_is_dd_mm_yyyy():
    assert format_date(date(2026, 4, 5)) == "05/04/2026"


def test_working_days_skip_weekends_and_holidays():
    assert not is_working_day(date(2026, 11, 7))  # Saturday
    assert not is_working_day(date(2026, 9, 2))  # National Day
    assert is_working_day(date(2026, 11, 25))


@pytest.mark.parametrize("opened, count, closes", [
    # Monday; the opening day itself does not count (Civil Code art. 147).
    (date(2026, 11, 2), 10, date(2026, 11, 16)),
    # Across Tết Đinh Mùi: 04/02–10/02/2027 are public holidays.
    (date(2027, 2, 1), 10, date(2027, 2, 22)),
    # Opened on a Friday: the next working day is Monday.
    (date(2026, 11, 6), 1, date(2026, 11, 9)),
])
def test_add_working_days(opened, count, closes):
    assert add_working_days(opened, count) == closes
