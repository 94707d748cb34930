"""Comment periods as the service sees them: read from the same YAML records as the site.

One source of truth: the batches, their nominees and deadlines come from the
records folder through :func:`site_builder.loader.load_records`, so the
service can never accept a comment the published page does not invite.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..loader import load_records
from ..nomination import NominationBatch, Nominee
from ..vntime import VIETNAM
from .errors import ServiceError


def load_batches(folder: Path) -> dict[str, NominationBatch]:
    """Every nomination batch of the records folder, by id (raises ``RecordsInvalid``)."""
    return dict(sorted(load_records(folder).batches.items()))


def describe(batch: NominationBatch, now: datetime) -> dict[str, object]:
    """The public JSON description of one batch (``GET /api/batches``)."""
    return {
        "id": batch.id,
        "title": batch.title,
        "opens": batch.opens_at.isoformat(),
        "closes": batch.closes_at.isoformat(),
        "status": batch.phase_at(now),
        "nominees": [nominee.id for nominee in batch.nominees],
    }


def find_batch(batches: dict[str, NominationBatch], batch_id: str) -> NominationBatch:
    batch = batches.get(batch_id)
    if batch is None:
        raise ServiceError(404, "Không tìm thấy đợt lấy ý kiến này. Vui lòng kiểm tra lại đường dẫn.",
                           {"batch": "Không có đợt lấy ý kiến với mã này."})
    return batch


def find_nominee(batch: NominationBatch, nominee_id: str) -> Nominee:
    nominee = batch.nominee(nominee_id)
    if nominee is None:
        raise ServiceError(404, "Không tìm thấy tập thể hoặc cá nhân này trong đợt lấy ý kiến.",
                           {"nominee": "Không có trong danh sách đề nghị của đợt này."})
    return nominee


def require_open(batch: NominationBatch, now: datetime) -> None:
    """409 with the deadline, in Vietnam time, when the period is not open."""
    status = batch.phase_at(now)
    if status == "upcoming":
        raise ServiceError(409, f"Đợt lấy ý kiến này chưa bắt đầu: nhận góp ý từ "
                                f"{_shown(batch.opens_at)} đến {_shown(batch.closes_at)} (giờ Việt Nam).")
    if status == "closed":
        raise ServiceError(409, f"Đã hết thời hạn góp ý cho đợt này: hạn cuối là "
                                f"{_shown(batch.closes_at)} (giờ Việt Nam).")


def _shown(moment: datetime) -> str:
    """``31/12/2030 23:59``: how deadlines are written on the site."""
    return f"{moment.astimezone(VIETNAM):%d/%m/%Y %H:%M}"
