"""The console's two cookies: the session, and the sign-in form's anti-forgery token.

Both are ``HttpOnly; SameSite=Strict; Path=/staff`` and ``Secure`` unless the
operator allowed plain HTTP for development (``--staff-insecure-cookie``). No
``Max-Age``: they end with the browser; the register decides how long a
session really lives.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

SESSION = "staff_session"
SIGN_IN_FORM = "staff_sign_in"
PATH = "/staff"


def session_token(request: Request) -> str | None:
    return request.cookies.get(SESSION)


def set_cookie(response: Response, name: str, value: str, secure: bool) -> None:
    response.set_cookie(name, value, path=PATH, secure=secure, httponly=True, samesite="strict")


def clear_cookie(response: Response, name: str, secure: bool) -> None:
    response.delete_cookie(name, path=PATH, secure=secure, httponly=True, samesite="strict")
