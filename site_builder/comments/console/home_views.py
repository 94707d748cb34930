"""The console's first page: the comment periods and how many comments each has so far.

Counts only (spam left out, as the public counts): the screens that show the
comments themselves come with the moderation work.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.batches import BatchSource
from site_builder.comments.http.offload import call_store
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import Store

from .guard import Guard
from .pages import Pages

PHASES = {"upcoming": "Sắp lấy ý kiến", "open": "Đang lấy ý kiến", "closed": "Đã hết hạn"}


class HomeViews:
    """``/staff/``."""

    def __init__(self, settings: Settings, store: Store, batches: BatchSource, guard: Guard, pages: Pages):
        self._settings, self._store, self._batches = settings, store, batches
        self._guard, self._pages = guard, pages

    async def index(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "console.read")
        now = self._settings.clock()
        rows = []
        for batch in sorted(self._batches.current().values(), key=lambda b: b.opens_at, reverse=True):
            counted = await call_store(self._store.counts, batch.id)
            rows.append({"title": batch.title, "id": batch.id, "phase": PHASES.get(batch.phase_at(now), ""),
                         "opens": batch.opens_at, "closes": batch.closes_at,
                         "nominees": len(batch.nominees), "comments": sum(counted.values())})
        return self._pages.render("home.html", present=present, csrf=present.session.csrf_token,
                                  batches=rows)
