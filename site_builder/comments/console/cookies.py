"""The console's cookies: the session, the sign-in form's anti-forgery token, and the device.

All are ``HttpOnly; SameSite=Strict; Path=/staff`` and ``Secure`` unless the
operator allowed plain HTTP for development (``--staff-insecure-cookie``). The
session and form cookies have no ``Max-Age``: they end with the browser; the
register decides how long a session really lives. The device cookie (see
:mod:`site_builder.comments.store.staff_devices`) lasts as long as the register
remembers the device, so a browser keeps it from one day's work to the next.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.accounts.signin import Opened
from site_builder.comments.store.staff_devices import DEVICE_LIFETIME

SESSION = "staff_session"
SIGN_IN_FORM = "staff_sign_in"
DEVICE = "staff_device"
PATH = "/staff"


def session_token(request: Request) -> str | None:
    return request.cookies.get(SESSION)


def device_token(request: Request) -> str | None:
    return request.cookies.get(DEVICE)


def set_opened(response: Response, opened: Opened, secure: bool) -> None:
    """The cookies of a session just opened: its token, and a device cookie when one was made."""
    set_cookie(response, SESSION, opened.token, secure)
    if opened.device:
        response.set_cookie(DEVICE, opened.device, max_age=int(DEVICE_LIFETIME.total_seconds()), path=PATH,
                            secure=secure, httponly=True, samesite="strict")


def set_cookie(response: Response, name: str, value: str, secure: bool) -> None:
    response.set_cookie(name, value, path=PATH, secure=secure, httponly=True, samesite="strict")


def clear_cookie(response: Response, name: str, secure: bool) -> None:
    response.delete_cookie(name, path=PATH, secure=secure, httponly=True, samesite="strict")
