"""Published comment counts: how many comments each nominee of a batch received.

Staff write them with ``site-builder comments counts --output`` into
``<records>/_comment-counts/<batch-id>.yml`` and commit them; the build shows
them on the batch's page as "Đã nhận N ý kiến" (:mod:`site_builder.records.count_files`
reads them). A count written in the batch record itself (``comments_received``)
takes precedence.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from .fields import Slug, Strict

Count = Annotated[int, Field(ge=0)]


class CommentCounts(Strict):
    """How many comments each nominee of a batch received (spam not counted)."""

    batch: Slug = Field(description="The batch id; must be the file's name.")
    counted_at: datetime = Field(description="When the register was counted (ISO 8601).")
    total: Count = Field(description="Comments received for the whole batch.")
    nominees: dict[str, Count] = Field(description="Comments received per nominee id.")
    rule: str | None = Field(None, description="Which comments the figures count, in words (e.g. only those "
                             "received within the period; spam and duplicates left out).")
    published_at: datetime | None = Field(None, description="When the board published (froze) these "
                                          "figures after the close; absent for a mere count.")
