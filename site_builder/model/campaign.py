"""Campaign records (phong trào thi đua): who launched it, when, and what for."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .fields import FieldProblem, ShortText, Slug, Strict, Summary, Text, VnDate
from .i18n import gettext as _
from .record import Record

Scope = Literal["national", "ministry", "province", "local"]
SCOPE_LABELS = {
    "national": "Toàn quốc",
    "ministry": "Bộ, ngành",
    "province": "Cấp tỉnh",
    "local": "Cơ sở",
}


class LaunchDocument(Strict):
    """The directive or plan that launched the campaign."""

    number: ShortText = Field(description='Document number, e.g. "712/QĐ-TTg".')
    date: VnDate = Field(description="Date of the document, dd/mm/yyyy.")
    title: ShortText | None = Field(None, description="Title or subject of the document.")


class Campaign(Record):
    """An emulation campaign: one file in ``exemplars/campaigns/``, named by its id."""

    name: ShortText = Field(description="Name of the campaign.")
    scope: Scope = Field(description="Level: national, ministry, province or local.")
    launched_by: ShortText = Field(description='Who launched it, e.g. "Thủ tướng Chính phủ".')
    launch_document: LaunchDocument = Field(description="The launching document.")
    starts: VnDate = Field(description="Start of the campaign period, dd/mm/yyyy.")
    ends: VnDate | None = Field(None, description="End of the period; empty when ongoing.")
    summary: Summary = Field(description="One or two sentences for listings and share cards.")
    description: Text = Field(description="Description, in Markdown.")
    goals: list[ShortText] = Field(default_factory=list, description="Goals, one line each.")
    aliases: list[Slug] = Field(
        default_factory=list, description="Former ids of this record: their old addresses redirect here."
    )

    @model_validator(mode="after")
    def _period_in_order(self) -> Campaign:
        if self.ends and self.ends < self.starts:
            raise FieldProblem("ends", _("is before the start of the campaign (starts)"))
        return self

    @property
    def scope_label(self) -> str:
        return SCOPE_LABELS[self.scope]

    @property
    def period_label(self) -> str:
        start = self.starts.strftime("%d/%m/%Y")
        return f"{start} – {self.ends:%d/%m/%Y}" if self.ends else f"từ {start}"
