"""Who may reach which ``/staff/`` route: every route against every kind of visitor.

A refusal must have the right status and carry nothing from the register: no
comment text, no commenter's name or contact, in the body or the headers.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from comments_support import NOMINEE, OPEN
from staff_support import (
    POSTED,
    SECRET_CONTACT,
    SECRET_NAME,
    SECRET_TEXT,
    session_for,
)

from site_builder.comments.store.staff_accounts import find_account, list_accounts, update_account

GET, POST = "GET", "POST"
# (method, path, who may: "anyone", "staff" (signed in), "admin", "second-factor" (half signed in),
# "sign-in form": whoever has the sign-in page's token, which no visitor here has: the sign-in
# itself, with that token, is in test_staff_signin.py)
ROUTES = [
    (GET, "/staff/", "staff"),
    (GET, "/staff/console.css", "anyone"),
    (GET, "/staff/sign-in", "anyone"),
    (POST, "/staff/sign-in", "sign-in form"),
    (GET, "/staff/second-factor", "second-factor"),
    (POST, "/staff/second-factor", "second-factor"),
    (GET, "/staff/second-factor/enrol", "staff"),
    (POST, "/staff/second-factor/enrol", "staff"),
    (POST, "/staff/sign-out", "staff"),
    (GET, "/staff/accounts", "admin"),
    (POST, "/staff/accounts", "admin"),
    (POST, "/staff/accounts/can.bo/disable", "admin"),
    (POST, "/staff/accounts/can.bo/password", "admin"),
    (GET, "/staff/audit", "admin"),
    (GET, "/staff/search", "staff"),
    (GET, f"/staff/batches/{OPEN}", "staff"),
    (GET, f"/staff/batches/{OPEN}/nominees/{NOMINEE}", "staff"),
    (POST, f"/staff/batches/{OPEN}/nominees/{NOMINEE}/spam", "staff"),
    (POST, "/staff/comments/status", "staff"),
    (POST, f"/staff/batches/{OPEN}/report", "staff"),
    (GET, f"/staff/batches/{OPEN}/publish", "staff"),
    (POST, f"/staff/batches/{OPEN}/publish", "staff"),
    (GET, f"/staff/batches/{OPEN}/letter", "staff"),
    (POST, f"/staff/batches/{OPEN}/letter", "staff"),
]
FORMS = {"/staff/accounts": {"name": "ke.xam.nhap", "role": "admin", "password": "mật khẩu của kẻ xâm nhập"},
         "/staff/accounts/can.bo/password": {"password": "mật khẩu của kẻ xâm nhập"},
         "/staff/comments/status": {"receipt": "ZZZZ-ZZZZ", "status": "reviewed"}}
# The path parameters as the app's routes spell them.
TEMPLATES = {"can.bo": "{name}", OPEN: "{batch}", NOMINEE: "{nominee}"}


def _template(path: str) -> str:
    for value, name in TEMPLATES.items():
        path = path.replace(value, name)
    return path


def test_the_table_lists_every_staff_route_of_the_app(console):
    served = {(method, route.path) for route in console.app.routes
              for method in getattr(route, "methods", None) or () if route.path.startswith("/staff")
              and method != "HEAD"}
    listed = {(method, _template(path)) for method, path, _ in ROUTES}
    assert served == listed


def _visitor(kind: str, store, clock, staff) -> tuple[str | None, str | None, dict[str, str]]:
    """(session cookie, CSRF token, headers) of one kind of visitor."""
    now = clock.now
    if kind == "anonymous":
        return None, None, POSTED
    if kind in ("officer", "admin"):
        return (*session_for(store, getattr(staff, kind), now), POSTED)
    if kind == "disabled account":  # the flag alone, sessions not revoked: checked on every request
        token, csrf = session_for(store, staff.disabled, now)
        with store.transaction() as handle:
            update_account(handle, find_account(handle, staff.disabled).id, now, disabled=True)
        return token, csrf, POSTED
    if kind == "idle session":
        return (*session_for(store, staff.admin, now - timedelta(minutes=31)), POSTED)
    if kind == "expired session":
        token, csrf = session_for(store, staff.admin, now - timedelta(hours=12, minutes=1))
        with store.transaction() as handle:  # seen a minute ago: only the absolute limit is past
            handle.execute("UPDATE staff_sessions SET last_seen_at = ?", (now - timedelta(minutes=1),))
        return token, csrf, POSTED
    if kind == "half signed in":
        return (*session_for(store, staff.admin, now, "second-factor"), POSTED)
    token, csrf = session_for(store, staff.admin, now)
    if kind == "foreign origin":
        return token, csrf, {"Origin": "https://thiduakhenthuong.example.gov.vn.evil.example"}
    if kind == "foreign referer":
        return token, csrf, {"Referer": "https://evil.example/staff/"}
    if kind == "no origin":
        return token, csrf, {}
    if kind == "missing csrf":
        return token, None, POSTED
    assert kind == "wrong csrf"
    return token, csrf[:-2] + "xx", POSTED


def _expected(kind: str, method: str, path: str, who: str) -> int | str:
    """The status a visitor gets; "ok" when the route serves it."""
    if who == "sign-in form":
        return 403
    if who == "anyone":
        return 403 if method == POST and kind in ("foreign origin", "foreign referer", "no origin") else "ok"
    if kind in ("foreign origin", "foreign referer", "no origin", "missing csrf", "wrong csrf"):
        return 403 if method == POST else "ok"
    if kind in ("anonymous", "disabled account", "idle session", "expired session"):
        return 303 if method == GET else 403
    if kind == "half signed in":
        return "ok" if who in ("second-factor",) or path == "/staff/sign-out" else (303 if method == GET else 403)
    if who == "second-factor":  # a signed-in session has nothing more to type
        return 303 if method == GET else 403
    return 403 if who == "admin" and kind == "officer" else "ok"


KINDS = ["anonymous", "officer", "admin", "disabled account", "idle session", "expired session",
         "half signed in", "foreign origin", "foreign referer", "no origin", "missing csrf", "wrong csrf"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("method", "path", "who"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_authorization_matrix(console, store, clock, staff, kind, method, path, who):
    token, csrf, headers = _visitor(kind, store, clock, staff)
    if token:
        console.cookies.set("staff_session", token, domain="testserver.local", path="/staff")
    data = {**FORMS.get(path, {}), **({"csrf": csrf} if csrf else {})}
    before = _accounts(store)

    answer = console.request(method, path, headers=headers, data=data if method == POST else None)

    expected = _expected(kind, method, path, who)
    if expected == "ok":  # served: not the guard's refusal page, not sent to sign in
        assert "<h1>Không thực hiện được</h1>" not in answer.text
        assert answer.headers.get("location") != "/staff/sign-in"
        return
    assert answer.status_code == expected, answer.text
    if expected == 303:
        assert answer.headers["location"] in ("/staff/sign-in", "/staff/second-factor", "/staff/")
    everything = answer.text + str(answer.headers)
    for secret in (SECRET_TEXT, SECRET_NAME, SECRET_CONTACT):
        assert secret not in everything
    assert _accounts(store) == before  # a refused post changed nothing


def _accounts(store) -> list[tuple]:
    """The accounts and the comments' statuses: what a refused post must leave as it was."""
    with store.transaction() as handle:
        return [(a.name, a.disabled, a.password_hash) for a in list_accounts(handle)] + \
            handle.all("SELECT receipt, status FROM comments ORDER BY id")
