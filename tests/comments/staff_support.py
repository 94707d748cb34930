"""Factories for the staff-console tests: accounts, sessions made directly, a signed-in client."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from comments_support import ORIGIN
from starlette.testclient import TestClient

from site_builder.comments.accounts.passwords import hash_password
from site_builder.comments.accounts.second_factor import code_at
from site_builder.comments.store.audit_log import append_audit
from site_builder.comments.store.register import Store
from site_builder.comments.store.staff_accounts import find_account, insert_account, update_account
from site_builder.comments.store.staff_sessions import open_session

PASSWORD = "một câu mật khẩu dài"
ADMIN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SECRET_TEXT = "Nội dung bí mật của người góp ý về hợp tác xã"
SECRET_CONTACT = "0987 654 321"
SECRET_NAME = "Lê Thị Kín Đáo"
POSTED = {"Origin": ORIGIN}


@dataclass(frozen=True)
class Staff:
    officer: str = "can.bo"
    admin: str = "quan.tri"
    disabled: str = "da.khoa"


@cache
def _password_hash() -> str:
    """Hashed once per test run: Argon2 is slow on purpose."""
    return hash_password(PASSWORD)


def make_accounts(store: Store, now) -> Staff:
    """An officer without a second factor, an enrolled admin, and a second officer (to disable)."""
    staff = Staff()
    with store.transaction() as handle:
        for name, role in ((staff.officer, "officer"), (staff.admin, "admin"), (staff.disabled, "officer")):
            insert_account(handle, name, role, _password_hash(), now)
            append_audit(handle, now, "test", "account-created", name, new={"role": role})
        admin = find_account(handle, staff.admin)
        update_account(handle, admin.id, now, totp_secret=ADMIN_SECRET, totp_enrolled=True)
    return staff


def session_for(store: Store, name: str, now, stage: str = "signed-in",
                lifetime: timedelta = timedelta(hours=12)) -> tuple[str, str]:
    """A session made directly in the register: (cookie token, CSRF token)."""
    with store.transaction() as handle:
        account = find_account(handle, name)
        token, session = open_session(handle, account.id, stage, now, lifetime)
    return token, session.csrf_token


def staff_client(app) -> TestClient:
    """HTTPS, so the browser side sends the ``Secure`` cookie back."""
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def sign_in_form_token(client: TestClient) -> str:
    page = client.get("/staff/sign-in")
    assert page.status_code == 200
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def post_sign_in(client: TestClient, name: str, password: str = PASSWORD):
    token = sign_in_form_token(client)
    return client.post("/staff/sign-in", data={"name": name, "password": password, "csrf": token},
                       headers=POSTED)


def csrf_of(page_text: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page_text).group(1)


def sign_in_admin(client: TestClient, clock, name: str = "quan.tri") -> str:
    """The full HTTP sign-in with the second factor; the CSRF token of the signed-in session."""
    assert post_sign_in(client, name).headers["location"] == "/staff/second-factor"
    form = client.get("/staff/second-factor")
    answer = client.post("/staff/second-factor", headers=POSTED,
                         data={"code": code_at(ADMIN_SECRET, clock.now), "csrf": csrf_of(form.text)})
    assert answer.status_code == 303 and answer.headers["location"] == "/staff/"
    return csrf_of(client.get("/staff/").text)
