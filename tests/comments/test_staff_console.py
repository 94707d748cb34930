"""The console's pages: enrolling the second factor, the administrator's accounts and audit pages."""

from __future__ import annotations

import re

from comments_support import ORIGIN
from staff_support import POSTED, csrf_of, post_sign_in, sign_in_admin, staff_client

from site_builder.comments import Settings, SpamRules, StaffRules, create_app
from site_builder.comments.accounts.second_factor import code_at
from site_builder.comments.store.audit_log import append_audit, audit_entries
from site_builder.comments.store.staff_accounts import find_account


def _secret(page: str) -> str:
    return re.search(r'name="secret" value="([A-Z2-7]{32})"', page).group(1)


def test_required_enrolment_shows_a_qr_code_once_and_needs_a_valid_code(records, database_url, clock, store,
                                                                          staff):
    settings = Settings(records=records, database_url=database_url, origin=ORIGIN, clock=clock,
                        spam=SpamRules(min_seconds=0, rate_limit=0), staff=StaffRules(require_totp=True))
    console = staff_client(create_app(settings, store=store))
    assert post_sign_in(console, staff.officer).headers["location"] == "/staff/second-factor/enrol"
    assert console.get("/staff/").headers["location"] == "/staff/second-factor/enrol"
    page = console.get("/staff/second-factor/enrol")
    secret, csrf, before = _secret(page.text), csrf_of(page.text), console.cookies.get("staff_session")

    assert "<svg" in page.text and "<title>" in page.text and "src=" not in page.text
    wrong = console.post("/staff/second-factor/enrol", headers=POSTED,
                         data={"csrf": csrf, "secret": secret, "code": "000000"})
    right = console.post("/staff/second-factor/enrol", headers=POSTED,
                         data={"csrf": csrf, "secret": secret, "code": code_at(secret, clock.now)})

    assert wrong.status_code == 400 and "Mã chưa đúng" in wrong.text
    assert right.status_code == 303 and console.cookies.get("staff_session") != before
    with store.transaction() as handle:
        account = find_account(handle, staff.officer)
        assert (account.totp_enrolled, account.totp_secret) == (True, secret)
        assert audit_entries(handle)[-1].action == "second-factor-enrolled"
    again = console.get("/staff/second-factor/enrol")
    assert again.status_code == 200 and "name=\"secret\"" not in again.text and secret not in again.text


def test_the_admin_creates_disables_and_resets_accounts_from_the_page(console, store, clock, staff,
                                                                       settings):
    officer = staff_client(create_app(settings, store=store))
    post_sign_in(officer, staff.officer)
    csrf = sign_in_admin(console, clock)

    created = console.post("/staff/accounts", headers=POSTED,
                           data={"csrf": csrf, "name": "Moi.Vao", "role": "officer",
                                 "password": "mật khẩu đầu tiên đủ dài"})
    duplicate = console.post("/staff/accounts", headers=POSTED,
                             data={"csrf": csrf, "name": "moi.vao", "role": "officer",
                                   "password": "mật khẩu đầu tiên đủ dài"})
    short = console.post("/staff/accounts", headers=POSTED,
                         data={"csrf": csrf, "name": "ngan.qua", "role": "officer", "password": "ngắn"})
    disabled = console.post(f"/staff/accounts/{staff.officer}/disable", headers=POSTED, data={"csrf": csrf})
    reset = console.post("/staff/accounts/moi.vao/password", headers=POSTED,
                         data={"csrf": csrf, "password": "một mật khẩu mới hoàn toàn"})

    assert created.headers["location"] == "/staff/accounts?done=created"
    assert duplicate.status_code == 400 and "Đã có tài khoản" in duplicate.text
    assert short.status_code == 400 and "ít nhất 12 ký tự" in short.text
    assert disabled.headers["location"] == "/staff/accounts?done=disabled"
    assert reset.headers["location"] == "/staff/accounts?done=password"
    assert officer.get("/staff/").headers["location"] == "/staff/sign-in"  # ended at once
    with store.transaction() as handle:
        mine = [(e.actor, e.action, e.subject) for e in audit_entries(handle) if e.actor == staff.admin]
    assert mine[-3:] == [(staff.admin, "account-created", "moi.vao"),
                         (staff.admin, "account-disabled", staff.officer),
                         (staff.admin, "password-reset", "moi.vao")]
    page = console.get("/staff/accounts")
    assert "moi.vao" in page.text and "Đã khóa" in page.text


def test_the_audit_page_lists_the_trail_and_says_it_holds(console, clock, staff):
    sign_in_admin(console, clock)
    page = console.get("/staff/audit")

    assert page.status_code == 200
    assert "còn nguyên vẹn" in page.text
    assert "Đăng nhập" in page.text and staff.admin in page.text


def test_the_audit_page_names_the_newer_actions_in_vietnamese(console, store, clock, staff):
    with store.transaction() as handle:
        for action in ("second-factor-reset", "figures-publish-repeated", "digest-sent"):
            append_audit(handle, clock.now, "cli:test", action, "dot-1")
    sign_in_admin(console, clock)

    page = console.get("/staff/audit").text

    assert "Gỡ xác thực hai bước" in page and "Công bố lại số ý kiến" in page
    assert "Gửi thư báo ý kiến mới" in page and "digest-sent" not in page


def test_the_stylesheet_is_served_by_the_service(console):
    css = console.get("/staff/console.css")

    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "#a8201a" in css.text  # the site's primary colour
