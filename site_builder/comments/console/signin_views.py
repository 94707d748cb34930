"""Signing in and out of the console: the password step, the code step, and sign-out.

The sign-in form itself has no session yet, so its forgery guard is a random
token both in a cookie and in the form (and the same-origin check). Whatever
went wrong — unknown name, wrong password, disabled account — the page says the
same; only too many failures get their own message (status 429), again the
same for every name.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.accounts.presence import forget_token
from site_builder.comments.accounts.signin import (
    Opened,
    SignInRefused,
    second_step,
    sign_in,
    sign_out,
)
from site_builder.comments.http.offload import call_store
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import Store

from . import cookies
from .guard import ConsoleRefusal, Guard, read_form
from .pages import Pages, see_other
from .permissions import STAGE_PAGES

WRONG = "Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng. Vui lòng kiểm tra rồi nhập lại."
THROTTLED = ("Đăng nhập bị tạm khóa 15 phút vì đã nhập sai 5 lần trong 15 phút. Vui lòng chờ 15 phút "
             "rồi thử lại, hoặc đăng nhập từ máy tính và trình duyệt bạn vẫn dùng để làm việc với trang này "
             "(máy đó không bị khóa vì người khác nhập sai); nếu quên mật khẩu, hãy đề nghị quản trị viên "
             "đặt lại.")


class SignInViews:
    """``/staff/sign-in``, ``/staff/second-factor`` and ``/staff/sign-out``."""

    def __init__(self, settings: Settings, store: Store, guard: Guard, pages: Pages):
        self._settings, self._store, self._guard, self._pages = settings, store, guard, pages
        self._secure = not settings.staff.insecure_cookie

    async def form(self, request: Request) -> Response:
        """The sign-in form, with a fresh anti-forgery token in a cookie and in the form."""
        return self._form_page(200)

    async def submit(self, request: Request) -> Response:
        self._guard.require_same_origin(request)
        data = await self._signed_in_form(request)
        try:
            opened = await call_store(sign_in, self._store, self._settings.staff, data.get("name", ""),
                                      data.get("password", ""), _address(request), self._settings.clock(),
                                      cookies.device_token(request))
        except SignInRefused as refused:
            return self._form_page(429 if refused.throttled else 403, refused)
        await call_store(forget_token, self._store, cookies.session_token(request), self._settings.clock())
        return self._open(request, opened)

    async def code_form(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "second-factor.check")
        return self._pages.render("second_factor.html", present=present, csrf=present.session.csrf_token)

    async def code_submit(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "second-factor.check")
        code = (await read_form(request)).get("code", "")
        try:
            opened = await call_store(second_step, self._store, self._settings.staff, present.session, code,
                                      _address(request), self._settings.clock(), cookies.device_token(request))
        except SignInRefused as refused:
            return self._pages.render("second_factor.html", 429 if refused.throttled else 403,
                                      present=present, csrf=present.session.csrf_token,
                                      error=THROTTLED if refused.throttled else WRONG)
        return self._open(request, opened)

    async def sign_out(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "session.end")
        await call_store(sign_out, self._store, present.session, present.account, self._settings.clock())
        response = self._pages.render("signed_out.html")
        cookies.clear_cookie(response, cookies.SESSION, self._secure)
        return response

    async def _signed_in_form(self, request: Request) -> dict[str, str]:
        """The form, if its token matches the cookie the sign-in page set."""
        data = await read_form(request)
        expected = request.cookies.get(cookies.SIGN_IN_FORM, "")
        if not expected or not hmac.compare_digest(data.get("csrf", "").encode(), expected.encode()):
            raise ConsoleRefusal(403, "Trang đăng nhập đã cũ. Hãy tải lại trang đăng nhập rồi nhập lại.")
        return data

    def _form_page(self, status: int, refused: SignInRefused | None = None) -> Response:
        token = secrets.token_urlsafe(32)
        error = None if refused is None else THROTTLED if refused.throttled else WRONG
        response = self._pages.render("sign_in.html", status, csrf=token, error=error)
        if refused is not None and refused.throttled:
            response.headers["Retry-After"] = str(int(self._settings.staff.failure_window.total_seconds()))
        cookies.set_cookie(response, cookies.SIGN_IN_FORM, token, self._secure)
        return response

    def _open(self, request: Request, opened: Opened) -> Response:
        """The new session's cookie (a new id: the old one, if any, is ended) and its next page."""
        response = see_other(STAGE_PAGES[opened.session.stage])
        cookies.set_opened(response, opened, self._secure)
        cookies.clear_cookie(response, cookies.SIGN_IN_FORM, self._secure)
        return response


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
