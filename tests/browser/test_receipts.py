"""Receipts a citizen keeps and can look up, with and without JavaScript, on a phone and a desktop."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from browser_support import check_accessible_and_fits, check_as_without_script
from comments.comments_server import ServerProcess
from helpers import BATCH, BOARD, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.model.vntime import VIETNAM

WIDTHS = [375, 1280]
CODE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}")


@pytest.fixture
def receipts_site(tmp_path, serve):
    """A site with the board and a comment period open, and a service reading the same mkdocs.yml."""
    database = f"sqlite:///{tmp_path / 'comments.sqlite3'}"
    now = datetime.now(VIETNAM).replace(tzinfo=None).isoformat(timespec="seconds")
    config = write_site(tmp_path, now=now, batch=BATCH.replace("closes: 16/11/2026", "closes: 31/12/2099"))
    service = ServerProcess(tmp_path / "exemplars", database, tmp_path / "service.log")
    options = BOARD + f"      comments_url: http://127.0.0.1:{service.port}\n"
    config.write_text(config.read_text(encoding="utf-8").replace("      page_size: 2\n",
                                                                   f"      page_size: 2\n{options}"),
                      encoding="utf-8")
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    base = serve(tmp_path / "site")
    service._arguments += ["--origin", base.rstrip("/")]  # the site config is found next to the records
    service.start()
    yield base, f"http://127.0.0.1:{service.port}/"
    service.stop()


def _fill(page, contact="0912 345 678"):
    page.get_by_text("Gửi ý kiến về Nguyễn Thị Hoà").click()
    page.get_by_label("Họ và tên *").fill("Trần Văn Bình")
    page.get_by_label("Số điện thoại hoặc thư điện tử *").fill(contact)
    page.get_by_label("Địa chỉ", exact=True).fill("xã Hải Đông, Ninh Bình")
    page.get_by_label("Nội dung ý kiến *").fill("Tôi xác nhận chị Hoà có nhiều đóng góp cho hợp tác xã.")
    page.get_by_label("Tôi đồng ý", exact=False).check()


def _one_line(page, selector: str) -> bool:
    """Whether the element's height is one line of its own text."""
    return page.evaluate("""(selector) => {
      const node = document.querySelector(selector);
      const line = parseFloat(getComputedStyle(node).lineHeight) ||
                   parseFloat(getComputedStyle(node).fontSize) * 1.3;
      const box = node.getBoundingClientRect();
      const rects = node.getClientRects().length;
      return rects === 1 && box.height < line * 1.6;
    }""", selector)


def _check_without_script(browser, page, width: int) -> None:
    check_as_without_script(browser, page.content(), page.url, width)


