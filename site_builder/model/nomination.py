"""Nomination batches (đợt lấy ý kiến nhân dân): nominees put up for public comment.

Decree 98/2023/NĐ-CP, art. 46: the list of nominees for a Huân chương or a state
honorary title is published for at least 10 working days before the council
meets. A batch records that period, its nominees and, later, the outcome.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Literal, NamedTuple

from pydantic import BeforeValidator, Field, PrivateAttr, WithJsonSchema, model_validator

from .fields import (
    KIND_LABELS,
    Attachment,
    Contact,
    Decision,
    FieldProblem,
    Kind,
    Place,
    ShortText,
    Slug,
    Strict,
    Text,
    VnDate,
)
from .i18n import gettext as _
from .i18n import mark as N_
from .i18n import ngettext
from .legal_calendar import STATUTORY, DayNote, WorkingCalendar
from .pydantic_internals import private_value
from .record import Record
from .vntime import END_OF_DAY, at_vietnam, parse_moment

PeriodPhase = Literal["upcoming", "open", "closed"]

# Decree 98/2023/NĐ-CP, art. 46: at least 10 working days of public comment.
LEGAL_MINIMUM_WORKING_DAYS = 10
LEGAL_RULE = N_("Decree 98/2023/NĐ-CP, art. 46: at least 10 working days of public comment "
                "for a Huân chương or a state honorary title")


class LocalMoment(NamedTuple):
    """A date in Vietnam time with an optional time of day, as staff wrote it."""

    day: date
    clock: time | None


Moment = Annotated[
    LocalMoment,
    BeforeValidator(lambda value: LocalMoment(*parse_moment(value))),
    WithJsonSchema({"type": "string", "examples": ["15/04/2026", "15/04/2026 17:00"]}),
]


class Outcome(Strict):
    """What the council decided for one nominee, published after the period closes."""

    result: Literal["awarded", "not_awarded"] = Field(description="awarded or not_awarded.")
    decision: Decision | None = Field(None, description="The award decision (required when awarded).")
    note: ShortText | None = Field(None, description="A short public note.")

    @model_validator(mode="after")
    def _awarded_has_decision(self) -> Outcome:
        if self.result == "awarded" and self.decision is None:
            raise FieldProblem("decision", _("is required when the result is awarded"))
        return self

    @property
    def awarded(self) -> bool:
        return self.result == "awarded"


class Nominee(Strict):
    """A collective or an individual proposed for an award in a batch."""

    id: Slug = Field(description="Id unique within the batch; it is the anchor of the nominee on the page.")
    kind: Kind = Field(description="individual (cá nhân) or collective (tập thể).")
    name: ShortText = Field(description="Full name.")
    position: ShortText | None = Field(None, description="Position (required for an individual).")
    unit: ShortText | None = Field(None, description="Unit or workplace (required for an individual).")
    place: Place = Field(description="Where, named as it is at the time of the batch.")
    award: ShortText = Field(description='Award proposed, e.g. "Huân chương Lao động hạng Ba".')
    summary: Text = Field(description="Summary of achievements (tóm tắt thành tích), Markdown.")
    exemplar: Slug | None = Field(None, description="Id of the exemplar record about this nominee, if any.")
    attachment: Attachment | None = Field(None, description="A document, e.g. the full achievement report.")
    outcome: Outcome | None = Field(None, description="The decision, after the period closes.")
    comments_received: int | None = Field(None, ge=0, description="Comments received about this nominee.")

    @model_validator(mode="after")
    def _individual_has_position_and_unit(self) -> Nominee:
        if self.kind == "individual":
            for field_name in ("position", "unit"):
                if getattr(self, field_name) is None:
                    raise FieldProblem(field_name, _("is required for an individual"))
        return self

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


class NominationBatch(Record):
    """A comment period: one file in ``exemplars/nominations/``, named by its id."""

    title: ShortText = Field(description="Title of the notice.")
    award: ShortText = Field(description='The award proposed, e.g. "Huân chương Lao động".')
    proposed_by: ShortText = Field(description="The body that proposes the nominees.")
    decided_by: ShortText = Field(description="The body that decides the award.")
    legal_basis: list[ShortText] = Field(min_length=1, description="Legal basis, one document per line.")
    introduction: Text | None = Field(None, description="The notice's text, in Markdown.")
    opens: Moment = Field(description="Opening: dd/mm/yyyy (start of day) or dd/mm/yyyy HH:MM, Vietnam time.")
    closes: Moment | None = Field(None, description="Closing: dd/mm/yyyy (end of day) or dd/mm/yyyy HH:MM.")
    closes_after_working_days: int | None = Field(
        None, ge=1, le=60, description="Instead of closes: number of working days after opening (e.g. 10)."
    )
    minimum_working_days: int = Field(
        LEGAL_MINIMUM_WORKING_DAYS, ge=1, le=60,
        description="The least number of working days the period must last; a shorter one is an error. "
        "Default 10: Decree 98/2023/NĐ-CP, art. 46, for a Huân chương or a state honorary title. "
        "State a smaller number only for an award the decree does not cover.",
    )
    contact: Contact = Field(description="How citizens can comment: address, e-mail, phone.")
    require_address: bool = Field(False, description=(
        "true when a comment must give the commenter's address as well as name and phone or e-mail: "
        "the notice says so, the form marks the address required and the comment service refuses "
        "a comment without it."))
    attachment: Attachment | None = Field(None, description="The official notice as a document.")
    nominees: list[Nominee] = Field(min_length=1, description="The nominees.")
    comments_received: int | None = Field(None, ge=0, description="Total comments received (after closing).")
    council_meets: VnDate | None = Field(None, description=(
        "The day the council (Hội đồng Thi đua – Khen thưởng) meets on this batch, once it is set: "
        "dd/mm/yyyy, after the close. The page tells commenters their comments are reported to it that day."))
    report_within_working_days: int | None = Field(None, ge=1, le=60, description=(
        "Instead of council_meets, while the meeting is not set: within how many working days after the "
        "close the board reports the comments to the council. Without either, the page says it in words "
        "and gives no date."))
    aliases: list[Slug] = Field(
        default_factory=list, description="Former ids of this record: their old addresses redirect here."
    )
    # The legal calendar the deadline is counted against; the loader hands it on (see use_calendar).
    _calendar: WorkingCalendar | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _closing_is_given_once_and_after_opening(self) -> NominationBatch:
        if (self.closes is None) == (self.closes_after_working_days is None):
            raise FieldProblem("closes", _("give either closes or closes_after_working_days (exactly one)"))
        if self.closes_at <= self.opens_at:
            raise FieldProblem("closes", _("is not after the opening (opens)"))
        return self

    @model_validator(mode="after")
    def _count_reaches_the_minimum(self) -> NominationBatch:
        """A count of working days is checked here; a closing date against the legal calendar, by the loader."""
        count = self.closes_after_working_days
        if count is not None and count < self.minimum_working_days:
            raise FieldProblem("closes_after_working_days", self.short_period_message(count))
        return self

    @model_validator(mode="after")
    def _council_is_after_the_close(self) -> NominationBatch:
        """The meeting that hears the comments can only come after the last of them."""
        if self.council_meets is not None and self.report_within_working_days is not None:
            raise FieldProblem("report_within_working_days",
                               _("give either council_meets or report_within_working_days, not both"))
        if self.council_meets is not None and self.council_meets <= self.closes_at.date():
            raise FieldProblem("council_meets", _("is not after the close of the period (closes); the council "
                                                  "hears the comments after the last one is in"))
        return self

    @property
    def report_due(self) -> date | None:
        """The day by which the comments reach the council: its meeting, or the count after the close."""
        if self.council_meets is not None:
            return self.council_meets
        if self.report_within_working_days is not None:
            return self.calendar.add_working_days(self.closes_at.date(), self.report_within_working_days)
        return None

    def short_period_message(self, count: int) -> str:
        return short_period_message(count, self.minimum_working_days)

    def use_calendar(self, calendar: WorkingCalendar) -> None:
        """Count this batch's working days against ``calendar`` (the statutory holidays and the notices)."""
        self._calendar = calendar

    @property
    def calendar(self) -> WorkingCalendar:
        return private_value(self, "_calendar") or STATUTORY

    @property
    def digest(self) -> str:
        """The file's hash and the calendar's: the deadline and the days off shown depend on both."""
        digest = super().digest
        return f"{digest}+{self.calendar.fingerprint}" if digest and self.calendar is not STATUTORY else digest

    @property
    def working_days(self) -> int:
        """Working days from the day after opening to the closing day, by the legal calendar."""
        return self.calendar.count_working_days(self.opens.day, self.closes_at.date())

    def days_off_in_period(self) -> list[DayNote]:
        """The weekdays the period skips (holidays, days off by notice), with why: shown on the page."""
        return self.calendar.days_off_between(self.opens.day, self.closes_at.date())

    def make_up_days_in_period(self) -> list[DayNote]:
        """The Saturdays or Sundays worked in exchange for a day off, that the period counts."""
        return self.calendar.make_up_days_between(self.opens.day, self.closes_at.date())

    @model_validator(mode="after")
    def _nominee_ids_are_unique(self) -> NominationBatch:
        seen: dict[str, int] = {}
        for index, nominee in enumerate(self.nominees):
            if nominee.id in seen:
                first = seen[nominee.id]
                raise FieldProblem(("nominees", index, "id"), _(
                    '"{id}" is already the id of nominees[{first}] ({name}); each nominee needs its own').format(
                    id=nominee.id, first=first, name=self.nominees[first].name))
            seen[nominee.id] = index
        return self

    @property
    def opens_at(self) -> datetime:
        return at_vietnam(self.opens.day, self.opens.clock or time(0, 0))

    @property
    def closes_at(self) -> datetime:
        """The last moment of the period; a date alone means the end of that day."""
        if self.closes is not None:
            return at_vietnam(self.closes.day, self.closes.clock or END_OF_DAY)
        last_day = self.calendar.add_working_days(self.opens.day, self.closes_after_working_days or 1)
        return at_vietnam(last_day, END_OF_DAY)

    def phase_at(self, now: datetime) -> PeriodPhase:
        """``open`` from ``opens_at`` to ``closes_at`` inclusive, to the second.

        The one rule for the site, its feeds and the comment service. Deadlines
        are written to the minute and a date alone closes at 23:59:59, so a
        comment sent during the last second of the period is still in time.
        """
        now = now.replace(microsecond=0)
        if now < self.opens_at:
            return "upcoming"
        return "open" if now <= self.closes_at else "closed"

    @property
    def commenter_requirement(self) -> str:
        """What a commenter must give, as the notice and the form say it (one wording for both)."""
        details = ("họ tên, địa chỉ và số điện thoại hoặc thư điện tử" if self.require_address
                   else "họ tên và số điện thoại hoặc thư điện tử (địa chỉ nếu có)")
        return f"Ý kiến cần ghi rõ {details} của người góp ý; ý kiến nặc danh không được xem xét."

    @property
    def has_outcome(self) -> bool:
        return any(nominee.outcome for nominee in self.nominees)

    def nominee(self, nominee_id: str) -> Nominee | None:
        return next((nominee for nominee in self.nominees if nominee.id == nominee_id), None)


def short_period_message(count: int, minimum: int) -> str:
    """Why a period of ``count`` working days is refused: the minimum, the count and the rule."""
    rule = _(LEGAL_RULE) if minimum == LEGAL_MINIMUM_WORKING_DAYS else _("minimum_working_days of this batch")
    return ngettext("the period lasts {count} working day, fewer than the minimum of {minimum} ({rule}); "
                    "give the period at least {minimum} working days",
                    "the period lasts {count} working days, fewer than the minimum of {minimum} ({rule}); "
                    "give the period at least {minimum} working days", count).format(
        count=count, minimum=minimum, rule=rule)
