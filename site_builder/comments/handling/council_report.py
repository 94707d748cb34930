"""The council's report on one batch: what the Word and Excel files say, gathered once.

Per nominee: the number of comments by status, and a summary line for each
comment the council considers (:data:`.status_changes.CONSIDERED`). The
commenters' names and contacts are in it only when the officer ticks "for the
council" (``for_council``); the report being made is audited, in the same
transaction as the reading, with the format and whether contacts were in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from site_builder.comments.store.audit_log import append_audit
from site_builder.comments.store.comment_handling import HandledComment, comments_of
from site_builder.comments.store.register import COUNTING_RULE, STATUSES, Store
from site_builder.model.board import Board
from site_builder.model.receipt_register import NEVER_COUNTED
from site_builder.model.nomination import NominationBatch

from .status_changes import CONSIDERED

Format = Literal["docx", "xlsx"]
# Why a comment is not counted, in the public rule's order (register.COUNTED, and the published
# register's reasons): spam and duplicates whatever their date, then the date outside the period.
UNCOUNTED = ("outside_period", "spam", "duplicate")
SUMMARY_LENGTH = 300  # characters of a comment's text on its summary line


@dataclass(frozen=True)
class Issuer:
    """Who files the report: the board (from the service's settings) or the batch's proposer."""

    parent: str
    name: str


@dataclass(frozen=True)
class Line:
    """One considered comment, summarised; ``commenter`` only for the council."""

    receipt: str
    received_at: datetime
    channel: str
    status: str
    reason: str | None
    summary: str
    outside_period: bool
    commenter: str | None


@dataclass(frozen=True)
class Section:
    nominee_id: str
    name: str
    award: str
    counts: dict[str, int]
    lines: list[Line]
    uncounted: dict[str, int] = field(default_factory=dict)  # by :data:`UNCOUNTED` reason

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def counted(self) -> int:
        """What the public figures count of this nominee: the total less every uncounted one."""
        return self.total - sum(self.uncounted.values())


@dataclass(frozen=True)
class CouncilReport:
    issuer: Issuer
    batch: NominationBatch
    made_at: datetime
    for_council: bool
    sections: list[Section]
    rule: str = COUNTING_RULE

    def totals(self) -> dict[str, int]:
        return {status: sum(section.counts.get(status, 0) for section in self.sections) for status in STATUSES}

    def uncounted_totals(self) -> dict[str, int]:
        return {why: sum(section.uncounted.get(why, 0) for section in self.sections) for why in UNCOUNTED}


def issuer_of(batch: NominationBatch, board: Board | None) -> Issuer:
    """The board's identity when the service knows it, else the body that proposed the batch."""
    if board is not None:
        return Issuer(board.parent, board.name)
    return Issuer(batch.proposed_by, "")


def gather_report(store: Store, batch: NominationBatch, board: Board | None, for_council: bool,
                  report_format: Format, actor: str, now: datetime) -> CouncilReport:
    """Read the batch's comments and record, in the same transaction, that the report was made."""
    with store.transaction() as handle:
        comments = comments_of(handle, batch.id)
        append_audit(handle, now, actor, "report-made", batch.id, batch=batch.id,
                     new={"format": report_format, "for_council": for_council, "comments": len(comments)})
    sections = [_section(nominee, [c for c in comments if c.nominee == nominee.id], for_council)
                for nominee in batch.nominees]
    return CouncilReport(issuer_of(batch, board), batch, now, for_council, sections)


def report_bytes(report: CouncilReport, report_format: Format) -> bytes:
    """The report as a Word (``docx``) or Excel (``xlsx``) file."""
    if report_format == "docx":
        from .report_word import report_docx

        return report_docx(report)
    from .report_sheets import report_xlsx

    return report_xlsx(report)


def _section(nominee, comments: list[HandledComment], for_council: bool) -> Section:
    counts: dict[str, int] = {}
    uncounted: dict[str, int] = {}
    for comment in comments:
        counts[comment.status] = counts.get(comment.status, 0) + 1
        why = uncounted_reason(comment)
        if why is not None:
            uncounted[why] = uncounted.get(why, 0) + 1
    lines = [_line(comment, for_council) for comment in comments if comment.status in CONSIDERED]
    return Section(nominee.id, nominee.name, nominee.award, counts, lines, uncounted)


def uncounted_reason(comment: HandledComment) -> str | None:
    """Why the public figures leave ``comment`` out (one of :data:`UNCOUNTED`), or ``None``."""
    if comment.status in NEVER_COUNTED:
        return comment.status
    return "outside_period" if comment.outside_period else None


def _line(comment: HandledComment, for_council: bool) -> Line:
    text = " ".join(comment.text.split())
    summary = text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH - 1].rstrip() + "…"
    commenter = None
    if for_council:
        commenter = ", ".join(part for part in (comment.name, comment.contact, comment.address) if part)
    return Line(comment.receipt, comment.received_at, comment.channel, comment.status, comment.status_reason,
                summary, comment.outside_period, commenter or None)
