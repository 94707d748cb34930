"""Publishing a batch's figures after its close: frozen in the register, written for the site.

One action: the counts by the public rule (:data:`site_builder.comments.store.register.COUNTED`)
are stored in ``published_figures``, and the batch's public register of receipts
(one row per comment: code, nominee, day, status, counted — nothing personal)
in ``published_receipts``, with their audit entries, in one transaction; from
then on they never change, whatever happens to the comments. The files the site
build reads, ``<records>/_comment-counts/<batch>.yml`` and
``<records>/_comment-register/<batch>.yml``, are written from the frozen rows
(again, the same files, when published twice: that attempt is audited
too, as ``figures-publish-repeated``); someone still has to commit them
(the git host's web page) unless the hourly build on the server picks the folder
up. Publishing before the close is refused.

A batch whose figures an earlier release froze gets its register at the next
publication, frozen then — only if its counted rows still equal the frozen
figures (otherwise the site would show two numbers, and publishing is refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from site_builder.comments.staff.tally import counts_document, write_counts
from site_builder.comments.store.audit_log import append_audit
from site_builder.comments.store.comment_handling import (
    Published,
    PublishedReceipt,
    PublishedRegister,
    counted,
    freeze_figures,
    freeze_register,
    published_figures,
    published_register,
    register_rows,
)
from site_builder.comments.store.handle import Handle
from site_builder.comments.store.register import Store
from site_builder.model.i18n import Explained, Phrase
from site_builder.model.i18n import mark as N_
from site_builder.model.nomination import NominationBatch
from site_builder.records.count_files import COUNTS_FOLDER
from site_builder.records.register_files import REGISTER_FOLDER

from .published_files import COUNTS_KEYS, REGISTER_KEYS, Planned, refuse_changes
from .register_writer import register_document, register_path, write_register


class NotClosed(Explained):
    """The batch's period has not ended: its figures may still change."""

    def __init__(self, batch: NominationBatch):
        ends = {"clock": f"{batch.closes_at:%H:%M}", "day": f"{batch.closes_at:%d/%m/%Y}"}
        super().__init__(Phrase(N_("the comment period of {batch} ends at {clock} on {day}: its figures can be "
                                   "published only after the close; run the command again then"),
                                batch=batch.id, **ends),
                         Phrase(N_("Not yet: this comment period ends at {clock} on {day}. Publish after that "
                                   "moment."), **ends))


class RegisterDiffers(Explained):
    """Figures frozen by an earlier release no longer match the comments: no register can agree with them."""

    def __init__(self, batch_id: str, differences: dict[str, tuple[int, int]]):
        self.differences = differences
        listed = tuple(Phrase(N_("{nominee}: {rows} counted now, {figure} published"), nominee=nominee, rows=rows,
                              figure=figure) for nominee, (rows, figure) in sorted(differences.items()))
        super().__init__(Phrase(N_("the register of {batch} cannot be published: its counted comments differ "
                                   "from the published figures ({listed}); ask the system administrator"),
                                batch=batch_id, listed=listed),
                         Phrase(N_("The register of comments cannot be published: the comments counted differ "
                                   "from the published figures ({listed}). Contact the system administrator."),
                                listed=listed))


class UnhandledComments(Explained):
    """Comments still "received" would be frozen so; the officer has not said that this is intended."""

    def __init__(self, batch_id: str, count: int):
        super().__init__(
            Phrase(N_("{count} comment(s) of {batch} are still received (not handled): publishing would freeze "
                      "them so in the public register; nothing was published. Handle them first (site-builder "
                      "comments moderate), or add --yes to publish anyway"), count=count, batch=batch_id),
            Phrase(N_("{count} comment(s) are still “received”, not handled: published now, they would be "
                      "frozen in the public register as “received” and could not be changed. Handle "
                      "them first, or tick the box to publish anyway."), count=count))
        self.count = count


@dataclass(frozen=True)
class Publication:
    nominees: dict[str, int]
    published_at: datetime
    published_by: str
    path: Path
    first_time: bool
    register_path: Path
    receipts: int

    @property
    def total(self) -> int:
        return sum(self.nominees.values())


def counts_path(records: Path, batch_id: str) -> Path:
    """Where the site build reads a batch's figures."""
    return records / COUNTS_FOLDER / f"{batch_id}.yml"


