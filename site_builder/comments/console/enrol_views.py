"""Setting up the second factor: the page with the QR code and the secret, and its confirmation.

Required before anything else for administrators (and for officers when the
service runs with ``--staff-require-totp``); open to every officer otherwise.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.accounts.enrolment import confirm_enrolment
from site_builder.comments.accounts.presence import Present
from site_builder.comments.accounts.second_factor import new_secret, provisioning_uri, qr_svg
from site_builder.comments.http.offload import call_store
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import Store

from . import cookies
from .guard import Guard, read_form
from .pages import Pages, see_other

WRONG_CODE = ("Mã chưa đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực (mã đổi sau mỗi "
              "30 giây) và kiểm tra đồng hồ của điện thoại.")


class EnrolViews:
    """``/staff/second-factor/enrol``."""

    def __init__(self, settings: Settings, store: Store, guard: Guard, pages: Pages):
        self._settings, self._store, self._guard, self._pages = settings, store, guard, pages

    async def form(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "second-factor.enrol")
        return self._page(present, new_secret(), 200)

    async def submit(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "second-factor.enrol")
        data = await read_form(request)
        secret, code = data.get("secret", ""), data.get("code", "")
        opened = await call_store(confirm_enrolment, self._store, self._settings.staff, present.session,
                                  secret, code, self._settings.clock())
        if opened is None:
            return self._page(present, secret if len(secret) == 32 else new_secret(), 400, WRONG_CODE)
        response = see_other("/staff/")
        cookies.set_opened(response, opened, not self._settings.staff.insecure_cookie)
        return response

    def _page(self, present: Present, secret: str, status: int, error: str | None = None) -> Response:
        """The secret as a QR code and as text in groups of four (to type it in by hand)."""
        enrolled = present.account.totp_enrolled
        uri = provisioning_uri(secret, present.account.name)
        return self._pages.render(
            "enrol.html", status, present=present, csrf=present.session.csrf_token, enrolled=enrolled,
            secret=secret, grouped=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
            qr=None if enrolled else qr_svg(uri), error=error)
