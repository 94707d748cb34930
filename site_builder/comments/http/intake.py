"""Taking in one comment: the checks in order, then one durable write.

The order matters to the citizen and to the register:

0. **origin** (403): a post from another site's page is refused before it
   costs anything, and before it can use up the visitor's own rate limit
   (:mod:`.origins`);
1. **admission** (429): a rate-limit slot is taken before the body is read, so
   nothing is parsed for a client over its limit, and requests in flight
   together cannot all slip under it (:mod:`.limits`); a client that sent too
   many invalid posts is refused here too;
2. **body** (413/400/415): size first, on the raw bytes, then parsing;
3. **target** (404): the batch and nominee, since nothing else matters if they are wrong;
4. **period** (409): before the details, so nobody corrects a form for a closed
   period; a repeated ``token`` still returns its first receipt (the comment
   arrived in time);
5. **fields** (422), all problems at once, then the **minimum time** (422);
6. **the write**, which returns the first receipt for a repeated token, and for
   the same comment sent again within ``duplicate_window`` (a reload, a second
   tap, with or without a token): the check and the insert are one transaction
   of the register, so a burst of identical posts stores one comment.

A request refused at any step after admission gives its slot back, and a post
refused for what it sent counts against the client's looser limit of invalid
posts; a replayed token or resend gives the slot back as well, since nothing was stored.
The whole request works with one reading of the clock, taken by the view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from starlette.requests import Request

from site_builder.comments.batches import BatchSource, find_batch, find_nominee, require_open
from site_builder.comments.refusals import ServiceError
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import NewComment, Receipt, Slot, Store, StoreUnavailable
from site_builder.model.nomination import NominationBatch, Nominee

from .bodies import Fields, parse_fields, read_body
from .health import WriteHealth
from .limits import INVALID, RateLimited, SharedLimiter
from .offload import call_store
from .origins import check_post_origin
from .spam import too_fast
from .submission import Submission, Target, check_submission, check_target

# Refusals that are not the sender's doing: they do not count as invalid posts.
_NOT_THE_SENDERS_FAULT = {429, 500, 503}


@dataclass(frozen=True)
class Accepted:
    """A committed comment and what the receipt page names."""

    receipt: Receipt
    batch: NominationBatch
    nominee: Nominee


@dataclass
class Attempt:
    """One post as far as it got: the fields read, for the form shown again on a refusal."""

    address: str
    now: datetime
    data: Fields = field(default_factory=dict)


class Intake:
    """The ``POST /api/comments`` pipeline, shared by the JSON and form paths."""

    def __init__(self, settings: Settings, store: Store, batches: BatchSource, limiter: SharedLimiter,
                 origin: str | None, health: WriteHealth):
        self._origin = origin
        self._health = health
        self._settings = settings
        self._store = store
        self._batches = batches
        self._limiter = limiter

    async def take(self, request: Request, attempt: Attempt) -> Accepted:
        """Admit, read, check, store and return the receipt, or raise :class:`ServiceError`."""
        check_post_origin(request.headers, self._origin, f"{request.url.scheme}://{request.url.netloc}".lower())
        slot = await self._admit(attempt)
        try:
            attempt.data = await self._read(request)
            accepted = await self._check_and_save(attempt.data, attempt.now)
        except ServiceError as error:
            await self._give_back(slot, attempt, invalid=error.status not in _NOT_THE_SENDERS_FAULT)
            raise
        if accepted.receipt.replayed:
            await self._give_back(slot, attempt, invalid=False)
        return accepted

    async def _admit(self, attempt: Attempt) -> Slot | None:
        """429 when the client sent too many posts lately: checked before reading the body."""
        try:
            return await call_store(self._limiter.admit_comment, attempt.address, attempt.now.timestamp())
        except RateLimited as limited:
            raise too_many(limited) from None

    async def _give_back(self, slot: Slot | None, attempt: Attempt, invalid: bool) -> None:
        await call_store(self._limiter.give_back, slot, attempt.address, attempt.now.timestamp(), invalid)

    async def _read(self, request: Request) -> Fields:
        """The submitted fields; 413 over the size limit, 400/415/422 when unreadable."""
        body = await read_body(request, self._settings.max_body_bytes)
        return parse_fields(request.headers.get("content-type", ""), body)

    async def _check_and_save(self, data: Fields, now: datetime) -> Accepted:
        target = check_target(data)
        batch = find_batch(self._batches.current(), target.batch)
        nominee = find_nominee(batch, target.nominee)
        await self._check_period(batch, target, now)
        submission = check_submission(data, target, self._settings.limits,
                                      self._settings.spam.honeypot_field, batch.require_address)
        self._check_speed(submission, now)
        receipt = await self._save(submission, now)
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
            channel="web", status="spam" if submission.honeypot_filled else "received",
            token=submission.token,
        )
        try:
            receipt = await call_store(self._store.add, comment, now, self._resends_since(now))
        except ServiceError as error:
            if isinstance(error.__cause__, StoreUnavailable):
                self._health.refused(error.__cause__)
            raise
        self._health.wrote()
        return receipt

    def _resends_since(self, now: datetime) -> datetime | None:
        """From when an identical comment counts as a resend (``None``: dedup switched off)."""
        window = self._settings.duplicate_window
        return now - timedelta(seconds=window) if window > 0 else None


def too_many(limited: RateLimited) -> ServiceError:
    """429 with ``Retry-After`` and, in Vietnamese, what the client should do."""
    minutes = max(1, round(limited.retry_after / 60))
    if limited.bucket == INVALID:
        message = (f"Bạn đã gửi nhiều lần chưa hợp lệ trong thời gian ngắn. Vui lòng kiểm tra lại "
                   f"thông tin và thử lại sau khoảng {minutes} phút.")
    elif limited.bucket == "lookups":
        message = f"Bạn đã tra cứu nhiều lần trong thời gian ngắn. Vui lòng thử lại sau khoảng {minutes} phút."
    else:
        message = (f"Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại "
                   f"sau khoảng {minutes} phút.")
    return ServiceError(429, message, headers={"Retry-After": str(int(limited.retry_after) + 1)})
