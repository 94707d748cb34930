"""Signing in to the staff console: cookies, new session ids, the second factor, throttling."""

from __future__ import annotations

from dataclasses import replace

from staff_support import (
    ADMIN_SECRET,
    PASSWORD,
    POSTED,
    csrf_of,
    post_sign_in,
    sign_in_admin,
    sign_in_form_token,
    staff_client,
)

from starlette.testclient import TestClient

from site_builder.comments import create_app
from site_builder.comments.accounts.second_factor import code_at
from site_builder.comments.store.audit_log import audit_entries


def _use_session(client, token: str) -> None:
    client.cookies.clear()
    client.cookies.set("staff_session", token, domain="testserver.local", path="/staff")


def _set_cookie(response) -> str:
    return "\n".join(response.headers.get_list("set-cookie"))


def test_the_session_cookie_is_httponly_strict_secure_and_scoped_to_staff(console, staff):
    answer = post_sign_in(console, staff.officer)

    assert answer.status_code == 303 and answer.headers["location"] == "/staff/"
    cookie = next(line for line in answer.headers.get_list("set-cookie") if line.startswith("staff_session="))
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite=strict", "path=/staff"} <= flags
    assert not any(flag.startswith(("max-age", "expires", "domain")) for flag in flags)


def test_an_officer_signs_in_and_sees_the_batches(console, staff):
    post_sign_in(console, staff.officer)
    home = console.get("/staff/")

    assert home.status_code == 200
    assert "<h1>Các đợt lấy ý kiến</h1>" in home.text
    assert home.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in home.headers["content-security-policy"]
    assert home.headers["x-frame-options"] == "DENY"
    assert home.headers["referrer-policy"] == "same-origin"  # nothing to other sites; see pages.py


def test_the_session_id_changes_at_sign_in_and_after_the_second_factor(console, staff, clock):
    _use_session(console, "an-id-planted-by-someone-else")
    first = post_sign_in(console, staff.admin)
    after_password = console.cookies.get("staff_session")
    form = console.get("/staff/second-factor")
    console.post("/staff/second-factor", headers=POSTED,
                 data={"code": code_at(ADMIN_SECRET, clock.now), "csrf": csrf_of(form.text)})
    after_code = console.cookies.get("staff_session")

    assert first.headers["location"] == "/staff/second-factor"
    assert len({"an-id-planted-by-someone-else", after_password, after_code}) == 3
    _use_session(console, after_password)
    assert console.get("/staff/").headers["location"] == "/staff/sign-in"  # the old id is dead


def test_an_admin_without_the_code_cannot_reach_any_page(console, staff):
    post_sign_in(console, staff.admin)

    for path in ("/staff/", "/staff/accounts", "/staff/audit"):
        assert console.get(path).headers["location"] == "/staff/second-factor"


def test_a_code_is_refused_a_second_time(console, staff, clock):
    sign_in_admin(console, clock)
    console.cookies.clear()
    post_sign_in(console, staff.admin)
    form = console.get("/staff/second-factor")
    again = console.post("/staff/second-factor", headers=POSTED,
                         data={"code": code_at(ADMIN_SECRET, clock.now), "csrf": csrf_of(form.text)})

    assert again.status_code == 403
    assert "không đúng" in again.text


def test_the_sixth_attempt_is_refused_even_with_the_right_password_then_unlocked(console, staff, clock):
    answers = [post_sign_in(console, staff.officer, "sai mật khẩu rồi!").status_code for _ in range(5)]
    sixth = post_sign_in(console, staff.officer)

    assert answers == [403] * 5
    assert sixth.status_code == 429 and "15 phút" in sixth.text and sixth.headers["retry-after"] == "900"
    clock.advance(14 * 60)
    assert post_sign_in(console, staff.officer).status_code == 429
    clock.advance(60 + 1)
    assert post_sign_in(console, staff.officer).status_code == 303


