"""The administrator's accounts page: list, create, disable, set a new password.

Each change goes through :mod:`site_builder.comments.accounts.management`, the
same code as the command line, so it is checked and audited the same way, with
the administrator's account name as the actor.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from site_builder.comments.accounts import management
from site_builder.comments.accounts.management import AccountProblem
from site_builder.comments.accounts.passwords import MIN_LENGTH, PasswordRefused
from site_builder.comments.accounts.presence import Present
from site_builder.comments.http.offload import call_store
from site_builder.comments.settings import Settings
from site_builder.comments.store.register import Store

from .guard import Guard, read_form
from .pages import Pages, see_other

SHORT_PASSWORD = f"Mật khẩu phải dài ít nhất {MIN_LENGTH} ký tự (nên dùng một câu dễ nhớ)."


class AccountViews:
    """``/staff/accounts`` and its actions."""

    def __init__(self, settings: Settings, store: Store, guard: Guard, pages: Pages):
        self._settings, self._store, self._guard, self._pages = settings, store, guard, pages

    async def index(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "accounts.manage")
        return await self._page(present, request.query_params.get("done"))

    async def create(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "accounts.manage")
        data = await read_form(request)
        return await self._change(present, "created", management.add_account, data.get("name", ""),
                                  data.get("role", ""), data.get("password", ""))

    async def disable(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "accounts.manage")
        return await self._change(present, "disabled", management.disable_account,
                                  request.path_params["name"])

    async def reset_password(self, request: Request) -> Response:
        present = await self._guard.enforce(request, "accounts.manage")
        password = (await read_form(request)).get("password", "")
        return await self._change(present, "password", management.reset_password,
                                  request.path_params["name"], password)

    async def _change(self, present: Present, done: str, change, *arguments: str) -> Response:
        """Run one audited change as this administrator; the page again with the problem, if any."""
        try:
            await call_store(change, self._store, *arguments, present.account.name, self._settings.clock())
        except AccountProblem as problem:
            return await self._page(present, None, problem.vietnamese, 400)
        except PasswordRefused:
            return await self._page(present, None, SHORT_PASSWORD, 400)
        return see_other(f"/staff/accounts?done={done}")

    async def _page(self, present: Present, done: str | None, error: str | None = None,
                    status: int = 200) -> Response:
        accounts = await call_store(management.all_accounts, self._store)
        return self._pages.render("accounts.html", status, present=present, csrf=present.session.csrf_token,
                                  accounts=accounts, done=done, error=error, min_length=MIN_LENGTH)
