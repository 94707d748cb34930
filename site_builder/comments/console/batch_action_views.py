"""A batch's actions in the console: the council's report (a download) and publishing the figures.

Both go through the same code as ``site-builder comments report`` and
``… publish``, audited with the officer's account name.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.handling.council_report import gather_report, report_bytes
from site_builder.comments.handling.figures import NotClosed, RegisterDiffers, publish_figures
from site_builder.comments.http.offload import call_store
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import Store

from .comment_views import CommentViews
from .guard import Guard, read_form
from .pages import HEADERS

MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class BatchActionViews:
    """``POST /staff/batches/{batch}/report`` and ``POST /staff/batches/{batch}/publish``."""

    def __init__(self, settings: Settings, store: Store, guard: Guard, comments: CommentViews):
        self._settings, self._store, self._guard, self._comments = settings, store, guard, comments

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

    async def publish(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "figures.publish")
        batch = self._comments.find_batch(request.path_params["batch"])
        try:
            done = await call_store(publish_figures, self._store, batch, self._settings.records,
                                    present.account.name, self._settings.clock())
        except (NotClosed, RegisterDiffers) as refused:
            return await self._comments.batch_page(present, batch, error=refused.vietnamese, status=409)
        when = f"{done.published_at:%H:%M ngày %d/%m/%Y}"
        message = (f"Đã công bố {done.total} ý kiến (số liệu chốt lúc {when}) và sổ ý kiến công khai gồm "
                   f"{done.receipts} mã biên nhận. Đã ghi các tệp _comment-counts/{batch.id}.yml và "
                   f"_comment-register/{batch.id}.yml trong thư mục hồ sơ. Việc còn lại: đưa hai tệp này lên "
                   f"kho hồ sơ (commit trên trang web của kho git) hoặc chờ lần dựng trang hằng giờ; sau đó "
                   f"trang của đợt sẽ hiện số ý kiến và sổ ý kiến.")
        return await self._comments.batch_page(present, batch, done=message)
