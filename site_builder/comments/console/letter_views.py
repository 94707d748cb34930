"""Entering a letter or a phone call from the console (``/staff/batches/{batch}/letter``).

The web form's field rules, with each channel's own on the contact
(:func:`site_builder.comments.handling.entry_fields.check_entry`);
the date on the letter is asked for, the moment of entry and the officer are
recorded by :func:`site_builder.comments.handling.letter_entry.enter_comment`.
"""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.accounts.presence import Present
from site_builder.comments.handling.entry_fields import ENTRY_CHANNELS, check_entry
from site_builder.comments.handling.letter_entry import AlreadyEntered, enter_comment
from site_builder.comments.http.offload import call_store
from site_builder.comments.refusals import ServiceError
from site_builder.comments.settings import Settings
from site_builder.comments.store.receipts import normalise_receipt
from site_builder.comments.store.register import CHANNEL_WORDS, NewComment, Store
from site_builder.model.nomination import NominationBatch
from site_builder.model.vntime import VIETNAM, parse_moment

from .comment_views import CommentViews
from .guard import Guard, read_form
from .pages import Pages, see_other

CHANNELS = {channel: CHANNEL_WORDS[channel] for channel in ENTRY_CHANNELS}
BAD_DATE = "Ngày trên thư hoặc ngày gọi chưa đúng: hãy viết dd/mm/yyyy (ví dụ 20/11/2026), có thể thêm giờ 09:30."
FUTURE = "Ngày trên thư hoặc ngày gọi không thể sau hôm nay. Hãy kiểm tra lại."


class LetterViews:
    """``GET`` and ``POST /staff/batches/{batch}/letter``."""

    def __init__(self, settings: Settings, store: Store, guard: Guard, pages: Pages, comments: CommentViews):
        self._settings, self._store, self._guard, self._pages = settings, store, guard, pages
        self._comments = comments

    async def form(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "letters.enter")
        batch = self._comments.find_batch(request.path_params["batch"])
        return self._page(present, batch, {}, {}, request.query_params.get("done"),
                          outside=request.query_params.get("outside") == "1")

    async def submit(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "letters.enter")
        batch = self._comments.find_batch(request.path_params["batch"])
        data = await read_form(request)
        problems: dict[str, str] = {}
        comment = self._comment(batch, data, problems)
        dated = self._dated(data.get("dated", ""), problems)
        if problems or comment is None or dated is None:
            return self._page(present, batch, data, problems, status=400)
        try:
            code, outside = await call_store(enter_comment, self._store, batch, comment, dated,
                                             present.account.name, self._settings.clock(),
                                             data.get("again") == "on")
        except AlreadyEntered as already:
            return self._page(present, batch, data, {}, status=409, already=already)
        return see_other(f"/staff/batches/{batch.id}/letter?done={code}&outside={int(outside)}")

    def _comment(self, batch: NominationBatch, data: dict[str, str], problems: dict[str, str]) -> NewComment | None:
        try:
            return check_entry(data, batch, self._settings.limits)
        except ServiceError as error:
            problems.update(error.fields)
            return None

    def _dated(self, text: str, problems: dict[str, str]) -> datetime | None:
        try:
            day, clock = parse_moment(text.strip())
        except ValueError:
            problems["dated"] = BAD_DATE
            return None
        dated = datetime.combine(day, clock or datetime.min.time(), tzinfo=VIETNAM)
        if dated.date() > self._settings.clock().astimezone(VIETNAM).date():
            problems["dated"] = FUTURE
            return None
        return dated

    def _page(self, present: Present, batch: NominationBatch, data: dict[str, str], problems: dict[str, str],
              done: str | None = None, status: int = 200, outside: bool = False,
              already: AlreadyEntered | None = None) -> Response:
        """The form; after :class:`AlreadyEntered`, with the earlier receipt and the box that says
        "a second one" (never ticked in advance), what was typed kept."""
        return self._pages.render(
            "letter.html", status, present=present, csrf=present.session.csrf_token, batch=batch,
            channels=CHANNELS, data=data, problems=problems, receipt=normalise_receipt(done or ""),
            outside=outside, already=already)
