"""Turning outcomes into HTTP responses: JSON for programs, a small page for a form post."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from site_builder.comments.refusals import ServiceError

from .bodies import FORM_TYPES, media_type
from .html import render_error

# Nothing here may be cached by a proxy: receipts and counts change, and a
# receipt page is one person's.
_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
_PAGE_HEADERS = {
    **_HEADERS,
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                               "form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}


def wants_page(request: Request) -> bool:
    """A plain HTML form post gets a page; a script that asks for JSON gets JSON."""
    return media_type(request) in FORM_TYPES and "application/json" not in request.headers.get("accept", "")


def json_response(data: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(data, status_code=status, headers={**_HEADERS, **(headers or {})})


def page_response(html: str, status: int) -> Response:
    return HTMLResponse(html, status_code=status, headers=_PAGE_HEADERS)


def error_response(error: ServiceError, as_page: bool = False, return_to: str | None = None) -> Response:
    """``{"error": ..., "fields": {...}}``, or the same as a page for a form post."""
    if as_page:
        response = page_response(render_error(error.message, error.fields, return_to), error.status)
        response.headers.update(error.headers)
        return response
    return json_response({"error": error.message, "fields": error.fields}, error.status, error.headers)
