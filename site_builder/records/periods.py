"""Comment periods against the legal calendar: the files of days off, the legal floor, the years unknown.

Runs once every file is read, because a period given by its closing date can only be
counted once the calendar files are read: a period shorter than its batch's minimum is an
error; one that spans Tết, 30/4–1/5 or 2/9 of a year without a calendar file is a warning
(the government's notice for that year may change the count; the statutory days are used).
A batch file with other problems has its period counted too (:func:`check_draft_periods`), so
that a short period is reported in the same run as a missing field, not after it is fixed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from site_builder.model.i18n import gettext as _
from site_builder.model.legal_calendar import CalendarYear, WorkingCalendar
from site_builder.model.nomination import LEGAL_MINIMUM_WORKING_DAYS, NominationBatch, short_period_message
from site_builder.model.vntime import format_date, parse_moment, statutory_holiday

from .crossref import Draft, locate_problem
from .errors import FieldPath, RecordError

if TYPE_CHECKING:
    from site_builder.model.catalogue import Catalogue

CALENDAR_FOLDER = "calendar"
FIRST_YEAR, LAST_YEAR = 2000, 2100


def apply_calendar(catalogue: Catalogue) -> list[RecordError]:
    """Build the catalogue's :class:`WorkingCalendar`, hand it to every batch, and check the periods."""
    problems = list(_calendar_file_problems(catalogue))
    catalogue.calendar = WorkingCalendar.from_years(catalogue.calendar_years.values())
    for batch in catalogue.batches.values():
        batch.use_calendar(catalogue.calendar)
    problems += [locate_problem(*problem) for batch in catalogue.batches.values()
                 for problem in _short_period(batch)]
    problems += [locate_problem(*problem, level="warning") for batch in catalogue.batches.values()
                 for problem in _unknown_years(batch, catalogue.calendar)]
    return problems


Problem = tuple[NominationBatch | CalendarYear, FieldPath, str]


def _calendar_file_problems(catalogue: Catalogue) -> Iterator[RecordError]:
    """A calendar file is named by its year, and lists days of that year only."""
    for year in catalogue.calendar_years.values():
        if not (year.id.isdigit() and FIRST_YEAR <= int(year.id) <= LAST_YEAR):
            yield RecordError(year.source, 1, 1, "", _('the file name "{name}" is not a year: name the file '
                                                       'after the year whose days it lists, e.g. {example}').format(
                name=year.id, example=f"{CALENDAR_FOLDER}/2025.yml"))
            continue
        for name in ("days_off", "working_days"):
            for index, day in enumerate(getattr(year, name)):
                if day.year != int(year.id):
                    yield locate_problem(year, (name, index), _("{day} is not in {year}: list it in {file}").format(
                        day=format_date(day), year=year.id, file=f"{CALENDAR_FOLDER}/{day.year}.yml"))


def check_draft_periods(calendar: WorkingCalendar, drafts: list[Draft],
                        reported: set[tuple[str, str]]) -> list[RecordError]:
    """The short periods of batch files that failed validation, where ``closes`` and ``opens`` read
    as dates and nothing was reported at ``closes`` already."""
    found = []
    for draft in drafts:
        data = draft.data if draft.kind == "batch" and isinstance(draft.data, dict) else {}
        try:
            opens, _time = parse_moment(data["opens"])
            closes, _time = parse_moment(data["closes"])
        except (KeyError, ValueError, TypeError):
            continue
        minimum = data.get("minimum_working_days", LEGAL_MINIMUM_WORKING_DAYS)
        if not isinstance(minimum, int) or closes <= opens:
            continue
        count = calendar.count_working_days(opens, closes)
        if count < minimum:
            error = locate_problem(draft, ("closes",), short_period_message(count, minimum))
            if (error.file, error.field_path) not in reported:
                found.append(error)
    return found


def _short_period(batch: NominationBatch) -> Iterator[Problem]:
    """A period given by its closing date, counted against the legal calendar (a count is checked by the model)."""
    if batch.closes is None:
        return
    count = batch.working_days
    if count < batch.minimum_working_days:
        yield batch, ("closes",), batch.short_period_message(count)


def _unknown_years(batch: NominationBatch, calendar: WorkingCalendar) -> Iterator[Problem]:
    spanned = _notice_holidays_spanned(batch.opens.day, batch.closes_at.date())
    missing = sorted({year for year, _holiday in spanned} - calendar.years)
    if not missing:
        return
    spans = "; ".join(f"{year}: {', '.join(holiday for found, holiday in spanned if found == year)}"
                      for year in missing)
    files = ", ".join(f"{CALENDAR_FOLDER}/{year}.yml" for year in missing)
    field = "closes" if batch.closes is not None else "closes_after_working_days"
    yield batch, (field,), _("the period spans holidays whose days off the government sets each year ({spans}) "
                             "and there is no calendar file for that year, so only the statutory holidays "
                             "are counted; record the notice on days off in {files}").format(spans=spans, files=files)


def _notice_holidays_spanned(opens: date, closes: date) -> list[tuple[int, str]]:
    """(year, holiday) for each of Tết, 30/4–1/5 and 2/9 with a day after ``opens`` up to ``closes``."""
    found = []
    for year in range(opens.year, closes.year + 1):
        for holiday, days in _notice_holidays(year):
            if any(opens < day <= closes for day in days):
                found.append((year, holiday))
    return found


def _notice_holidays(year: int) -> list[tuple[str, list[date]]]:
    return [("Tết", _lunar_new_year(year)), ("30/4–1/5", [date(year, 4, 30), date(year, 5, 1)]),
            ("2/9", [date(year, 9, 2)])]


def _lunar_new_year(year: int) -> list[date]:
    """The statutory Tết Nguyên Đán days of ``year`` (always in January or February)."""
    days = (date.fromordinal(number) for number in range(date(year, 1, 2).toordinal(), date(year, 3, 1).toordinal()))
    return [day for day in days if "Tết" in (statutory_holiday(day) or "")]
