"""The console's first page: the comment periods, their state, and their comments per status."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.batches import BatchSource
from site_builder.comments.handling.status_changes import STATUS_LABELS
from site_builder.comments.http.offload import call_store
from site_builder.comments.settings import Settings
from site_builder.comments.store.comment_handling import status_counts
from site_builder.comments.store.register import STATUSES, Store

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
        by_batch = await call_store(self._per_status)
        rows = []
        for batch in sorted(self._batches.current().values(), key=lambda b: b.opens_at, reverse=True):
            counts = by_batch.get(batch.id, {})
            rows.append({"title": batch.title, "id": batch.id, "phase": PHASES.get(batch.phase_at(now), ""),
                         "opens": batch.opens_at, "closes": batch.closes_at, "nominees": len(batch.nominees),
                         "counts": counts, "comments": sum(counts.values())})
        return self._pages.render("home.html", present=present, csrf=present.session.csrf_token,
                                  batches=rows, statuses=STATUSES, labels=STATUS_LABELS)

    def _per_status(self) -> dict[str, dict[str, int]]:
        """``{batch: {status: n}}`` for every batch, in one read."""
        found: dict[str, dict[str, int]] = {}
        with self._store.transaction() as handle:
            for (batch, _), counts in status_counts(handle).items():
                for status, count in counts.items():
                    found.setdefault(batch, {}).setdefault(status, 0)
                    found[batch][status] += count
        return found
