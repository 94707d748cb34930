"""A batch's public register of receipts, published with its figures after the close.

One row per comment of the batch: the receipt code, the nominee, the date it was
received and how the board handled it, and whether the public figures count it.
Nothing about the commenter: no name, contact, address or text. The comment
service writes it into ``<records>/_comment-register/<batch-id>.yml`` when the
board publishes the batch's figures (:mod:`site_builder.comments.handling.figures`),
from rows frozen in its register at the first publication; the build reads it
(:mod:`site_builder.records.register_files`), checks it against the published
counts and publishes it on the site and as open data.

The register is a file of its own, not part of the counts file: the counts file
stays a few lines that staff can read, while a register can hold thousands of
rows (one line each).

Which statuses exist is the comment service's business
(:data:`site_builder.comments.store.register.STATUSES`; a test keeps the two lists
equal); here each has its public words.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PrivateAttr, model_validator

from .fields import FieldProblem, Slug, Strict
from .i18n import gettext as _
from .uncounted_reasons import UncountedReason, uncounted_reason

RegisterStatus = Literal["received", "reviewed", "verified", "not_substantiated", "referred", "duplicate",
                         "spam", "off_topic"]

# The console's statuses in the words the public reads (received and reviewed as a citizen's receipt says them).
STATUS_WORDS: dict[str, str] = {
    "received": "Đã tiếp nhận",
    "reviewed": "Đang xem xét",
    "verified": "Đã xác minh, đúng",
    "not_substantiated": "Không có cơ sở",
    "referred": "Chuyển cơ quan có thẩm quyền",
    "duplicate": "Trùng lặp",
    "spam": "Thư rác",
    "off_topic": "Không đúng nội dung lấy ý kiến",
}
# Never counted, whatever the date (the public rule: site_builder.comments.store.register.COUNTED).
NEVER_COUNTED = frozenset({"spam", "duplicate"})

# A canonical receipt code, as the service hands it out (site_builder.comments.store.receipts; a test keeps
# the alphabets equal).
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_CODE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def _check_code(value: str) -> str:
    if not RECEIPT_CODE.match(value):
        raise ValueError(_('"{value}" is not a receipt code such as K7QX-M4TN (8 letters and digits, '
                           "upper case, a hyphen in the middle)").format(value=value))
    return value


ReceiptCode = Annotated[str, AfterValidator(_check_code)]


class RegisterRow(Strict):
    """One comment as the public register shows it."""

    receipt: ReceiptCode = Field(description="The receipt code the commenter was given.")
    nominee: Slug = Field(description="The id of the nominee the comment is about.")
    received: date = Field(description="The day the comment was received, Vietnam time (ISO 8601); for a "
                           "letter or a call, the date on it.")
    status: RegisterStatus = Field(description="How the board handled it: " + ", ".join(STATUS_WORDS) + ".")
    counted: bool = Field(description="Whether the published figures count it (received within the period, "
                          "neither spam nor a duplicate).")

    @property
    def status_text(self) -> str:
        return STATUS_WORDS[self.status]


class ReceiptRegister(Strict):
    """A batch's register of receipts, frozen when its figures were published."""

    batch: Slug = Field(description="The batch id; must be the file's name.")
    published_at: datetime = Field(description="When the board published the figures and this register.")
    rule: str | None = Field(None, description="Which comments the figures count, in words.")
    receipts: list[RegisterRow] = Field(description="One row per comment of the batch, by receipt code.")
    _digest: str = PrivateAttr("")
    _period: tuple[datetime, datetime] | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _rows_agree(self) -> ReceiptRegister:
        seen: set[str] = set()
        for number, row in enumerate(self.receipts):
            if row.receipt in seen:
                raise FieldProblem(("receipts", number, "receipt"), _("the receipt {code} is listed twice").format(
                    code=row.receipt))
            seen.add(row.receipt)
            if row.counted and row.status in NEVER_COUNTED:
                raise FieldProblem(("receipts", number, "counted"),
                                   _("a comment marked {status} is never counted: set counted to false").format(
                                       status=row.status))
        return self

    @property
    def digest(self) -> str:
        """What the rows made from this register depend on (the file and its batch), set by the loader."""
        return self._digest

    def bind(self, digest: str, period: tuple[datetime, datetime] | None = None) -> None:
        """Set by the loader: the digest, and the batch's period (opening, close) the reasons need."""
        self._digest = digest
        self._period = period

    def reason(self, row: RegisterRow) -> UncountedReason | None:
        """Why the register does not count ``row`` (``None`` when it does), from its batch's period."""
        if self._period is None:
            raise RuntimeError("the register's batch period is bound by the loader (bind) before its reasons")
        return uncounted_reason(row.status, row.counted, row.received, *self._period)

    def counted_per_nominee(self) -> dict[str, int]:
        """The counted rows of each nominee (nominees without any are absent)."""
        found: dict[str, int] = {}
        for row in self.receipts:
            if row.counted:
                found[row.nominee] = found.get(row.nominee, 0) + 1
        return found

    def sorted_rows(self) -> list[RegisterRow]:
        """By receipt code, so that a citizen finds theirs."""
        return sorted(self.receipts, key=lambda row: row.receipt)
