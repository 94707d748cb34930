"""Calling the synchronous store from the event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from anyio import to_thread

from site_builder.comments.refusals import ServiceError
from site_builder.comments.store.register import StoreUnavailable, TokenReused

T = TypeVar("T")


async def call_store(function: Callable[..., T], *arguments: object) -> T:
    """Run a store call in a worker thread, so a slow commit never blocks other requests.

    A database that is down answers 503 (try again), never 500, and says plainly
    that nothing was recorded. A token sent again with another comment is 409.
    """
    try:
        return await to_thread.run_sync(function, *arguments)
    except TokenReused:
        raise ServiceError(409, "Mã gửi (token) này đã được dùng cho một ý kiến khác, nên ý kiến này CHƯA "
                                "được ghi nhận. Vui lòng tải lại trang rồi gửi lại (mỗi ý kiến một mã gửi mới).",
                           {"token": "Đã dùng cho một ý kiến khác."}) from None
    except StoreUnavailable as exc:
        raise ServiceError(503, "Hệ thống tạm thời chưa lưu được ý kiến (ý kiến CHƯA được ghi nhận). "
                                "Vui lòng thử lại sau ít phút.", headers={"Retry-After": "30"}) from exc
