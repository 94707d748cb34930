"""The permission check that opens every console view (as Decidim's ``enforce_permission_to``).

In this order, each refusal before any data is read: a POST must come from the
site's own origin (``Origin``, else ``Referer``); the session cookie must name
a live session of an enabled account; its stage and role must hold the
permission (:mod:`.permissions`); a POST must carry the session's anti-forgery
token. A refusal raises :class:`ConsoleRefusal`, which the app turns into a
page that says what to do and shows nothing else.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from starlette.requests import Request

from site_builder.comments.accounts.presence import Present, present
from site_builder.comments.http.bodies import parse_fields, read_body
from site_builder.comments.http.offload import call_store
from site_builder.comments.refusals import ServiceError
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import Store

from . import cookies
from .permissions import PERMISSIONS, STAGE_PAGES

MAX_FORM_BYTES = 16 * 1024


class ConsoleRefusal(Exception):
    """A request the console will not serve: a status, a Vietnamese message, maybe where to go."""

    def __init__(self, status: int, message: str, location: str | None = None,
                 end_session: bool = False):
        super().__init__(message)
        self.status, self.message, self.location, self.end_session = status, message, location, end_session


def sign_in_needed(request: Request) -> ConsoleRefusal:
    """No valid session: a page load goes to the sign-in page, a form post is refused."""
    if request.method == "GET":
        return ConsoleRefusal(303, "", location="/staff/sign-in", end_session=True)
    return ConsoleRefusal(403, "Phiên làm việc đã kết thúc (hết giờ, đã đăng xuất hoặc tài khoản bị "
                               "khóa). Vui lòng đăng nhập lại rồi làm lại thao tác.", end_session=True)


class Guard:
    """Checks one request against the permission table; the first line of every console view."""

    def __init__(self, settings: Settings, store: Store, origin: str | None):
        self._settings = settings
        self._store = store
        self._origin = origin

    async def enforce(self, request: Request, permission: str) -> Present:
        """The signed-in staff member allowed ``permission``; raises :class:`ConsoleRefusal`."""
        rule = PERMISSIONS[permission]
        if request.method != "GET":
            self.require_same_origin(request)
        found = await call_store(present, self._store, self._settings.staff, cookies.session_token(request),
                                 self._settings.clock())
        if found is None:
            raise sign_in_needed(request)
        if found.session.stage not in rule.stages:
            raise _wrong_stage(request, found)
        if found.account.role not in rule.roles:
            raise ConsoleRefusal(403, "Tài khoản của bạn không có quyền dùng trang này. Nếu cần, hãy "
                                      "đề nghị quản trị viên của Ban cấp quyền.")
        if request.method != "GET":
            await self.require_token(request, found.session.csrf_token)
        return found

    def require_same_origin(self, request: Request) -> None:
        """Refuse a form posted from any page not on the site's own origin (cross-site forgery)."""
        sent = request.headers.get("origin") or _origin_of(request.headers.get("referer"))
        if self._origin is None or sent is None or sent.lower() != self._origin:
            raise ConsoleRefusal(403, "Yêu cầu bị từ chối vì không gửi từ trang quản lý của Ban. Hãy mở "
                                      "trang quản lý từ địa chỉ chính thức của Ban rồi làm lại.")

    async def require_token(self, request: Request, expected: str) -> None:
        """The form's hidden ``csrf`` field must equal ``expected`` (compared in constant time)."""
        sent = (await read_form(request)).get("csrf")
        if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
            raise ConsoleRefusal(403, "Biểu mẫu đã cũ hoặc không hợp lệ. Hãy tải lại trang rồi làm lại "
                                      "thao tác.")


async def read_form(request: Request) -> dict[str, str]:
    """The posted form's text fields (a repeated name keeps its first value), read once per request.

    The citizen side's reader is reused: bodies over 16 KiB are refused while
    they stream in, and bad encodings are refused rather than guessed.
    """
    if not hasattr(request.state, "console_form"):
        try:
            body = await read_body(request, MAX_FORM_BYTES)
            fields = parse_fields(request.headers.get("content-type", ""), body) if body else {}
        except ServiceError as error:
            raise ConsoleRefusal(error.status, error.message) from None
        request.state.console_form = {name: _first(value) for name, value in fields.items()}
    return request.state.console_form


def _first(value: object) -> str:
    value = value[0] if isinstance(value, list) and value else value
    return value if isinstance(value, str) else ""


def _wrong_stage(request: Request, found: Present) -> ConsoleRefusal:
    """A session still signing in is sent back to its step; a form post is refused."""
    if request.method == "GET":
        return ConsoleRefusal(303, "", location=STAGE_PAGES[found.session.stage])
    return ConsoleRefusal(403, "Hãy hoàn tất bước đăng nhập trước khi làm thao tác này.")


def _origin_of(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None
