"""Taking in one comment: the checks in order, then one durable write.

The order matters to the citizen: nothing is parsed from an over-limit body or
an over-limit address; the period is checked before the details, so nobody
corrects a form for a closed period; a repeated ``token`` returns its first
receipt even if the period closed since (the comment arrived in time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from starlette.requests import Request

from site_builder.comments.batches import BatchSource, find_batch, find_nominee, require_open
from site_builder.comments.refusals import ServiceError
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import NewComment, Receipt, Store
from site_builder.model.nomination import NominationBatch, Nominee

from .bodies import Fields, parse_fields, read_body
from .offload import call_store
from .spam import RateLimiter, too_fast
from .submission import Submission, Target, check_submission, check_target


@dataclass(frozen=True)
class Accepted:
    """A committed comment and what the receipt page names."""

    receipt: Receipt
    batch: NominationBatch
    nominee: Nominee


class Intake:
    """The ``POST /api/comments`` pipeline, shared by the JSON and form paths."""

    def __init__(self, settings: Settings, store: Store, batches: BatchSource):
        self._settings = settings
        self._store = store
        self._batches = batches
        self._limiter = RateLimiter(settings.spam.rate_limit, settings.spam.rate_window)

    def admit(self, address: str) -> None:
        """429 when ``address`` sent too many comments lately: checked before reading the body."""
        wait = self._limiter.retry_after(address)
        if wait is not None:
            minutes = max(1, round(wait / 60))
            raise ServiceError(429, f"Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại "
                                    f"sau khoảng {minutes} phút.", headers={"Retry-After": str(int(wait) + 1)})

    async def read(self, request: Request) -> Fields:
        """The submitted fields; 413 over the size limit, 400/415/422 when unreadable."""
        body = await read_body(request, self._settings.max_body_bytes)
        return parse_fields(request.headers.get("content-type", ""), body)

    async def take(self, address: str, data: Fields) -> Accepted:
        """Check, store and return the receipt, or raise :class:`ServiceError`.

        One reading of the clock serves the deadline check and ``received_at``, so a
        comment accepted in the last second is never recorded as arriving late.
        """
        now = self._settings.clock()
        target = check_target(data)
        batch = find_batch(self._batches.current(), target.batch)
        nominee = find_nominee(batch, target.nominee)
        await self._check_period(batch, target, now)
        submission = check_submission(data, target, self._settings.limits,
                                      self._settings.spam.honeypot_field)
        self._check_speed(submission, now)
        receipt = await self._save(submission, now)
        if not receipt.replayed:
            self._limiter.record(address)
        return Accepted(receipt, batch, nominee)

    async def _check_period(self, batch: NominationBatch, target: Target, now: datetime) -> None:
        try:
            require_open(batch, now)
        except ServiceError:
            if target.token is None or await call_store(self._store.find_token, target.token) is None:
                raise

    def _check_speed(self, submission: Submission, now: datetime) -> None:
        if too_fast(submission.rendered_at, now, self._settings.spam.min_seconds):
            raise ServiceError(422, "Bạn gửi quá nhanh sau khi mở trang. Vui lòng đọc lại ý kiến và "
                                    "gửi lại sau vài giây.",
                               {"rendered_at": "Gửi quá nhanh sau khi mở biểu mẫu."})

    async def _save(self, submission: Submission, now: datetime) -> Receipt:
        comment = NewComment(
            batch=submission.batch, nominee=submission.nominee, name=submission.name,
            contact=submission.contact, text=submission.text, address=submission.address,
            channel="web", status="spam" if submission.honeypot_filled else "new",
            token=submission.token,
        )
        return await call_store(self._store.add, comment, now)
