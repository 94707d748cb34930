"""Every ``/staff/`` route, in one table; :func:`site_builder.comments.http.app.create_app` adds them.

Each view's first line is its permission check (:class:`.guard.Guard`), except
the sign-in form and the stylesheet, which are for everyone.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from site_builder.comments.batches import BatchSource
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import Store

from .account_views import AccountViews
from .audit_views import AuditViews
from .batch_action_views import BatchActionViews
from .comment_views import CommentViews
from .enrol_views import EnrolViews
from .guard import Guard
from .home_views import HomeViews
from .letter_views import LetterViews
from .pages import Pages
from .signin_views import SignInViews

_STYLESHEET = Path(__file__).parent / "static" / "console.css"


def staff_routes(settings: Settings, store: Store, batches: BatchSource, origin: str | None) -> list[Route]:
    guard, pages = Guard(settings, store, origin), Pages()
    home = HomeViews(settings, store, batches, guard, pages)
    signin = SignInViews(settings, store, guard, pages)
    enrol = EnrolViews(settings, store, guard, pages)
    accounts = AccountViews(settings, store, guard, pages)
    audit = AuditViews(settings, store, guard, pages)
    comments = CommentViews(settings, store, batches, guard, pages)
    actions = BatchActionViews(settings, store, guard, pages, comments)
    letters = LetterViews(settings, store, guard, pages, comments)
    return [
        Route("/staff/", home.index, methods=["GET"]),
        Route("/staff/console.css", stylesheet, methods=["GET"]),
        Route("/staff/sign-in", signin.form, methods=["GET"]),
        Route("/staff/sign-in", signin.submit, methods=["POST"]),
        Route("/staff/second-factor", signin.code_form, methods=["GET"]),
        Route("/staff/second-factor", signin.code_submit, methods=["POST"]),
        Route("/staff/second-factor/enrol", enrol.form, methods=["GET"]),
        Route("/staff/second-factor/enrol", enrol.submit, methods=["POST"]),
        Route("/staff/sign-out", signin.sign_out, methods=["POST"]),
        Route("/staff/accounts", accounts.index, methods=["GET"]),
        Route("/staff/accounts", accounts.create, methods=["POST"]),
        Route("/staff/accounts/{name}/disable", accounts.disable, methods=["POST"]),
        Route("/staff/accounts/{name}/password", accounts.reset_password, methods=["POST"]),
        Route("/staff/audit", audit.index, methods=["GET"]),
        Route("/staff/search", comments.search, methods=["GET"]),
        Route("/staff/batches/{batch}", comments.batch, methods=["GET"]),
        Route("/staff/batches/{batch}/nominees/{nominee}", comments.nominee, methods=["GET"]),
        Route("/staff/batches/{batch}/nominees/{nominee}/spam", comments.mark_spam, methods=["POST"]),
        Route("/staff/comments/status", comments.set_status, methods=["POST"]),
        Route("/staff/batches/{batch}/report", actions.report, methods=["POST"]),
        Route("/staff/batches/{batch}/publish", actions.confirm, methods=["GET"]),
        Route("/staff/batches/{batch}/publish", actions.publish, methods=["POST"]),
        Route("/staff/batches/{batch}/letter", letters.form, methods=["GET"]),
        Route("/staff/batches/{batch}/letter", letters.submit, methods=["POST"]),
    ]


async def stylesheet(request: Request) -> Response:
    """The console's one stylesheet, from the service itself (the CSP allows no other host)."""
    return Response(_STYLESHEET.read_bytes(), media_type="text/css",
                    headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})
