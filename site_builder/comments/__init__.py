"""The comment service: citizens comment on nominees during a public comment period.

A static site cannot take comments, so this small ASGI service does: it reads
the comment periods from the same YAML records as the site, stores each comment
durably (SQLite or PostgreSQL) and answers with a receipt code; the board
exports the comments for the council, publishes counts, and enters comments
received by e-mail, phone or post. See ``docs/comment-service.md``.
"""

from __future__ import annotations

from site_builder.comments.http.app import create_app
from site_builder.comments.store.register import (
    NewComment,
    Receipt,
    ReceiptStatus,
    Store,
    StoredComment,
    open_store,
)

from .settings import DEFAULT_DATABASE, Limits, Settings, SpamRules, StaffRules

__all__ = [
    "DEFAULT_DATABASE", "Limits", "NewComment", "Receipt", "ReceiptStatus", "Settings", "SpamRules", "StaffRules",
    "Store", "StoredComment", "create_app", "open_store",
]
