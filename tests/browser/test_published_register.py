"""The published register of receipts in a browser: the look-up page answers a code the comment service
does not know, or when it is stopped, from the static register; without JavaScript the citizen finds
the code on the batch's register page. At phone and desktop widths, clean under axe."""

from __future__ import annotations

import pytest
from browser_support import check_accessible_and_fits, check_as_without_script
from comments.comments_server import ServerProcess
from helpers import write, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

WIDTHS = [375, 1280]
BATCH_TITLE = "Lấy ý kiến nhân dân về đề nghị tặng Huân chương Lao động"
COUNTS = """\
batch: dot-1
counted_at: 2026-11-18T08:00:00+07:00
total: 1
nominees:
  nguyen-thi-hoa: 1
published_at: 2026-11-18T08:00:00+07:00
"""
REGISTER = """\
batch: dot-1
published_at: 2026-11-18T08:00:00+07:00
receipts:
- {receipt: K7QX-M4TN, nominee: nguyen-thi-hoa, received: 2026-11-05, status: reviewed, counted: true}
- {receipt: W2XY-Z345, nominee: nguyen-thi-hoa, received: 2026-11-06, status: spam, counted: false}
"""


@pytest.fixture
def register_site(tmp_path, serve):
    """A closed batch whose register is published; a comment service that knows none of its codes."""
    config = write_site(tmp_path, now="2026-11-20T09:00")
    write(tmp_path, "exemplars/_comment-counts/dot-1.yml", COUNTS)
    write(tmp_path, "exemplars/_comment-register/dot-1.yml", REGISTER)
    service = ServerProcess(tmp_path / "exemplars", f"sqlite:///{tmp_path / 'comments.sqlite3'}",
                            tmp_path / "service.log")
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      page_size: 2\n", f"      page_size: 2\n      comments_url: http://127.0.0.1:{service.port}\n"),
        encoding="utf-8")
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    base = serve(tmp_path / "site")
    service._arguments += ["--origin", base.rstrip("/")]
    service.start()
    yield base, service
    service.stop()


def _ask(page, typed: str, expected: str) -> str:
    page.get_by_label("Mã biên nhận").fill(typed)
    page.get_by_role("button", name="Tra cứu").click()
    answer = page.locator("[data-lookup-answer]")
    answer.get_by_text(expected).first.wait_for()
    return answer.inner_text()


def _found_in_register(text: str) -> None:
    """The service's words (state, batch, nominee, date) and the register's line."""
    assert "K7QX-M4TN" in text and "Đang xem xét" in text
    assert BATCH_TITLE in text and "Nguyễn Thị Hoà" in text and "05/11/2026" in text
    assert "được tính vào số ý kiến đã công bố" in text and "không được tính" not in text
    assert "(công bố ngày 18/11/2026)" in text


