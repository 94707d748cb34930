"""The officer's screens: one batch, one nominee's comments (with their history), the search, and
the status changes made from them.

An officer sees the commenters' names and contacts (they handle them); nothing
of a comment is ever logged. A status change goes through
:func:`site_builder.comments.handling.status_changes.change_status`, the same
code as ``site-builder comments moderate``: checked, and audited in the same
transaction.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.accounts.presence import Present
from site_builder.comments.batches import BatchSource
from site_builder.comments.handling.status_changes import (
    NEEDS_REASON,
    STATUS_LABELS,
    StatusChange,
    StatusProblem,
    change_status,
)
from site_builder.comments.http.offload import call_store
from site_builder.comments.settings import Settings
from site_builder.comments.store.audit_log import AuditEntry, audit_entries_about
from site_builder.comments.store.comment_handling import (
    HandledComment,
    comments_of,
    every_comment,
    find_comment,
    published_figures,
    status_counts,
)
from site_builder.comments.store.receipts import normalise_receipt
from site_builder.comments.store.register import CHANNEL_WORDS, COUNTING_RULE, STATUSES, Store
from site_builder.model.nomination import NominationBatch
from site_builder.model.text import fold

from .guard import ConsoleRefusal, Guard, read_form
from .pages import Pages, see_other

PHASES = {"upcoming": "Sắp lấy ý kiến", "open": "Đang lấy ý kiến", "closed": "Đã hết hạn"}
MAX_FOUND = 200
NO_BATCH = "Không có đợt lấy ý kiến này. Hãy quay lại trang “Các đợt lấy ý kiến” và chọn một đợt."
NO_NOMINEE = "Đợt này không có tập thể, cá nhân này. Hãy quay lại trang của đợt và chọn trong danh sách."


class CommentViews:
    """``/staff/batches/…``, ``/staff/search`` and ``/staff/comments/…``."""

    def __init__(self, settings: Settings, store: Store, batches: BatchSource, guard: Guard, pages: Pages):
        self._settings, self._store, self._batches = settings, store, batches
        self._guard, self._pages = guard, pages

    async def batch(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "comments.read")
        batch = self.find_batch(request.path_params["batch"])
        return await self.batch_page(present, batch, request.query_params.get("done"))

    async def batch_page(self, present: Present, batch: NominationBatch, done: str | None = None,
                         error: str | None = None, status: int = 200) -> Response:
        counts, published = await call_store(self._batch_figures, batch.id)
        rows = [{"id": n.id, "name": n.name, "award": n.award, "counts": counts.get(n.id, {}),
                 "total": sum(counts.get(n.id, {}).values())} for n in batch.nominees]
        now = self._settings.clock()
        return self._pages.render(
            "batch.html", status, present=present, csrf=present.session.csrf_token, batch=batch,
            phase=batch.phase_at(now), phases=PHASES, rows=rows, statuses=STATUSES, labels=STATUS_LABELS,
            published=published, rule=COUNTING_RULE, done=done, error=error)

    async def nominee(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "comments.read")
        batch = self.find_batch(request.path_params["batch"])
        return await self._nominee_page(present, batch, request.path_params["nominee"],
                                        request.query_params.get("done"))

    async def search(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "comments.read")
        query = request.query_params.get("q", "").strip()[:120]
        found = await call_store(self._search, query) if query else []
        return self._search_page(present, query, found)

    async def set_status(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "comments.moderate")
        data = await read_form(request)
        receipt = normalise_receipt(data.get("receipt", ""))
        comment = await call_store(self._find, receipt) if receipt else None
        if comment is None:
            return self._search_page(present, data.get("receipt", ""), [], 400,
                                     "Không có ý kiến nào mang mã biên nhận này. Hãy tìm lại ý kiến.")
        change = StatusChange(data.get("status", ""), data.get("reason", ""), data.get("duplicate_of", ""))
        return await self._apply(present, comment.batch, comment.nominee, [comment.receipt], change)

    async def mark_spam(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "comments.moderate")
        batch = self.find_batch(request.path_params["batch"])
        nominee = request.path_params["nominee"]
        data = await read_form(request)
        chosen = [name.removeprefix("spam-") for name, value in data.items()
                  if name.startswith("spam-") and value]
        return await self._apply(present, batch.id, nominee, chosen, StatusChange("spam"))

    async def _apply(self, present: Present, batch_id: str, nominee: str, receipts: list[str],
                     change: StatusChange) -> Response:
        """One audited change; back to the nominee's page, with the problem if there is one."""
        try:
            changed = await call_store(change_status, self._store, receipts, change, present.account.name,
                                       self._settings.clock())
        except StatusProblem as problem:
            return await self._nominee_page(present, self.find_batch(batch_id), nominee, None,
                                            problem.vietnamese, 400)
        return see_other(f"/staff/batches/{batch_id}/nominees/{nominee}?done={len(changed)}")

    async def _nominee_page(self, present: Present, batch: NominationBatch, nominee_id: str,
                            done: str | None, error: str | None = None, status: int = 200) -> Response:
        nominee = batch.nominee(nominee_id)
        if nominee is None:
            raise ConsoleRefusal(404, NO_NOMINEE)
        comments = await call_store(self._comments_with_history, batch.id, nominee.id)
        return self._pages.render(
            "nominee.html", status, present=present, csrf=present.session.csrf_token, batch=batch,
            nominee=nominee, comments=comments, statuses=STATUSES, labels=STATUS_LABELS,
            needs_reason=NEEDS_REASON, channels=CHANNEL_WORDS, done=done, error=error)

    def _search_page(self, present: Present, query: str, found: list[HandledComment], status: int = 200,
                     error: str | None = None) -> Response:
        batches = self._batches.current()
        titles = {batch_id: batch.title for batch_id, batch in batches.items()}
        return self._pages.render("search.html", status, present=present, csrf=present.session.csrf_token,
                                  query=query, found=found, titles=titles, labels=STATUS_LABELS,
                                  channels=CHANNEL_WORDS, error=error, limit=MAX_FOUND)

    def find_batch(self, batch_id: str) -> NominationBatch:
        """The batch of the records with this id; a 404 page otherwise."""
        batch = self._batches.current().get(batch_id)
        if batch is None:
            raise ConsoleRefusal(404, NO_BATCH)
        return batch

    # What the views read, each in one transaction (run in a worker thread by call_store).

    def _batch_figures(self, batch_id: str):
        with self._store.transaction() as handle:
            counts = {nominee: by_status for (_, nominee), by_status in status_counts(handle, batch_id).items()}
            return counts, published_figures(handle, batch_id)

    def _comments_with_history(self, batch_id: str,
                               nominee_id: str) -> list[tuple[HandledComment, list[AuditEntry]]]:
        with self._store.transaction() as handle:
            return [(comment, audit_entries_about(handle, comment.receipt))
                    for comment in comments_of(handle, batch_id, nominee_id)]

    def _find(self, receipt: str) -> HandledComment | None:
        with self._store.transaction() as handle:
            return find_comment(handle, receipt)

    def _search(self, query: str) -> list[HandledComment]:
        """By receipt code (exactly), else by the commenter's name, with or without diacritics."""
        code = normalise_receipt(query)
        with self._store.transaction() as handle:
            if code is not None:
                found = find_comment(handle, code)
                if found is not None:
                    return [found]
            wanted = fold(query).casefold()
            return [c for c in every_comment(handle) if wanted in fold(c.name).casefold()][:MAX_FOUND]
