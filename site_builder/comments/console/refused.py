"""The answer to a refused console request: a short page saying what to do, and nothing else.

No comment, name or contact is ever on it: a refusal is rendered from its
message alone. An ended session also loses its cookie.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from . import cookies
from .guard import ConsoleRefusal
from .pages import Pages, see_other

__all__ = ["ConsoleRefusal", "console_refusal"]

_PAGES = Pages()


async def console_refusal(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ConsoleRefusal)
    if exc.location is not None:
        response = see_other(exc.location)
    else:
        response = _PAGES.render("refused.html", exc.status, message=exc.message)
    if exc.end_session and cookies.session_token(request):
        # Whether Secure was set does not matter to delete it; the browser matches name and path.
        cookies.clear_cookie(response, cookies.SESSION, secure=request.url.scheme == "https")
    return response
