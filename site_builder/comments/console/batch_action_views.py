"""A batch's actions in the console: the council's report (a download) and publishing the figures.

Both go through the same code as ``site-builder comments report`` and
``… publish``, audited with the officer's account name. Publishing cannot be
undone, so it takes two steps: a page showing what would be frozen (and
warning of comments not yet handled), then a confirmed post.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.handling.council_report import gather_report, report_bytes
from site_builder.comments.handling.figures import NotClosed, RegisterDiffers, UnhandledComments, publish_figures
from site_builder.comments.handling.publication_preview import preview_publication
from site_builder.comments.handling.published_files import PublishedFileDiffers
from site_builder.comments.http.offload import call_store
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import COUNTING_RULE, Store

from .comment_views import CommentViews
from .guard import Guard, read_form
from .pages import HEADERS, Pages, see_other

MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class BatchActionViews:
    """``POST /staff/batches/{batch}/report``, ``GET`` and ``POST /staff/batches/{batch}/publish``."""

    def __init__(self, settings: Settings, store: Store, guard: Guard, pages: Pages, comments: CommentViews):
        self._settings, self._store, self._guard, self._comments = settings, store, guard, comments
        self._pages = pages

    async def report(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "exports.make")
        batch = self._comments.find_batch(request.path_params["batch"])
        data = await read_form(request)
        report_format = "xlsx" if data.get("format") == "xlsx" else "docx"
        for_council = data.get("for_council") == "on"
        made = await call_store(gather_report, self._store, batch, self._settings.board, for_council,
                                report_format, present.account.name, self._settings.clock())
        body = await call_store(report_bytes, made, report_format)
        name = f"bao-cao-{batch.id}{'-hoi-dong' if for_council else ''}.{report_format}"
        return Response(body, media_type=MEDIA[report_format],
                        headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})

    async def confirm(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "figures.publish")
        batch = self._comments.find_batch(request.path_params["batch"])
        return await self._confirm_page(present, batch)

    async def publish(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "figures.publish")
        batch = self._comments.find_batch(request.path_params["batch"])
        data = await read_form(request)
        if data.get("confirm") != "yes":  # only the confirmation page's form publishes
            return see_other(f"/staff/batches/{batch.id}/publish")
        try:
            done = await call_store(publish_figures, self._store, batch, self._settings.records,
                                    present.account.name, self._settings.clock(),
                                    data.get("accept_unhandled") == "on")
        except UnhandledComments as refused:
            return await self._confirm_page(present, batch, refused.vietnamese, 409)
        except (NotClosed, RegisterDiffers, PublishedFileDiffers) as refused:
            return await self._comments.batch_page(present, batch, error=refused.vietnamese, status=409)
        when = f"{done.published_at:%H:%M ngày %d/%m/%Y}"
        message = (f"Đã công bố {done.total} ý kiến (số liệu chốt lúc {when}) và sổ ý kiến công khai gồm "
                   f"{done.receipts} mã biên nhận. Đã ghi các tệp _comment-counts/{batch.id}.yml và "
                   f"_comment-register/{batch.id}.yml trong thư mục hồ sơ. Việc còn lại: đưa hai tệp này lên "
                   f"kho hồ sơ (commit trên trang web của kho git) hoặc chờ lần dựng trang hằng giờ; sau đó "
                   f"trang của đợt sẽ hiện số ý kiến và sổ ý kiến.")
        return await self._comments.batch_page(present, batch, done=message)

    async def _confirm_page(self, present, batch, error: str | None = None, status: int = 200) -> Response:
        now = self._settings.clock()
        preview = await call_store(preview_publication, self._store, batch, self._settings.records, now)
        return self._pages.render("publish.html", status, present=present, csrf=present.session.csrf_token,
                                  batch=batch, closed=batch.phase_at(now) == "closed", preview=preview,
                                  rule=COUNTING_RULE, error=error)
