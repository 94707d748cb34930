"""What publishing a batch would freeze, shown before the officer confirms (publishing cannot be undone).

Read in one transaction, with the same rows and the same rule as
:func:`.figures.publish_figures`: per nominee the comments counted and not
counted, how many are still "received" (they would be frozen so), and whether
a published file on disk already says something else (then publishing will
be refused, and the officer learns it before confirming).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from site_builder.comments.store.comment_handling import (
    PublishedRegister,
    counted,
    published_figures,
    published_register,
    register_rows,
)
from site_builder.comments.store.register import Store
from site_builder.model.nomination import NominationBatch

from .figures import planned_files, unhandled_count
from .published_files import PublishedFileDiffers, refuse_changes


@dataclass(frozen=True)
class NomineeFigures:
    id: str
    name: str
    counted: int
    not_counted: int


@dataclass(frozen=True)
class PublicationPreview:
    """One batch's publication as it would be made now."""

    nominees: list[NomineeFigures]
    unhandled: int
    already_published: datetime | None
    conflict: PublishedFileDiffers | None

    @property
    def counted(self) -> int:
        return sum(nominee.counted for nominee in self.nominees)

    @property
    def not_counted(self) -> int:
        return sum(nominee.not_counted for nominee in self.nominees)


def preview_publication(store: Store, batch: NominationBatch, records: Path, now: datetime) -> PublicationPreview:
    """Per nominee, counted and not; the comments still "received"; a conflicting published file."""
    with store.transaction() as handle:
        register = published_register(handle, batch.id) or PublishedRegister(register_rows(handle, batch.id), now, "")
        frozen = published_figures(handle, batch.id)
        figures = frozen.nominees if frozen is not None else counted(handle, batch.id)
        already = register.published_at if register.published_by else None
    unhandled = 0 if already else unhandled_count(register.rows)
    return PublicationPreview(_per_nominee(batch, register), unhandled, already,
                              _conflict(records, batch, figures, frozen.published_at if frozen else now, register))


def _per_nominee(batch: NominationBatch, register: PublishedRegister) -> list[NomineeFigures]:
    names = {nominee.id: nominee.name for nominee in batch.nominees}
    # Comments about a nominee no longer in the record are published too, listed after the others.
    ids = list(names) + sorted({row.nominee for row in register.rows} - set(names))
    return [NomineeFigures(nominee, names.get(nominee, nominee),
                           sum(row.counted for row in register.rows if row.nominee == nominee),
                           sum(not row.counted for row in register.rows if row.nominee == nominee))
            for nominee in ids]


def _conflict(records: Path, batch: NominationBatch, figures: dict[str, int], published_at: datetime,
              register: PublishedRegister) -> PublishedFileDiffers | None:
    try:
        refuse_changes(planned_files(records, batch, figures, published_at, register))
    except PublishedFileDiffers as conflict:
        return conflict
    return None