def test_an_unknown_name_gets_the_same_answers_as_a_known_one(console, staff, clock, settings, store):
    def attempts(name: str) -> list[tuple[int, str]]:
        client = staff_client(create_app(settings, store=store))
        results = []
        for _ in range(6):
            answer = post_sign_in(client, name, "sai mật khẩu rồi!")
            results.append((answer.status_code, answer.text.split('name="csrf"')[0]))
        return results

    known = attempts(staff.officer)
    clock.advance(16 * 60)  # the address's own count is spent too; let it pass
    unknown = attempts("khong.co.ai")

    assert [status for status, _ in known] == [403] * 5 + [429]
    assert known == unknown


def test_a_disabled_account_with_the_right_password_is_refused_like_a_wrong_one(console, staff, store, clock):
    from site_builder.comments.accounts.management import disable_account

    disable_account(store, staff.disabled, "test", clock.now)
    refused = post_sign_in(console, staff.disabled)
    wrong = post_sign_in(console, staff.officer, "sai mật khẩu rồi!")

    assert refused.status_code == wrong.status_code == 403
    assert refused.text.split('name="csrf"')[0] == wrong.text.split('name="csrf"')[0]


def test_sign_out_ends_the_session_on_the_server(console, staff):
    post_sign_in(console, staff.officer)
    token = console.cookies.get("staff_session")
    csrf = csrf_of(console.get("/staff/").text)

    assert console.post("/staff/sign-out", headers=POSTED, data={"csrf": csrf}).status_code == 200
    _use_session(console, token)
    assert console.get("/staff/").headers["location"] == "/staff/sign-in"


def test_a_session_ends_after_30_idle_minutes(console, staff, clock):
    post_sign_in(console, staff.officer)
    clock.advance(30 * 60 - 1)
    assert console.get("/staff/").status_code == 200
    clock.advance(30 * 60)
    assert console.get("/staff/").headers["location"] == "/staff/sign-in"


def test_a_busy_session_still_ends_12_hours_after_sign_in(console, staff, clock):
    post_sign_in(console, staff.officer)
    for _ in range(24):  # 11 h 36 min, never idle for long
        clock.advance(29 * 60)
        assert console.get("/staff/").status_code == 200
    clock.advance(29 * 60)
    assert console.get("/staff/").headers["location"] == "/staff/sign-in"


def test_every_sign_in_step_is_audited(console, staff, store, clock):
    sign_in_admin(console, clock)
    post_sign_in(console, staff.officer, "sai mật khẩu rồi!")
    post_sign_in(console, "khong.co.ai", "sai mật khẩu rồi!")

    with store.transaction() as handle:
        actions = [(entry.action, entry.subject) for entry in audit_entries(handle)][-4:]
    assert actions == [("sign-in-password-accepted", staff.admin), ("sign-in", staff.admin),
                       ("sign-in-failed", staff.officer), ("sign-in-failed", "(không rõ)")]
    assert PASSWORD not in str(actions)


def test_the_form_token_of_the_sign_in_page_is_required(console, staff):
    sign_in_form_token(console)
    answer = console.post("/staff/sign-in", headers=POSTED,
                          data={"name": staff.officer, "password": PASSWORD, "csrf": "guess"})

    assert answer.status_code == 403
    assert "staff_session" not in _set_cookie(answer)


def test_a_console_opened_at_its_own_origin_takes_forms_from_there_only(staff, settings, store):
    """A local preview has no proxy to put the console on the site's origin (``--staff-origin``)."""
    own = "http://127.0.0.1:8001"
    preview = replace(settings, staff=replace(settings.staff, origin=own, insecure_cookie=True))
    console = TestClient(create_app(preview, store=store), base_url=own, follow_redirects=False)

    def sign_in_from(origin: str):
        token = sign_in_form_token(console)
        return console.post("/staff/sign-in", headers={"Origin": origin},
                            data={"name": staff.officer, "password": PASSWORD, "csrf": token})

    refused = sign_in_from(settings.origin)
    assert refused.status_code == 403 and "không gửi từ trang quản lý" in refused.text
    answer = sign_in_from(own)
    assert answer.status_code == 303 and answer.headers["location"] == "/staff/"
    assert console.get("/staff/").status_code == 200
