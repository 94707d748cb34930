"""Comment periods as the service sees them: read from the same YAML records as the site.

One source of truth: the batches, their nominees and deadlines come from the
records folder through :func:`site_builder.records.loader.load_records`, so the
service can never accept a comment the published page does not invite.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from site_builder.model.legal_calendar import CalendarYear
from site_builder.model.nomination import NominationBatch, Nominee
from site_builder.model.vntime import VIETNAM
from site_builder.records.errors import RecordsInvalid
from site_builder.records.loader import KIND_FOLDERS, load_records, record_files

from .refusals import ServiceError

log = logging.getLogger(__name__)
NOMINATIONS = next(folder for folder, kind in KIND_FOLDERS.items() if kind is NominationBatch)
# The legal calendar moves the deadlines counted in working days: its files are watched too.
CALENDAR = next(folder for folder, kind in KIND_FOLDERS.items() if kind is CalendarYear)


def load_batches(folder: Path) -> dict[str, NominationBatch]:
    """Every nomination batch of the records folder, by id (raises ``RecordsInvalid``)."""
    return dict(sorted(load_records(folder).batches.items()))


class BatchSource:
    """The batches of a records folder, read again when a nomination file changes.

    Staff publish a new or changed comment period by updating the records
    folder; no restart is needed. At most every ``check_every`` seconds a
    request looks at the nomination and calendar files' names, sizes and times; on a change
    the records are read again in a thread of their own (at 10,000 records that
    takes seconds), and requests meanwhile see the batches as they were. Records
    that do not validate leave the batches as they were, with the report logged:
    the site's build refuses them too, so the published pages show the old ones.
    The first reading is done at once and raises ``RecordsInvalid``.
    """

    def __init__(self, folder: Path, check_every: float = 5.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.folder = folder
        self.check_every = check_every
        self._monotonic = monotonic
        self._seen = _nomination_files(folder)
        self._batches = load_batches(folder)
        self._next_check = monotonic() + check_every
        self._reading: threading.Thread | None = None

    def current(self) -> dict[str, NominationBatch]:
        now = self._monotonic()
        if now >= self._next_check and self._reading is None:
            self._next_check = now + self.check_every
            found = _nomination_files(self.folder)
            if found != self._seen:
                self._reading = threading.Thread(target=self._read_again, args=(found,), daemon=True,
                                                 name="read-batches")
                self._reading.start()
        return self._batches

    def settle(self, timeout: float | None = None) -> None:
        """Wait for a reading under way to end (tests; a service never needs to)."""
        reading = self._reading
        if reading is not None:
            reading.join(timeout)

    def _read_again(self, found: tuple) -> None:
        try:
            self._batches = load_batches(self.folder)
            log.info("Comment periods read again: %d batches", len(self._batches))
        except RecordsInvalid as exc:
            log.error("The records have problems; the comment periods stay as they were:\n%s", exc)
        except Exception:  # noqa: BLE001 - a thread's error would otherwise vanish
            log.exception("Reading the comment periods again failed; they stay as they were")
        finally:
            self._seen = found  # a file changed again meanwhile is seen at the next check
            self._reading = None


def _nomination_files(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every nomination and calendar file: what a publication changes."""
    found = []
    for path in record_files(folder / NOMINATIONS) + record_files(folder / CALENDAR):  # none when missing
        try:
            status = path.stat()
        except OSError:  # removed meanwhile
            continue
        found.append((str(path), status.st_size, status.st_mtime_ns))
    return tuple(found)


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
