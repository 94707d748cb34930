"""The comment service as an ASGI application (Starlette), built by :func:`create_app`."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from site_builder.comments.batches import BatchSource
from site_builder.comments.console.refused import ConsoleRefusal, console_refusal
from site_builder.comments.console.routes import staff_routes
from site_builder.comments.refusals import ServiceError
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import Store, open_store

from .health import RegisterNotWritable, WriteHealth, require_writable
from .limits import SharedLimiter
from .origins import normalise_origin
from .responses import error_response, json_response
from .views import PageError, Views

_HTTP_MESSAGES = {
    404: "Không có trang này.",
    405: "Phương thức không được hỗ trợ cho địa chỉ này.",
}


def create_app(settings: Settings, store: Store | None = None) -> Starlette:
    """The service for ``settings``: batches are read from the records folder, and again when they change.

    Pass ``store`` to share one (tests); otherwise the app opens
    ``settings.database_url`` and closes it on shutdown. Raises
    ``RecordsInvalid`` when the records cannot be published either, and
    ``RegisterNotWritable`` when the register refuses a test write.
    """
    batches = BatchSource(settings.records, settings.recheck_batches)
    origin = normalise_origin(settings.origin) if settings.origin else None
    owned = store is None
    store = store or open_store(settings.database_url)
    try:
        require_writable(store, settings.clock())
    except RegisterNotWritable:
        if owned:
            store.close()
        raise
    views = Views(settings, store, batches, origin, _limiter(settings, store), WriteHealth(store))
    routes = [
        Route("/healthz", views.health, methods=["GET"]),
        Route("/api/batches", views.batches, methods=["GET"]),
        Route("/api/batches/{batch}/counts", views.counts, methods=["GET"]),
        Route("/api/receipts/{code}", views.receipt, methods=["GET"]),
        Route("/api/comments", views.comment, methods=["POST"]),
        *staff_routes(settings, store, batches,
                      normalise_origin(settings.staff.origin) if settings.staff.origin else origin),
        # Pages for a browser without JavaScript, in the site's look.
        Route("/bien-nhan/{code}", views.receipt_page, methods=["GET"]),
        Route("/tra-cuu", views.lookup_page, methods=["GET"]),
        Route("/static/service.css", views.stylesheet, methods=["GET"]),
    ]
    app = Starlette(routes=routes, middleware=_middleware(origin), lifespan=_lifespan(store, owned),
                    exception_handlers={ServiceError: _service_error, PageError: _page_error,
                                        HTTPException: _http_error, ConsoleRefusal: console_refusal,
                                        Exception: _unexpected_error})
    app.state.store = store
    app.state.batches = batches
    return app


def _limiter(settings: Settings, store: Store) -> SharedLimiter:
    """The rate limits, keyed with the configured secret or the one the register keeps."""
    secret = settings.spam.secret or store.secret("rate-limit", lambda: secrets.token_hex(32))
    return SharedLimiter(store, settings.spam, secret)


def _middleware(origin: str | None) -> list[Middleware]:
    """CORS for the site's own origin only; no origin configured means no CORS at all."""
    if origin is None:
        return []
    return [Middleware(CORSMiddleware, allow_origins=[origin], allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type", "Accept"], max_age=600)]


def _lifespan(store: Store, owned: bool):
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    return lifespan


async def _service_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServiceError)
    return error_response(exc)


async def _page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    return error_response(exc.error, exc.frame)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = _HTTP_MESSAGES.get(exc.status_code, "Yêu cầu không hợp lệ.")
    return json_response({"error": message, "fields": {}}, exc.status_code, dict(exc.headers or {}))


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    return json_response({"error": "Lỗi hệ thống ngoài dự kiến. Ý kiến có thể CHƯA được ghi nhận; "
                                   "vui lòng thử lại sau.", "fields": {}}, 500)
