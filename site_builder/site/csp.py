"""The site's Content Security Policy: scripts, styles, fonts and images from the site only.

Every page carries it in a ``<meta http-equiv="Content-Security-Policy">``
(``theme/main.html``); the web server should send the same policy as a header,
with ``frame-ancestors``, which a ``<meta>`` cannot carry (see the README).
No inline script is allowed: Material's inline scripts are served as files
(``theme/partials/javascripts/``), and JSON-LD and Material's ``__config`` are
data blocks, which the policy does not govern. The comment service, when
configured, is the one other origin the page may send to (``fetch``) and post
its form to.
"""

from __future__ import annotations

from urllib.parse import urlsplit

HEADER_ONLY = ("frame-ancestors 'none'",)


def content_security_policy(comments_url: str | None = None, *, header: bool = False,
                            live_reload: bool = False) -> str:
    """The policy as one line.

    ``header=True`` adds what only an HTTP header can carry. ``live_reload=True``
    (``mkdocs serve`` only, never a published build) lets MkDocs' inline
    live-reload script run.
    """
    service = _origin(comments_url)
    sources = f"'self' {service}" if service else "'self'"
    directives = [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'" if live_reload else "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        f"connect-src {sources}",
        f"form-action {sources}",
        "object-src 'none'",
        "base-uri 'self'",
    ]
    if header:
        directives.extend(HEADER_ONLY)
    return "; ".join(directives)


def _origin(url: str | None) -> str | None:
    """``https://example.gov.vn`` from ``https://example.gov.vn/y-kien``; None for a path on the site."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme.lower()}://{host}{port}"
