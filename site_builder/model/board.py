"""Who runs the site: the board, named once and shown wherever a citizen must know it.

A citizen who tells the board that a nominee's record is untrue takes a risk,
and comments only if they know who receives it. So every page's footer, the
"how to comment" box of each comment period, the privacy notice and the comment
service's own pages name the same board, from one place: the ``board`` setting
of the site_builder plugin in ``mkdocs.yml``.
"""

from __future__ import annotations

from pydantic import Field

from .fields import ShortText, Strict


class Board(Strict):
    """The board of emulation and commendation that publishes the site (plugin option ``board``)."""

    name: ShortText = Field(description='The board\'s name, e.g. "Ban Thi đua – Khen thưởng".')
    parent: ShortText = Field(description='The body it belongs to, with the province, e.g. "Sở Nội vụ tỉnh Ninh Bình".')
    address: ShortText = Field(description="Postal address where letters are received.")
    phone: ShortText = Field(description="The telephone number citizens may call about a comment.")
    email: ShortText = Field(description="The official e-mail address.")
    responsible: ShortText = Field(description="Who is responsible for the content (name and post, or post).")
    retention_months: int = Field(12, ge=1, le=120, description=(
        "Months after a batch's outcome is published before commenters' names and contact details are "
        "erased; the privacy notice quotes it and the comment service enforces it."))

    @property
    def full_name(self) -> str:
        return f"{self.name}, {self.parent}"

    @property
    def phone_link(self) -> str:
        """The number as a ``tel:`` address (digits and a leading +)."""
        return "tel:" + "".join(character for character in self.phone if character.isdigit() or character == "+")