@pytest.mark.parametrize("width", WIDTHS)
def test_a_code_the_service_does_not_know_is_answered_from_the_published_register(browser, register_site,
                                                                                  width):
    site, service = register_site
    assert service.get_json("/api/receipts/K7QX-M4TN")[0] == 404
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + "tra-cuu-y-kien/")

    for typed in ("K7QX-M4TN", " k7qx m4tn ", "k7qxm4tn"):
        _found_in_register(_ask(page, typed, "Đang xem xét"))
    check_accessible_and_fits(page)
    spam = _ask(page, "w2xy-z345", "không được tính")
    # The register's words, in the heading too: never "under review" above "spam, not counted".
    assert "Không được tính" in spam and "Thư rác" in spam and "Đang xem xét" not in spam
    assert "Lý do không được tính" in spam and "Ban xác định đây là thư rác" in spam
    check_accessible_and_fits(page)
    # Each answer reads in lines wide enough for a date: on a phone the long label "Lý do không được
    # tính" once squeezed every value into a 75 px column ("21/03/20" / "25").
    box = page.locator(".sb-lookup__facts").bounding_box()
    for value in page.locator(".sb-lookup__facts dd").all():
        assert value.bounding_box()["width"] >= 0.5 * box["width"], value.inner_text()
    assert "Không tìm thấy" in _ask(page, "ABCD-EFGH", "Không tìm thấy")
    page.locator("[data-lookup-answer]").get_by_text("Không tìm thấy").wait_for()
    _ask(page, "K7QX-M4TN", "Đang xem xét")
    page.get_by_role("link", name="Xem dòng này trong sổ ý kiến").click()
    page.wait_for_url("**/lay-y-kien/dot-1/so-y-kien/#ma-K7QX-M4TN")
    assert page.locator("#ma-K7QX-M4TN").is_visible()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_with_the_service_stopped_the_published_register_still_answers(browser, register_site, width):
    site, service = register_site
    service.stop()
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + "tra-cuu-y-kien/?ma=k7qx-m4tn")

    page.locator("[data-lookup-answer]").get_by_text("Đang xem xét").first.wait_for()
    _found_in_register(page.locator("[data-lookup-answer]").inner_text())
    check_accessible_and_fits(page)
    # In no published register, and no service to ask: check the code, not "try again later".
    unknown = _ask(page, "ABCD-EFGH", "Không tìm thấy")
    assert "kiểm tra lại mã" in unknown and "thử lại sau" not in unknown
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_the_code_is_found_in_the_register_page(browser, register_site, width):
    site, service = register_site
    service.stop()
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + "tra-cuu-y-kien/")
    assert "nếu trình duyệt của bạn không chạy JavaScript" in page.locator("body").inner_text()

    page.get_by_role("link", name=BATCH_TITLE).click()
    page.wait_for_url("**/lay-y-kien/dot-1/so-y-kien/")
    row = page.locator("#ma-K7QX-M4TN")
    assert row.inner_text().split("\t") == ["K7QX-M4TN", "Đang xem xét", "Có", "05/11/2026", "Nguyễn Thị Hoà"]
    # "Không" and the date never break inside their cells on a phone (the cells are narrow there).
    # The reason a row is not counted wraps under "Không", which itself stays on one line.
    for cell, first_text_only in (("#ma-W2XY-Z345 td:nth-of-type(2)", True),
                                  ("#ma-W2XY-Z345 td:nth-of-type(3)", False)):
        assert page.evaluate("""([selector, firstTextOnly]) => {
          const node = document.querySelector(selector), range = document.createRange();
          range.selectNodeContents(firstTextOnly ? node.firstChild : node);  // one box per line of the text
          return [getComputedStyle(node).whiteSpace, range.getClientRects().length];
        }""", [cell, first_text_only]) == ["nowrap", 1], cell
    reason = page.locator("#ma-W2XY-Z345 .sb-register__reason")
    assert reason.inner_text() == "Ban xác định đây là thư rác (quảng cáo, nội dung không phải góp ý)."
    # Code, status, "Không" and its reason: in view on a phone without swiping the table.
    region = page.locator(".sb-table-scroll", has=reason).bounding_box()
    assert reason.bounding_box()["x"] + reason.bounding_box()["width"] <= region["x"] + region["width"]
    codes = page.locator("table.sb-register tbody th").all_inner_texts()
    assert codes == sorted(codes) == ["K7QX-M4TN", "W2XY-Z345"]
    html, url = page.content(), page.url
    context.close()
    check_as_without_script(browser, html, url, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_batch_page_links_its_register_and_shows_the_same_count(browser, register_site, width):
    site, _service = register_site
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + "lay-y-kien/dot-1/")

    assert "Đã nhận 1 ý kiến." in page.locator("#nguyen-thi-hoa").inner_text()
    assert "2 mã biên nhận, trong đó 1 ý kiến được tính" in page.locator(".sb-register-summary").inner_text()
    check_accessible_and_fits(page)
    page.get_by_role("link", name="Xem sổ ý kiến và tìm mã biên nhận của bạn").click()
    page.wait_for_url("**/lay-y-kien/dot-1/so-y-kien/")
    check_accessible_and_fits(page)
    context.close()
