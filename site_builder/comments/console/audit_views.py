"""The administrator's audit page: the trail, newest first, and whether its chain holds."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.http.offload import call_store
from site_builder.comments.settings import Settings
from site_builder.comments.store.audit_log import AuditEntry, audit_entries, verify_audit_chain
from site_builder.comments.store.register import Store

from .guard import Guard
from .pages import Pages

SHOWN = 500  # the newest entries on the page; the whole trail is in `site-builder comments audit show`

ACTIONS = {
    "sign-in": "Đăng nhập",
    "sign-in-password-accepted": "Đúng mật khẩu, chờ bước xác thực thứ hai",
    "sign-in-failed": "Đăng nhập không thành công",
    "sign-in-throttled": "Đăng nhập bị tạm khóa",
    "sign-out": "Đăng xuất",
    "second-factor-enrolled": "Bật xác thực hai bước",
    "account-created": "Tạo tài khoản",
    "account-disabled": "Khóa tài khoản",
    "password-reset": "Đặt lại mật khẩu",
    "comment-status": "Đổi trạng thái ý kiến",
    "comment-entered": "Nhập thư, điện thoại",
    "report-made": "Lập báo cáo cho Hội đồng",
    "figures-published": "Công bố số ý kiến",
    "figures-publish-repeated": "Công bố lại số ý kiến (đã công bố trước đó, số liệu giữ nguyên)",
    "second-factor-reset": "Gỡ xác thực hai bước",
    "digest-sent": "Gửi thư báo ý kiến mới",
    "register-published": "Công bố sổ ý kiến công khai",
}


class AuditViews:
    """``/staff/audit``."""

    def __init__(self, settings: Settings, store: Store, guard: Guard, pages: Pages):
        self._settings, self._store, self._guard, self._pages = settings, store, guard, pages

    async def index(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "audit.read")
        batch = request.query_params.get("batch") or None
        entries, broken = await call_store(self._read, batch)
        return self._pages.render("audit.html", present=present, csrf=present.session.csrf_token,
                                  entries=entries[::-1][:SHOWN], total=len(entries), broken=broken,
                                  batch=batch, actions=ACTIONS)

    def _read(self, batch: str | None) -> tuple[list[AuditEntry], AuditEntry | None]:
        with self._store.transaction() as handle:
            return audit_entries(handle, batch), verify_audit_chain(handle)
