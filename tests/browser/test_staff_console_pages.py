"""The staff console in Chromium: clean under axe at 1280 and 375 px, and signed into by keyboard.

A real ``site-builder comments serve`` on loopback (plain HTTP, so with
``--staff-insecure-cookie``, which only a loopback address allows), its
accounts made in the register as ``staff add`` would.
"""

from __future__ import annotations

from contextlib import closing
from datetime import datetime

import pytest
from browser_support import (
    PageWatch,
    axe_violations,
    horizontal_overflow,
    main_heading,
    wider_than_window,
)
from comments.comments_server import ServerProcess
from comments.comments_support import CLOSED, NOMINEE, OPEN, write_records

from site_builder.comments.accounts.management import add_account
from site_builder.comments.accounts.second_factor import code_at
from site_builder.comments.handling.status_changes import StatusChange, change_status
from site_builder.comments.store.register import NewComment, open_store
from site_builder.comments.store.staff_accounts import find_account, update_account
from site_builder.model.vntime import VIETNAM

PASSWORD = "một câu mật khẩu dài"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
WIDTHS = [1280, 375]


@pytest.fixture(scope="module")
def console_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("console")
    database = f"sqlite:///{folder / 'comments.sqlite3'}"
    now = datetime.now(VIETNAM)
    with closing(open_store(database)) as store:
        add_account(store, "can.bo", "officer", PASSWORD, "test", now)
        code = store.add(NewComment(batch=OPEN, nominee=NOMINEE, name="Nguyễn Văn Thành",
                                    contact="0912 345 678", address="Thôn Đông, xã Hải Hậu",
                                    text="Hợp tác xã giúp bà con tiêu thụ lúa với giá ổn định."), now).code
        change_status(store, [code], StatusChange("referred", "Chuyển Thanh tra tỉnh"), "test", now)
        store.add(NewComment(batch=CLOSED, nominee=NOMINEE, name="Trần Thị Lan", contact="0912 000 111",
                             text="Chưa xử lý: trang xác nhận công bố cảnh báo."), now)
        for width in WIDTHS:  # one administrator per test: a code is never accepted twice
            add_account(store, f"quan.tri.{width}", "admin", PASSWORD, "test", now)
            with store.transaction() as handle:
                update_account(handle, find_account(handle, f"quan.tri.{width}").id, now,
                               totp_secret=SECRET, totp_enrolled=True)
    service = ServerProcess(write_records(folder / "records"), database, folder / "service.log",
                            "--staff-insecure-cookie")
    base = f"http://127.0.0.1:{service.port}"
    service._arguments += ["--origin", base]
    service.start()
    yield base
    service.stop()


def _sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/staff/sign-in")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    if name.startswith("quan.tri"):
        page.fill("#code", code_at(SECRET, datetime.now(VIETNAM)))
        page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/staff/")


def _check(page, watch: PageWatch) -> None:
    assert main_heading(page), "the page needs exactly one h1"
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert axe_violations(page) == []
    assert horizontal_overflow(page) <= 0, wider_than_window(page)
    assert watch.problems() == []


@pytest.mark.parametrize("width", WIDTHS)
def test_officer_pages_are_accessible_and_fit(browser, console_url, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    watch = PageWatch.attach(page)
    page.goto(f"{console_url}/staff/sign-in")
    _check(page, watch)
    _sign_in(page, console_url, "can.bo")
    for path in ("/staff/", f"/staff/batches/{OPEN}", f"/staff/batches/{OPEN}/nominees/{NOMINEE}",
                 "/staff/search?q=nguyen+van", f"/staff/batches/{OPEN}/letter", f"/staff/batches/{CLOSED}/publish",
                 "/staff/second-factor/enrol"):
        page.goto(f"{console_url}{path}")
        _check(page, watch)
    assert page.locator("main svg title").count() == 1  # the QR code says what it is
    page.goto(f"{console_url}/staff/batches/{OPEN}/nominees/{NOMINEE}")
    page.locator("details summary").first.click()  # the history opens without a script of ours
    _check(page, watch)
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_admin_pages_are_accessible_and_fit(browser, console_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    watch = PageWatch.attach(page)
    _sign_in(page, console_url, f"quan.tri.{width}")
    for path in ("/staff/accounts", "/staff/audit"):
        page.goto(f"{console_url}{path}")
        _check(page, watch)
    assert all(not request.startswith(("http://", "https://")) or request.startswith(console_url)
               for request in watch.requests)
    context.close()


def test_signed_in_with_the_keyboard_alone(browser, console_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{console_url}/staff/sign-in")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "name"
    page.keyboard.type("can.bo")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{console_url}/staff/")
    assert main_heading(page) == "Các đợt lấy ý kiến"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link moves the focus to the main content
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


def test_a_letter_without_phone_or_email_is_entered_and_problems_show_by_their_fields(browser, console_url):
    """The browser lets the form go (no English popup); the server's Vietnamese problem stands next to
    the field, which says it is invalid; a name and an address are then enough for a letter."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    watch = PageWatch.attach(page)
    _sign_in(page, console_url, "can.bo")
    page.goto(f"{console_url}/staff/batches/{OPEN}/letter")
    page.select_option("#nominee", NOMINEE)
    page.select_option("#channel", "post")
    page.fill("#dated", f"{datetime.now(VIETNAM):%d/%m/%Y}")
    page.fill("#name", "Đỗ Văn Thư")
    page.fill("#text", "Thư tay góp ý: hợp tác xã làm đúng như báo cáo.")
    page.click("main button[type=submit]")
    page.wait_for_selector("#address-problem")
    assert page.get_attribute("#address", "aria-invalid") == "true"
    assert "địa chỉ" in page.inner_text("#address-problem")
    assert page.input_value("#name") == "Đỗ Văn Thư"
    # The refusal is answered 400 on purpose, which Chromium logs; nothing else may be.
    assert [error for error in watch.console_errors if "status of 400" in error and "/letter" in error]
    watch.console_errors.clear()
    _check(page, watch)
    page.fill("#address", "Xóm 5, xã Hải Hậu")
    page.click("main button[type=submit]")
    assert "Đã lưu với mã biên nhận" in page.inner_text("main p.done")
    _check(page, watch)
    page.close()
