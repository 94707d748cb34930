"""The HTTP endpoints. Each one reads as a short sequence of calls into plain modules."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.batches import BatchSource, describe, find_batch
from site_builder.comments.refusals import ServiceError
from site_builder.comments.settings import Settings
from site_builder.comments.store.comment_handling import published_figures
from site_builder.comments.store.receipts import normalise_receipt
from site_builder.comments.store.register import Store

from .health import WriteHealth
from .html import render_receipt
from .intake import Accepted, Attempt, Intake, too_many
from .limits import RateLimited, SharedLimiter
from .offload import call_store
from .origins import safe_return_to
from .responses import (
    error_response,
    json_response,
    page_response,
    wants_page,
)

# The public word for a status: what the board concluded, a spam or duplicate mark included, is
# the board's and the council's business; the citizen learns that the comment was looked at.
PUBLIC_STATUS = {"received": "received", "reviewed": "reviewed", "verified": "reviewed",
                 "not_substantiated": "reviewed", "referred": "reviewed", "duplicate": "reviewed",
                 "spam": "reviewed", "off_topic": "reviewed"}


class Views:
    """Endpoint functions bound to one app's settings, store and batches."""

    def __init__(self, settings: Settings, store: Store, batches: BatchSource, origin: str | None,
                 limiter: SharedLimiter, health: WriteHealth):
        self._settings = settings
        self._store = store
        self._batches = batches
        self._origin = origin
        self._limiter = limiter
        self._health = health
        self._intake = Intake(settings, store, batches, limiter, origin, health)

    async def health(self, request: Request) -> Response:
        """200 only when the register takes writes (see :mod:`.health`); 503 otherwise."""
        if not await call_store(self._health.healthy, self._settings.clock()):
            return json_response({"status": "unavailable", "error": "Hệ thống tạm thời không lưu được ý kiến "
                                  "(cơ sở dữ liệu không ghi được). Quản trị viên cần kiểm tra nhật ký dịch vụ."},
                                 503, {"Retry-After": "30"})
        return json_response({"status": "ok", "batches": len(self._batches.current())})

    async def batches(self, request: Request) -> Response:
        now = self._settings.clock()
        return json_response([describe(batch, now) for batch in self._batches.current().values()])

    async def counts(self, request: Request) -> Response:
        batch = find_batch(self._batches.current(), request.path_params["batch"])
        counted = await call_store(self._public_counts, batch.id)
        nominees = {nominee.id: counted.get(nominee.id, 0) for nominee in batch.nominees}
        return json_response({"batch": batch.id, "total": sum(nominees.values()), "nominees": nominees})

    async def receipt(self, request: Request) -> Response:
        await self._admit_lookup(request)
        code = normalise_receipt(request.path_params["code"])
        found = await call_store(self._store.lookup, code) if code else None
        if found is None:
            raise ServiceError(404, "Không tìm thấy ý kiến với mã biên nhận này. Vui lòng kiểm tra lại mã.",
                               {"receipt": "Mã không có trong sổ tiếp nhận."})
        return json_response({
            "receipt": found.code, "status": PUBLIC_STATUS[found.status], "batch": found.batch,
            "nominee": found.nominee, "received_at": found.received_at.isoformat(timespec="seconds"),
        })

    async def comment(self, request: Request) -> Response:
        as_page = wants_page(request)
        attempt = Attempt(client_address(request), self._settings.clock())
        try:
            accepted = await self._intake.take(request, attempt)
        except ServiceError as error:
            return error_response(error, as_page, safe_return_to(attempt.data.get("return_to"), self._origin))
        if as_page:
            return self._receipt_page(accepted, safe_return_to(attempt.data.get("return_to"), self._origin))
        return json_response({"receipt": accepted.receipt.code,
                              "received_at": accepted.receipt.received_at.isoformat(timespec="seconds")},
                             status=201)

    def _public_counts(self, batch_id: str) -> dict[str, int]:
        """The figures the batch published after its close; the running count before."""
        with self._store.transaction() as handle:
            frozen = published_figures(handle, batch_id)
        return frozen.nominees if frozen is not None else self._store.counts(batch_id)

    async def _admit_lookup(self, request: Request) -> None:
        try:
            await call_store(self._limiter.admit_lookup, client_address(request),
                             self._settings.clock().timestamp())
        except RateLimited as limited:
            raise too_many(limited) from None

    def _receipt_page(self, accepted: Accepted, return_to: str | None) -> Response:
        html = render_receipt(accepted.receipt.code, accepted.receipt.received_at, accepted.batch.title,
                              accepted.nominee.name, return_to)
        return page_response(html, 201)


def client_address(request: Request) -> str:
    """The client's address as the server sees it (the proxy's forwarded one, when trusted)."""
    return request.client.host if request.client else "unknown"
