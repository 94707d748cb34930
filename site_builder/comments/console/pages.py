"""Rendering console pages: Jinja2 with autoescaping, and the headers every answer carries.

The pages load one stylesheet from the service itself and no script; the
Content Security Policy says so, and forbids framing, forms posting elsewhere
and any other host. Nothing is cached: the pages show personal data.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse, RedirectResponse, Response

from site_builder.comments.handling.status_changes import STATUS_LABELS
from site_builder.model.vntime import format_moment

_TEMPLATES = Path(__file__).parent / "templates"

HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Not "no-referrer": with it, browsers send "Origin: null" on the console's own form posts, and
    # the same-origin check (guard.py) could not tell them from a forged one. "same-origin" still
    # sends nothing to any other site.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
}


def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(_TEMPLATES), trim_blocks=True, lstrip_blocks=True,
                              autoescape=select_autoescape(default=True, default_for_string=True))
    environment.filters["moment"] = format_moment
    environment.filters["status_word"] = _status_word
    return environment


def _status_word(value: str | None) -> str:
    """A status as the audit trail keeps it (JSON text) in the officer's words."""
    if value is None:
        return "–"
    try:
        status = json.loads(value)
    except ValueError:
        return value
    return STATUS_LABELS.get(status, str(status)) if isinstance(status, str) else value


class Pages:
    """The console's templates, loaded once per app."""

    def __init__(self) -> None:
        self._environment = _environment()

    def render(self, template: str, status: int = 200, **context: object) -> Response:
        html = self._environment.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status, headers=HEADERS)


def see_other(location: str) -> Response:
    """303 after a form post (or to the page a half-signed-in session belongs on)."""
    return RedirectResponse(location, status_code=303, headers=HEADERS)
