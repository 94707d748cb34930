"""The one way a request fails: a status, a Vietnamese message for people, and field messages."""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal the citizen (or the calling tool) can act on.

    Rendered as ``{"error": message, "fields": {...}}`` for JSON clients and
    as a small HTML page for a plain form post.
    """

    def __init__(self, status: int, message: str, fields: dict[str, str] | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}
        self.headers = headers or {}


def invalid(fields: dict[str, str]) -> ServiceError:
    """422 for field problems, each explained next to its field."""
    return ServiceError(422, "Thông tin gửi lên chưa hợp lệ. Vui lòng kiểm tra lại các mục được nêu.",
                        fields)
