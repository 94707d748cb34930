"""Publishing a batch's figures after its close: frozen in the register, written for the site.

One action: the counts by the public rule (:data:`site_builder.comments.store.register.COUNTED`)
are stored in ``published_figures`` with the audit entry, in one transaction;
from then on they never change, whatever happens to the comments. The file the
site build reads, ``<records>/_comment-counts/<batch>.yml``, is written from
the frozen figures (again, the same figures, when published twice: that attempt is
audited too, as ``figures-publish-repeated``); someone
still has to commit it (the git host's web page) unless the hourly build on
the server picks the folder up. Publishing before the close is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from site_builder.comments.staff.tally import counts_document, write_counts
from site_builder.comments.store.audit_log import append_audit
from site_builder.comments.store.comment_handling import counted, freeze_figures, published_figures
from site_builder.comments.store.register import Store
from site_builder.model.nomination import NominationBatch
from site_builder.records.count_files import COUNTS_FOLDER


class NotClosed(Exception):
    """The batch's period has not ended: its figures may still change."""

    def __init__(self, batch: NominationBatch):
        super().__init__(f"the comment period of {batch.id} ends {batch.closes_at:%d/%m/%Y %H:%M}: its "
                         "figures can be published only after the close")
        self.vietnamese = (f"Chưa thể công bố: đợt lấy ý kiến này kết thúc lúc "
                           f"{batch.closes_at:%H:%M ngày %d/%m/%Y}. Hãy công bố sau thời điểm đó.")


@dataclass(frozen=True)
class Publication:
    nominees: dict[str, int]
    published_at: datetime
    published_by: str
    path: Path
    first_time: bool

    @property
    def total(self) -> int:
        return sum(self.nominees.values())


def counts_path(records: Path, batch_id: str) -> Path:
    """Where the site build reads a batch's figures."""
    return records / COUNTS_FOLDER / f"{batch_id}.yml"


def publish_figures(store: Store, batch: NominationBatch, records: Path, actor: str,
                    now: datetime) -> Publication:
    """Freeze the figures (the first time) and write the counts file; audited."""
    if batch.phase_at(now) != "closed":
        raise NotClosed(batch)
    with store.transaction() as handle:
        frozen = published_figures(handle, batch.id)
        if frozen is None:
            found = counted(handle, batch.id)
            figures = {nominee.id: found.get(nominee.id, 0) for nominee in batch.nominees}
            freeze_figures(handle, batch.id, figures, now, actor)
            append_audit(handle, now, actor, "figures-published", batch.id, batch=batch.id,
                         new={"total": sum(figures.values()), "nominees": figures})
            frozen = published_figures(handle, batch.id)
            first_time = True
        else:
            append_audit(handle, now, actor, "figures-publish-repeated", batch.id, batch=batch.id,
                         old={"published_at": frozen.published_at.isoformat(),
                              "published_by": frozen.published_by},
                         reason="already published: the frozen figures are written again, unchanged")
            first_time = False
    assert frozen is not None
    path = counts_path(records, batch.id)
    ids = [nominee.id for nominee in batch.nominees]
    write_counts(path, counts_document(batch.id, ids, frozen.nominees, now, frozen.published_at))
    return Publication(frozen.nominees, frozen.published_at, frozen.published_by, path, first_time)
