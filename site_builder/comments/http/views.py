"""The HTTP endpoints. Each one reads as a short sequence of calls into plain modules."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.batches import BatchSource, describe, find_batch, find_nominee
from site_builder.comments.refusals import ServiceError
from site_builder.comments.settings import Settings
from site_builder.comments.store.comment_handling import PublishedReceipt, published_figures, published_receipt
from site_builder.comments.store.receipts import normalise_receipt
from site_builder.comments.store.register import ReceiptStatus, Store

from .answers import answer_for
from .health import WriteHealth
from .html import STYLESHEET, Answer, FormAgain, Frame, render_form_again, render_lookup, render_receipt
from .intake import Attempt, Intake, too_many
from .limits import RateLimited, SharedLimiter
from .offload import call_store
from .origins import safe_return_to
from .responses import error_response, json_response, page_response, see_other, wants_page

# The public word for a status: what the board concluded, a spam or duplicate mark included, is
# the board's and the council's business; the citizen learns that the comment was looked at.
PUBLIC_STATUS = {"received": "received", "reviewed": "reviewed", "verified": "reviewed",
                 "not_substantiated": "reviewed", "referred": "reviewed", "duplicate": "reviewed",
                 "spam": "reviewed", "off_topic": "reviewed"}
NOT_FOUND = "Không tìm thấy ý kiến với mã biên nhận này."
NOT_A_CODE = "Mã này không đúng dạng mã biên nhận."


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
        self._frame = Frame(settings.board, settings.site_url or (f"{origin}/" if origin else None))
        self._stylesheet = STYLESHEET.read_bytes()

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

    async def stylesheet(self, request: Request) -> Response:
        """The pages' stylesheet: the same for everyone, so it may be cached."""
        return Response(self._stylesheet, media_type="text/css; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"})

    async def receipt(self, request: Request) -> Response:
        """The JSON look-up (the site's look-up page asks it): the state in words, names, the date."""
        found = await self._find(request, request.path_params["code"])
        if found is None:
            raise ServiceError(404, f"{NOT_FOUND} Vui lòng kiểm tra lại mã.",
                               {"receipt": "Mã không có trong sổ tiếp nhận."})
        answer = await self._answer(found)
        return json_response({
            "receipt": found.code, "status": PUBLIC_STATUS[found.status], "batch": found.batch,
            "nominee": found.nominee, "received_at": found.received_at.isoformat(timespec="seconds"),
            "state": answer.state, "state_text": answer.state_text, "state_help": answer.state_help,
            "batch_title": answer.batch_title, "nominee_name": answer.nominee_name,
            "received_on": answer.received_on, "counted": answer.counted, "not_counted_reason_text": answer.reason,
        })

    async def receipt_page(self, request: Request) -> Response:
        """``/bien-nhan/CODE``: where a plain form post is sent (303); safe to reload and bookmark."""
        frame = self._frame.at("../", safe_return_to(request.query_params.get("ve"), self._origin))
        found = await self._find(request, request.path_params["code"], frame)
        if found is None:
            raise PageError(frame, ServiceError(404, f"{NOT_FOUND} Vui lòng kiểm tra lại địa chỉ trang."))
        return page_response(render_receipt(frame, await self._answer(found)), 200)

    async def lookup_page(self, request: Request) -> Response:
        """``/tra-cuu?ma=CODE``: the code box, and the answer in words; forgiving how the code is typed."""
        frame = self._frame
        typed = request.query_params.get("ma", "").strip()[:40]
        if not typed:
            return page_response(render_lookup(frame, "", None, None), 200)
        if normalise_receipt(typed) is None:
            return page_response(render_lookup(frame, typed, None, NOT_A_CODE), 404)
        found = await self._find(request, typed, frame)
        if found is None:
            return page_response(render_lookup(frame, typed, None, NOT_FOUND), 404)
        answer = await self._answer(found)
        return page_response(render_lookup(frame, answer.code, answer, None), 200)

    async def comment(self, request: Request) -> Response:
        as_page = wants_page(request)
        attempt = Attempt(client_address(request), self._settings.clock())
        try:
            accepted = await self._intake.take(request, attempt)
        except ServiceError as error:
            return self._refused(error, attempt) if as_page else error_response(error)
        if as_page:
            return see_other(self._receipt_address(accepted.receipt.code, attempt))
        return json_response({"receipt": accepted.receipt.code,
                              "received_at": accepted.receipt.received_at.isoformat(timespec="seconds")},
                             status=201)

    def _public_counts(self, batch_id: str) -> dict[str, int]:
        """The figures the batch published after its close; the running count before."""
        with self._store.transaction() as handle:
            frozen = published_figures(handle, batch_id)
        return frozen.nominees if frozen is not None else self._store.counts(batch_id)

    async def _find(self, request: Request, typed: str, frame: Frame | None = None) -> ReceiptStatus | None:
        """The comment with the code ``typed``, once the client is within its look-up limit."""
        try:
            await call_store(self._limiter.admit_lookup, client_address(request),
                             self._settings.clock().timestamp())
        except RateLimited as limited:
            if frame is not None:
                raise PageError(frame, too_many(limited)) from None
            raise too_many(limited) from None
        code = normalise_receipt(typed)
        return await call_store(self._store.lookup, code) if code else None

    async def _answer(self, found: ReceiptStatus) -> Answer:
        """The answer for ``found``, from its batch's published register once there is one."""
        published = await call_store(_published_row, self._store, found.code)
        return answer_for(found, self._batches.current(), published)

    def _receipt_address(self, code: str, attempt: Attempt) -> str:
        """Relative to ``/api/comments``, so it holds behind a proxy's path prefix too."""
        back = safe_return_to(attempt.data.get("return_to"), self._origin)
        return f"../bien-nhan/{quote(code)}" + (f"?{urlencode({'ve': back})}" if back else "")

    def _refused(self, error: ServiceError, attempt: Attempt) -> Response:
        """The form again, filled in, when the citizen can fix it; otherwise a page saying why."""
        frame = self._frame.at("../", safe_return_to(attempt.data.get("return_to"), self._origin))
        form = self._form_again(error, attempt) if error.status == 422 and error.fields else None
        if form is None:
            return error_response(error, frame)
        # A browser sends "Origin: null" with a post from a no-referrer page; the form posts to the
        # service itself, which must see its own origin (origins.py), and nothing leaves the site.
        return page_response(render_form_again(frame, form), 422,
                             {**error.headers, "Referrer-Policy": "same-origin"})

    def _form_again(self, error: ServiceError, attempt: Attempt) -> FormAgain | None:
        try:
            batch = find_batch(self._batches.current(), str(attempt.data.get("batch", "")))
            nominee = find_nominee(batch, str(attempt.data.get("nominee", "")))
        except ServiceError:
            return None
        values = {name: value for name, value in attempt.data.items() if isinstance(value, str)}
        return FormAgain(batch, nominee, error.message, values, dict(error.fields),
                         batch.require_address, batch.commenter_requirement)


class PageError(Exception):
    """A refusal on a page the citizen reads: answered as a page in the site's look."""

    def __init__(self, frame: Frame, error: ServiceError):
        super().__init__(error.message)
        self.frame = frame
        self.error = error


def client_address(request: Request) -> str:
    """The client's address as the server sees it (the proxy's forwarded one, when trusted)."""
    return request.client.host if request.client else "unknown"


def _published_row(store: Store, code: str) -> PublishedReceipt | None:
    with store.transaction() as handle:
        return published_receipt(handle, code)
