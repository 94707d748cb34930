"""A citizen comments from a comment-period page against a real comment service."""

from __future__ import annotations

import csv
import subprocess

from comments.comments_server import serve_command


def _fill(page):
    page.get_by_text("Gửi ý kiến về Nguyễn Thị Hoà").click()
    page.get_by_label("Họ và tên *").fill("Trần Văn Bình")
    page.get_by_label("Số điện thoại hoặc thư điện tử *").fill("0912 345 678")
    page.get_by_label("Địa chỉ", exact=True).fill("xã Hải Đông, Ninh Bình")
    page.get_by_label("Nội dung ý kiến *").fill("Tôi xác nhận chị Hoà có nhiều đóng góp cho hợp tác xã.")
    page.get_by_label("Tôi đồng ý", exact=False).check()


def _export(database: str, folder) -> list[dict]:
    output = folder / "export.csv"
    subprocess.run([*serve_command(), "comments", "export", "--batch", "dot-1", "--format", "csv",
                    "--output", str(output), "--database", database], check=True)
    with output.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_comment_with_javascript_shows_the_receipt_in_place(browser, site_and_service):
    url, database, folder = site_and_service
    page = browser.new_page()
    page.goto(url)
    _fill(page)
    page.get_by_role("button", name="Gửi ý kiến").click()
    panel = page.locator("#nguyen-thi-hoa .sb-receipt")
    panel.wait_for()
    receipt = panel.locator(".sb-receipt__code").inner_text()
    assert len(receipt) == 9 and receipt[4] == "-"
    rows = _export(database, folder)
    assert len(rows) == 1
    assert "Tôi xác nhận chị Hoà có nhiều đóng góp cho hợp tác xã." in rows[0].values()
    assert receipt in rows[0].values()
    page.close()


def test_field_errors_are_shown_and_announced(browser, site_and_service):
    url, _database, _folder = site_and_service
    page = browser.new_page()
    page.goto(url)
    _fill(page)
    page.get_by_label("Số điện thoại hoặc thư điện tử *").fill("không có")
    page.get_by_role("button", name="Gửi ý kiến").click()
    error = page.locator("#c-nguyen-thi-hoa-contact-error")
    error.wait_for()
    assert error.inner_text()
    assert page.get_by_label("Số điện thoại hoặc thư điện tử *").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "c-nguyen-thi-hoa-contact"
    page.close()


def test_comment_without_javascript_gets_a_receipt_page(browser, site_and_service):
    url, database, folder = site_and_service
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    _fill(page)
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_load_state()
    # The post answered 303: the receipt has an address of its own, so a reload sends nothing.
    assert "/bien-nhan/" in page.url and "api/comments" not in page.url
    page.reload()
    page.reload()
    body = page.locator("body").inner_text()
    rows = _export(database, folder)
    assert len(rows) == 1
    receipt = next(value for value in rows[0].values() if len(value) == 9 and value[4:5] == "-")
    assert receipt in body
    context.close()
