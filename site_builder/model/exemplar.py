"""Exemplar records (điển hình tiên tiến): an individual or a collective and their story."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from .fields import (
    KIND_LABELS,
    Decision,
    FieldProblem,
    Kind,
    PackedText,
    Place,
    ShortText,
    Slug,
    Strict,
    Summary,
    Text,
    VnDate,
    WebAddress,
)
from .i18n import gettext as _
from .record import Record

PriorityGroup = Literal[
    "worker", "farmer", "direct_producer", "small_collective",
    "remote_area", "ethnic_minority", "courage",
]
PRIORITY_LABELS = {
    "worker": "Công nhân, người lao động",
    "farmer": "Nông dân",
    "direct_producer": "Người trực tiếp sản xuất",
    "small_collective": "Tập thể nhỏ",
    "remote_area": "Vùng sâu, vùng xa, biên giới, hải đảo",
    "ethnic_minority": "Đồng bào dân tộc thiểu số",
    "courage": "Hành động dũng cảm",
}


class Revocation(Decision):
    """The decision that annulled an honour (the law's chapter on violations)."""

    reason: ShortText | None = Field(None, description="Why the honour was revoked, as stated in the decision.")


class Honour(Strict):
    """An emulation title or a form of commendation received."""

    award: ShortText = Field(description='Title or form of commendation, e.g. "Huân chương Lao động".')
    grade: ShortText | None = Field(None, description='Class, e.g. "hạng Ba".')
    decision: Decision = Field(description="The award decision.")
    revoked: Revocation | None = Field(None, description="The revoking decision, if the honour was annulled.")

    @property
    def label(self) -> str:
        return f"{self.award} {self.grade}" if self.grade else self.award

    @property
    def year(self) -> int:
        return self.decision.date.year


class Photo(Strict):
    """A photo with the text a screen reader says and the credit media must print."""

    file: Text = Field(description="Image path, relative to the records folder.")
    alt: Text = Field(description="What the photo shows, for people who cannot see it.")
    caption: ShortText | None = Field(None, description="Caption shown under the photo.")
    credit: ShortText = Field(description='Who took it, e.g. "Ảnh: Báo Nam Định".')


class Source(Strict):
    """A link to where the facts come from (a newspaper article, a decision)."""

    title: ShortText = Field(description="Link text.")
    url: WebAddress = Field(description="Web address (https://…).")


class Exemplar(Record):
    """An advanced exemplar: one file in ``exemplars/``, named by its id."""

    kind: Kind = Field(description="individual (cá nhân) or collective (tập thể).")
    name: ShortText = Field(description="Full name of the person or the collective.")
    position: ShortText | None = Field(None, description="Position (required for an individual).")
    unit: ShortText | None = Field(None, description="Unit or workplace (required for an individual).")
    ethnicity: ShortText | None = Field(None, description="Ethnic group, when the story concerns it.")
    place: Place = Field(description="Where, named as it was at the time.")
    sector: ShortText = Field(description='Sector or field, e.g. "Nông nghiệp".')
    priority_groups: list[PriorityGroup] = Field(
        default_factory=list, description="Groups the law gives priority to: " + ", ".join(PRIORITY_LABELS) + "."
    )
    summary: Summary = Field(description="One or two sentences for listings, share cards and the press kit (20–400 characters, at most 60 words).")
    story: PackedText = Field(description="The story, in Markdown.")
    honours: list[Honour] = Field(default_factory=list, description="Honours received.")
    campaigns: list[Slug] = Field(default_factory=list, description="Ids of the campaigns it belongs to.")
    photos: list[Photo] = Field(default_factory=list, description="Photos, the first one is the main photo.")
    sources: list[Source] = Field(default_factory=list, description="Sources and links.")
    published: VnDate = Field(description="Publication date, dd/mm/yyyy; a later day than the build's holds the record back until that day.")
    updated: VnDate | None = Field(None, description="Date of the last meaningful update, dd/mm/yyyy.")
    aliases: list[Slug] = Field(
        default_factory=list, description="Former ids of this record: their old addresses redirect here."
    )

    @model_validator(mode="after")
    def _individual_has_position_and_unit(self) -> Exemplar:
        if self.kind == "individual":
            for field_name in ("position", "unit"):
                if getattr(self, field_name) is None:
                    raise FieldProblem(field_name, _("is required for an individual"))
        if self.updated and self.updated < self.published:
            raise FieldProblem("updated", _("is earlier than the publication date"))
        return self

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def last_modified(self) -> date:
        return self.updated or self.published

    @property
    def active_honours(self) -> list[Honour]:
        return [honour for honour in self.honours if honour.revoked is None]

    @property
    def main_honour(self) -> Honour | None:
        """The most recent honour still in force, shown in listings."""
        honours = sorted(self.active_honours, key=lambda honour: honour.decision.date)
        return honours[-1] if honours else None

    @property
    def priority_labels(self) -> list[str]:
        return [PRIORITY_LABELS[group] for group in self.priority_groups]

