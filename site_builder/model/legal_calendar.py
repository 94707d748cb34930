"""The legal calendar: the days off and make-up working days the government sets each year.

The Labour Code fixes the public holidays (the ``holidays`` package knows them,
see :mod:`.vntime`), but each year the Prime Minister sets the exact Tết days and
the notice for civil servants often swaps days: for Tết 2025, Monday 27/01 off in
exchange for working Saturday 08/02. A board counting "10 ngày làm việc" follows
that notice, so it records it: one file per year, ``calendar/<year>.yml``.

:class:`WorkingCalendar` joins the statutory holidays and those files. The
catalogue carries one, and every working-day count of the site, its feeds and the
comment service goes through it (no module-level state: a build hands it on).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import NamedTuple

from pydantic import Field, model_validator

from .fields import FieldProblem, ShortText, VnDate
from .i18n import gettext as _
from .record import Record
from .vntime import format_date, is_working_day, statutory_holiday


class CalendarYear(Record):
    """One year's notice (or notices) on days off for civil servants: ``calendar/<year>.yml``."""

    # In the file ``source:``; ``Record.source`` is already the file the record came from.
    notice: ShortText = Field(
        alias="source",
        description='The notice, its number and date, e.g. "Thông báo số 6150/TB-LĐTBXH ngày 12/11/2024"; '
        "shown on the comment-period pages beside the days it sets."
    )
    days_off: list[VnDate] = Field(
        default_factory=list, description="Days off set by the notice beyond the statutory holidays, dd/mm/yyyy."
    )
    working_days: list[VnDate] = Field(
        default_factory=list, description="Make-up working days (a Saturday worked in exchange), dd/mm/yyyy."
    )

    @model_validator(mode="after")
    def _days_are_listed_once(self) -> CalendarYear:
        for name in ("days_off", "working_days"):
            days = getattr(self, name)
            for index, day in enumerate(days):
                if day in days[:index]:
                    raise FieldProblem((name, index), _("{day} is listed twice").format(day=format_date(day)))
        for index, day in enumerate(self.working_days):
            if day in self.days_off:
                raise FieldProblem(("working_days", index), _("{day} is also listed in days_off")
                                   .format(day=format_date(day)))
            if is_working_day(day):
                raise FieldProblem(("working_days", index), _(
                    "{day} is a working day already (a weekday that is no public holiday); list only a "
                    "Saturday, a Sunday or a holiday that is worked").format(day=format_date(day)))
        return self


class DayNote(NamedTuple):
    """A day the calendar treats specially in a period, and why (a holiday's name or a notice)."""

    day: date
    reason: str


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days: Monday to Friday, less the statutory holidays, with each year's notice applied.

    ``days_off`` and ``working_days`` map a day to the notice that sets it; ``years``
    are the years that have a calendar file.
    """

    days_off: Mapping[date, str] = field(default_factory=lambda: MappingProxyType({}))
    working_days: Mapping[date, str] = field(default_factory=lambda: MappingProxyType({}))
    years: frozenset[int] = frozenset()

    @classmethod
    def from_years(cls, years: Iterable[CalendarYear]) -> WorkingCalendar:
        """The statutory holidays with the notices of ``years`` (the calendar files) applied."""
        days_off: dict[date, str] = {}
        working: dict[date, str] = {}
        numbers = set()
        for year in sorted(years, key=lambda item: item.id):
            if year.id.isdigit():
                numbers.add(int(year.id))
            days_off.update(dict.fromkeys(year.days_off, year.notice))
            working.update(dict.fromkeys(year.working_days, year.notice))
        return cls(MappingProxyType(days_off), MappingProxyType(working), frozenset(numbers))

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        return day not in self.days_off and is_working_day(day)

    def add_working_days(self, start: date, count: int) -> date:
        """The day on which a period of ``count`` working days starting on ``start`` ends.

        As in the Civil Code (art. 147), the day of the event is not counted:
        counting starts on the next day, and only working days count.
        """
        if count < 1:
            raise ValueError(_("the number of working days must be at least 1"))
        day = start
        while count:
            day += timedelta(days=1)
            count -= self.is_working_day(day)
        return day

    def count_working_days(self, start: date, end: date) -> int:
        """Working days after ``start`` up to ``end`` included (the day of the event is not counted)."""
        return sum(self.is_working_day(day) for day in _days_after(start, end))

    def days_off_between(self, start: date, end: date) -> list[DayNote]:
        """Weekdays after ``start`` up to ``end`` that are not worked, with the notice or holiday that says so."""
        return [DayNote(day, self._why_off(day)) for day in _days_after(start, end)
                if day.weekday() < 5 and not self.is_working_day(day)]

    def make_up_days_between(self, start: date, end: date) -> list[DayNote]:
        """Weekend days or holidays after ``start`` up to ``end`` that are worked, with their notice."""
        return [DayNote(day, self.working_days[day]) for day in _days_after(start, end)
                if day in self.working_days]

    def _why_off(self, day: date) -> str:
        notice = self.days_off.get(day)
        return f"nghỉ theo {notice}" if notice else statutory_holiday(day) or "ngày nghỉ"

    @property
    def fingerprint(self) -> str:
        """A hash of the notices: a page that counts working days changes when they change."""
        text = repr((sorted(self.days_off.items()), sorted(self.working_days.items()), sorted(self.years)))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def __reduce__(self) -> tuple:  # a mapping proxy cannot be pickled; the second process needs this
        return _unpickled, (dict(self.days_off), dict(self.working_days), self.years)


def _unpickled(days_off: dict, working_days: dict, years: frozenset[int]) -> WorkingCalendar:
    return WorkingCalendar(MappingProxyType(days_off), MappingProxyType(working_days), years)


STATUTORY = WorkingCalendar()


def _days_after(start: date, end: date) -> Iterable[date]:
    day = start + timedelta(days=1)
    while day <= end:
        yield day
        day += timedelta(days=1)