def publish_figures(store: Store, batch: NominationBatch, records: Path, actor: str,
                    now: datetime, accept_unhandled: bool = False) -> Publication:
    """Freeze the figures and the register of receipts (the first time) and write their files; audited.

    Refused, with nothing frozen or written, before the close, when comments still "received" would
    be frozen and ``accept_unhandled`` is false, and when a published file says something else.
    """
    if batch.phase_at(now) != "closed":
        raise NotClosed(batch)
    with store.transaction() as handle:
        if not accept_unhandled and published_register(handle, batch.id) is None:
            _refuse_unhandled(handle, batch.id)
        frozen, first_time = _frozen_figures(handle, batch, actor, now)
        register = published_register(handle, batch.id) or _freeze_register(handle, batch.id, frozen.nominees,
                                                                             now, actor)
        planned = planned_files(records, batch, frozen.nominees, frozen.published_at, register)
        refuse_changes(planned)  # inside the transaction: a refusal leaves nothing frozen
    for one in planned:
        (write_counts if one.keys == COUNTS_KEYS else write_register)(one.path, one.document)
    return Publication(frozen.nominees, frozen.published_at, frozen.published_by, planned[1].path, first_time,
                       planned[0].path, len(register.rows))


def planned_files(records: Path, batch: NominationBatch, figures: dict[str, int], published_at: datetime,
                  register: PublishedRegister) -> list[Planned]:
    """The counts file and the register file a publication writes (the counts' moment is the
    publication's, so publishing again writes the same bytes)."""
    ids = [nominee.id for nominee in batch.nominees]
    counts = counts_document(batch.id, ids, figures, published_at, published_at)
    rows = register_document(batch.id, register.rows, register.published_at)
    # The register first: a refusal names the file whose receipt codes citizens hold.
    return [Planned(register_path(records, batch.id), f"{REGISTER_FOLDER}/{batch.id}.yml", rows, REGISTER_KEYS),
            Planned(counts_path(records, batch.id), f"{COUNTS_FOLDER}/{batch.id}.yml", counts, COUNTS_KEYS)]


def _refuse_unhandled(handle: Handle, batch_id: str) -> None:
    unhandled = unhandled_count(register_rows(handle, batch_id))
    if unhandled:
        raise UnhandledComments(batch_id, unhandled)


def unhandled_count(rows: list[PublishedReceipt]) -> int:
    """The comments still "received" (no officer has handled them) among ``rows``."""
    return sum(row.status == "received" for row in rows)


def _frozen_figures(handle: Handle, batch: NominationBatch, actor: str, now: datetime) -> tuple[Published, bool]:
    """The batch's frozen figures, frozen now (and audited) if they were not; whether they were not."""
    frozen = published_figures(handle, batch.id)
    if frozen is None:
        found = counted(handle, batch.id)
        figures = {nominee.id: found.get(nominee.id, 0) for nominee in batch.nominees}
        freeze_figures(handle, batch.id, figures, now, actor)
        append_audit(handle, now, actor, "figures-published", batch.id, batch=batch.id,
                     new={"total": sum(figures.values()), "nominees": figures})
        return Published(figures, now, actor), True
    append_audit(handle, now, actor, "figures-publish-repeated", batch.id, batch=batch.id,
                 old={"published_at": frozen.published_at.isoformat(), "published_by": frozen.published_by},
                 reason="already published: the frozen figures are written again, unchanged")
    return frozen, False


def _freeze_register(handle: Handle, batch_id: str, figures: dict[str, int], now: datetime,
                     actor: str) -> PublishedRegister:
    """The batch's rows as they are now, frozen and audited; refused if they disagree with ``figures``."""
    rows = register_rows(handle, batch_id)
    per_nominee: dict[str, int] = {}
    for row in rows:
        per_nominee[row.nominee] = per_nominee.get(row.nominee, 0) + row.counted
    differences = {nominee: (per_nominee.get(nominee, 0), figures.get(nominee, 0))
                   for nominee in set(per_nominee) | set(figures)
                   if per_nominee.get(nominee, 0) != figures.get(nominee, 0)}
    if differences:
        raise RegisterDiffers(batch_id, differences)
    freeze_register(handle, batch_id, rows, now, actor)
    append_audit(handle, now, actor, "register-published", batch_id, batch=batch_id,
                 new={"receipts": len(rows), "counted": sum(row.counted for row in rows)})
    return PublishedRegister(rows, now, actor)
