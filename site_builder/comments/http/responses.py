"""Turning outcomes into HTTP responses: JSON for programs, a page in the site's look for a browser."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from site_builder.comments.refusals import ServiceError

from .bodies import FORM_TYPES, media_type
from .html import Frame, render_error

# Nothing here may be cached by a proxy: receipts and counts change, and a
# receipt page is one person's.
_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
# Pages: the service's own stylesheet only, no script at all; forms go back to the service.
_PAGE_HEADERS = {
    **_HEADERS,
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}


def wants_page(request: Request) -> bool:
    """A plain HTML form post gets a page; a script that asks for JSON gets JSON."""
    return media_type(request) in FORM_TYPES and "application/json" not in request.headers.get("accept", "")


def json_response(data: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(data, status_code=status, headers={**_HEADERS, **(headers or {})})


def page_response(html: str, status: int, headers: dict[str, str] | None = None) -> Response:
    return HTMLResponse(html, status_code=status, headers={**_PAGE_HEADERS, **(headers or {})})


def see_other(location: str) -> Response:
    """303: the browser fetches ``location`` with GET, so a reload never posts again."""
    return Response(status_code=303, headers={**_PAGE_HEADERS, "Location": location})


def error_response(error: ServiceError, frame: Frame | None = None) -> Response:
    """``{"error": ..., "fields": {...}}``, or the same as a page when a ``frame`` is given."""
    if frame is not None:
        return page_response(render_error(frame, error.message, error.fields), error.status, error.headers)
    return json_response({"error": error.message, "fields": error.fields}, error.status, error.headers)