def _board_shown(text: str) -> None:
    assert "Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Ninh Bình" in text
    assert "0229 3871 000" in text and "thiduakhenthuong@example.gov.vn" in text
    assert "Chính sách bảo vệ dữ liệu cá nhân" in text


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_the_post_lands_on_a_receipt_page_that_survives_reloads(browser, receipts_site,
                                                                                   width):
    site, _service = receipts_site
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + "lay-y-kien/dot-1/")
    _fill(page)
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url(re.compile(r"/bien-nhan/"))
    code = CODE.search(page.url).group(0)
    for _ in range(3):
        page.reload()
    text = page.locator("body").inner_text()
    assert code in text and "Nguyễn Thị Hoà" in text and "Trần Văn Bình" not in text
    assert re.search(r"\d\d:\d\d ngày \d\d/\d\d/\d{4}", text)
    _board_shown(text)
    assert page.locator(".sv-code").evaluate("node => getComputedStyle(node).whiteSpace") == "nowrap"
    assert _one_line(page, ".sv-code")
    _check_without_script(browser, page, width)
    # three reloads, one comment: the look-up shows it once and the resend gives the same code
    page.goto(site + "lay-y-kien/dot-1/")
    _fill(page)
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url(re.compile(r"/bien-nhan/"))
    assert CODE.search(page.url).group(0) == code
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_a_refused_post_shows_the_form_filled_in(browser, receipts_site, width):
    site, _service = receipts_site
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + "lay-y-kien/dot-1/")
    _fill(page, contact="không có")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_load_state()
    assert page.get_by_label("Họ và tên *").input_value() == "Trần Văn Bình"
    assert page.get_by_label("Nội dung ý kiến *").input_value().startswith("Tôi xác nhận chị Hoà")
    contact = page.get_by_label("Số điện thoại hoặc thư điện tử *")
    assert contact.input_value() == "không có" and contact.get_attribute("aria-invalid") == "true"
    assert page.locator("#contact-error").inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    _board_shown(page.locator("body").inner_text())
    _check_without_script(browser, page, width)
    contact.fill("0912 345 678")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url(re.compile(r"/bien-nhan/"))
    assert "Đã nhận ý kiến" in page.locator("h1").inner_text()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_with_javascript_the_receipt_panel_keeps_the_code_on_one_line(browser, receipts_site, width):
    site, _service = receipts_site
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + "lay-y-kien/dot-1/")
    _fill(page)
    page.get_by_role("button", name="Gửi ý kiến").click()
    panel = page.locator(".sb-receipt")
    panel.wait_for()
    assert panel.get_attribute("role") == "status"
    assert page.evaluate("document.activeElement.classList.contains('sb-receipt')")
    code = panel.locator(".sb-receipt__code").inner_text()
    assert CODE.fullmatch(code)
    assert _one_line(page, ".sb-receipt__code")
    text = panel.inner_text()
    assert re.search(r"Ngày nhận: \d\d/\d\d/\d{4}", text) and "0229 3871 000" in text
    assert panel.get_by_role("link", name="Tra cứu ý kiến bằng mã này").get_attribute("href").endswith(
        f"tra-cuu-y-kien/?ma={code}")
    panel.get_by_role("button", name="Chép mã").click()
    panel.locator(".sb-receipt__copied").filter(has_text=re.compile(r"\S")).wait_for()
    check_accessible_and_fits(page)
    context.close()


def _post_one(page, site: str) -> str:
    page.goto(site + "lay-y-kien/dot-1/")
    _fill(page)
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.locator(".sb-receipt__code").wait_for()
    return page.locator(".sb-receipt__code").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_look_up_page_with_javascript_answers_in_place(browser, receipts_site, width):
    site, _service = receipts_site
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    code = _post_one(page, site)
    page.goto(site + "tra-cuu-y-kien/")
    box = page.get_by_label("Mã biên nhận")
    answer = page.locator("[data-lookup-answer]")
    for typed in (code, code.lower().replace("-", " ")):
        box.fill(typed)
        page.get_by_role("button", name="Tra cứu").click()
        answer.get_by_text("Đã tiếp nhận").first.wait_for()
        assert code in answer.inner_text() and "Nguyễn Thị Hoà" in answer.inner_text()
        assert "tra-cuu-y-kien/" in page.url  # answered in place
    box.fill("ABCD-EFGH")
    page.get_by_role("button", name="Tra cứu").click()
    answer.get_by_text("Không tìm thấy").wait_for()
    check_accessible_and_fits(page)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_look_up_page_without_javascript_goes_to_the_service_page(browser, receipts_site, width):
    site, service = receipts_site
    with_js = browser.new_context()
    code = _post_one(with_js.new_page(), site)
    with_js.close()
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    page = context.new_page()
    for typed, expected in ((code, "Đã tiếp nhận"), (f" {code.replace('-', '').lower()} ", "Đã tiếp nhận"),
                            ("ABCD-EFGH", "Không tìm thấy")):
        page.goto(site + "tra-cuu-y-kien/")
        page.get_by_label("Mã biên nhận").fill(typed)
        page.get_by_role("button", name="Tra cứu").click()
        page.wait_for_url(re.compile(r"/tra-cuu\?ma="))
        assert page.url.startswith(service)
        text = page.locator("body").inner_text()
        assert expected in text
        _board_shown(text)
        _check_without_script(browser, page, width)
    context.close()
