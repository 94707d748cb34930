"""Device cookies: guessing an officer's password elsewhere cannot lock the officer out."""

from __future__ import annotations

import json

from staff_support import PASSWORD, post_sign_in, sign_in_admin, staff_client

from site_builder.comments import create_app
from site_builder.comments.accounts.management import disable_account, reset_password, reset_second_factor
from site_builder.comments.store.audit_log import audit_entries
from site_builder.comments.store.staff_devices import DEVICE_LIFETIME

WRONG = "sai mật khẩu rồi!"


def _signed_in_once(settings, store, name: str, clock=None):
    """A browser that completed a sign-in of ``name`` (and so holds its device cookie), then signed out."""
    browser = staff_client(create_app(settings, store=store))
    if clock is not None:
        sign_in_admin(browser, clock, name)
    else:
        assert post_sign_in(browser, name).headers["location"] == "/staff/"
    assert browser.cookies.get("staff_device")
    browser.cookies.delete("staff_session")
    return browser


def _guess(settings, store, name: str, times: int = 6) -> list[int]:
    """Someone else, in another browser, guessing ``name``'s password."""
    attacker = staff_client(create_app(settings, store=store))
    return [post_sign_in(attacker, name, WRONG).status_code for _ in range(times)]


def test_the_officer_s_own_browser_still_signs_in_while_someone_else_guesses(console, staff, settings, store):
    officer = _signed_in_once(settings, store, staff.officer)

    assert _guess(settings, store, staff.officer) == [403] * 5 + [429]
    assert post_sign_in(console, staff.officer).status_code == 429  # a browser it has never seen
    answer = post_sign_in(officer, staff.officer)
    assert answer.status_code == 303 and answer.headers["location"] == "/staff/"
    assert officer.get("/staff/").status_code == 200


def test_the_second_step_is_not_locked_either(console, staff, settings, store, clock):
    admin = _signed_in_once(settings, store, staff.admin, clock)
    clock.advance(31)  # the next code

    assert _guess(settings, store, staff.admin) == [403] * 5 + [429]
    sign_in_admin(admin, clock)


def test_a_device_s_own_wrong_guesses_lock_that_device(console, staff, settings, store, clock):
    officer = _signed_in_once(settings, store, staff.officer)

    assert [post_sign_in(officer, staff.officer, WRONG).status_code for _ in range(5)] == [403] * 5
    assert post_sign_in(officer, staff.officer).status_code == 429
    clock.advance(15 * 60 + 1)
    assert post_sign_in(officer, staff.officer).status_code == 303


def test_a_device_cookie_vouches_only_for_its_own_account(console, staff, settings, store, clock):
    browser = _signed_in_once(settings, store, staff.officer)

    assert _guess(settings, store, staff.admin) == [403] * 5 + [429]
    assert post_sign_in(browser, staff.admin).status_code == 429


def test_the_device_cookie_is_long_lived_httponly_strict_secure_and_scoped_to_staff(console, staff, store):
    answer = post_sign_in(console, staff.officer)

    cookie = next(line for line in answer.headers.get_list("set-cookie") if line.startswith("staff_device="))
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite=strict", "path=/staff",
            f"max-age={int(DEVICE_LIFETIME.total_seconds())}"} <= flags
    token = cookie.split(";")[0].split("=", 1)[1]
    with store.transaction() as handle:
        kept = [row[0] for row in handle.all("SELECT token_hash FROM staff_devices")]
    assert len(kept) == 1 and token not in kept  # only its hash is kept


def test_a_browser_that_has_one_is_not_given_another(console, staff, settings, store):
    officer = _signed_in_once(settings, store, staff.officer)
    again = post_sign_in(officer, staff.officer)

    assert not any(line.startswith("staff_device=") for line in again.headers.get_list("set-cookie"))
    with store.transaction() as handle:
        assert handle.one("SELECT count(*) FROM staff_devices")[0] == 1


def test_a_password_reset_a_second_factor_reset_or_disabling_forgets_the_account_s_devices(
        console, staff, settings, store, clock):
    for change in (lambda: reset_password(store, staff.officer, PASSWORD, "quan.tri", clock.now),
                   lambda: reset_second_factor(store, staff.officer, "quan.tri", clock.now)):
        officer = _signed_in_once(settings, store, staff.officer)
        change()
        assert _guess(settings, store, staff.officer) == [403] * 5 + [429]
        assert post_sign_in(officer, staff.officer).status_code == 429
        clock.advance(15 * 60 + 1)
    _signed_in_once(settings, store, staff.disabled)
    disable_account(store, staff.disabled, "quan.tri", clock.now)
    with store.transaction() as handle:
        assert handle.one("SELECT count(*) FROM staff_devices")[0] == 0


def test_an_expired_device_cookie_counts_for_nothing(console, staff, settings, store, clock):
    officer = _signed_in_once(settings, store, staff.officer)
    clock.advance(DEVICE_LIFETIME.total_seconds())

    assert _guess(settings, store, staff.officer) == [403] * 5 + [429]
    assert post_sign_in(officer, staff.officer).status_code == 429


def test_a_sign_in_from_a_new_browser_is_marked_in_the_audit_trail(console, staff, settings, store):
    officer = _signed_in_once(settings, store, staff.officer)
    post_sign_in(officer, staff.officer)

    with store.transaction() as handle:
        signed_in = [json.loads(entry.new_value) for entry in audit_entries(handle) if entry.action == "sign-in"]
    assert [entry.get("new_device", False) for entry in signed_in] == [True, False]
