"""Vietnam time: parsing the dates staff write, showing them as dd/mm/yyyy,
and counting working days.

Every deadline on the site is in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from .i18n import gettext as _

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
END_OF_DAY = time(23, 59, 59)

DMY_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:h](\d{2})$")


def parse_date(value: object) -> date:
    """Accept ``15/04/2026`` (as staff write it) or ``2026-04-15``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(_("expected a date; write it as dd/mm/yyyy, e.g. 15/04/2026"))
    text = value.strip()
    match = DMY_DATE.match(text)
    if match:
        day, month, year = (int(group) for group in match.groups())
    elif match := ISO_DATE.match(text):
        year, month, day = (int(group) for group in match.groups())
    else:
        raise ValueError(_('"{text}" is not a date; write it as dd/mm/yyyy, e.g. 15/04/2026').format(text=text))
    try:
        return date(year, month, day)
    except ValueError:
        pass
    if match.re is DMY_DATE and 1 <= day <= 12:  # Excel set to US English writes month/day/year
        try:
            swapped = date(year, day, month)
        except ValueError:
            pass
        else:
            raise ValueError(_('"{text}" is not a real date: the day comes first here; if you mean '
                               '{swapped}, write {swapped}').format(text=text, swapped=format_date(swapped)))
    raise ValueError(_('"{text}" is not a real date').format(text=text))


def parse_moment(value: object) -> tuple[date, time | None]:
    """A date with an optional time of day: ``15/04/2026 17:00`` or ``2026-04-15T17:00``.

    Returns the date and the time (``None`` when only a date was written, so the
    caller decides whether that means the start or the end of the day).
    """
    if isinstance(value, datetime):
        local = value.astimezone(VIETNAM) if value.tzinfo else value
        return local.date(), local.time().replace(microsecond=0)
    if isinstance(value, str):
        text = value.strip().replace("T", " ")
        if " " in text:
            day_part, time_part = text.split(None, 1)
            return parse_date(day_part), _parse_time(time_part.strip(), text)
    return parse_date(value), None


def _parse_time(text: str, whole: str) -> time:
    match = _TIME.match(text)
    if not match:
        raise ValueError(_('"{text}" has a time that cannot be read; write e.g. 15/04/2026 17:00').format(text=whole))
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError(_('"{text}" is not a real time of day').format(text=whole))
    return time(hour, minute)


def at_vietnam(day: date, clock: time) -> datetime:
    """The moment ``day`` at ``clock`` in Vietnam time, timezone-aware."""
    return datetime.combine(day, clock, tzinfo=VIETNAM)


def now_in_vietnam() -> datetime:
    return datetime.now(VIETNAM)


def fixed_or_now(text: str | None) -> datetime:
    """The moment a build takes as now: ``text`` (ISO 8601, Vietnam time unless it names a zone;
    ``SITE_BUILDER_NOW`` or the plugin's ``build_time``), else the clock's."""
    if not text:
        return now_in_vietnam()
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=VIETNAM) if moment.tzinfo is None else moment


def format_date(value: date | datetime | None) -> str:
    """``dd/mm/yyyy``; a datetime is first moved to Vietnam time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(VIETNAM)
    return value.strftime("%d/%m/%Y")


def format_moment(value: datetime) -> str:
    """``17:00 ngày 15/04/2026`` in Vietnam time."""
    local = value.astimezone(VIETNAM)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


# The pinned package's tables never change while the program runs: one reading per year.
@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("VN", years=year, language="vi"))


def statutory_holiday(day: date) -> str | None:
    """The Vietnamese name of the public holiday on ``day`` (e.g. "Tết Nguyên Đán"), or None."""
    return _public_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not one of Vietnam's public holidays (Tết included)."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date on which a period of ``count`` working days that starts on ``start`` ends,
    by the statutory holidays alone (a board's notices: :class:`~.legal_calendar.WorkingCalendar`).

    As in the Civil Code (art. 147), the day of the event is not counted:
    counting starts on the next day, and only working days count.
    """
    if count < 1:
        raise ValueError(_("the number of working days must be at least 1"))
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
