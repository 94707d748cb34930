"""A citizen who uses only the keyboard sends a comment, and hears about problems.

The page is a comment period of a small site whose form posts to a real
comment service on loopback (the ``site_and_service`` fixture). No mouse:
Tab to the disclosure, Enter or Space to open it, type, Space to tick the
consent, Enter on the button.
"""

from __future__ import annotations

import pytest

MAX_TABS = 200
NOMINEE = "nguyen-thi-hoa"


def _tab_to(page, predicate: str) -> int:
    """Press Tab until ``predicate`` (JS, about ``document.activeElement``) holds; returns the presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const element = document.activeElement; return Boolean({predicate}); }}"):
            return presses
    raise AssertionError(f"{predicate} never got the focus in {MAX_TABS} presses of Tab")


def _focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def _open_form(page, key: str) -> None:
    _tab_to(page, "element.tagName === 'SUMMARY' && element.textContent.includes('Nguyễn Thị Hoà')")
    page.keyboard.press(key)
    assert page.locator(f"#{NOMINEE} details.sb-comment-box").get_attribute("open") is not None


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_comment_sent_with_the_keyboard_alone(browser, site_and_service, key):
    url, _database, _folder = site_and_service
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    _open_form(page, key)
    field = f"c-{NOMINEE}"
    typed = {"name": "Trần Văn Bình", "contact": "0912 345 678", "address": "xã Hải Đông, Ninh Bình",
             "text": "Tôi xác nhận chị Hoà có nhiều đóng góp cho hợp tác xã."}
    for name, text in typed.items():  # the honeypot (tabindex=-1) is skipped
        page.keyboard.press("Tab")
        assert _focused_id(page) == f"{field}-{name}"
        page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert _focused_id(page) == f"{field}-consent"
    page.keyboard.press("Space")
    assert page.locator(f"#{field}-consent").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    result = page.locator(f"#{NOMINEE} .sb-receipt")
    result.get_by_text("Mã biên nhận").wait_for()
    # The receipt panel is announced (a live region) and the focus moves to it.
    assert result.get_attribute("role") == "status"
    assert page.evaluate("document.activeElement.classList.contains('sb-receipt')")
    page.close()


def test_problems_are_announced_and_reachable(browser, site_and_service):
    url, _database, _folder = site_and_service
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(url)
    _open_form(page, "Enter")
    field = f"c-{NOMINEE}"
    page.keyboard.press("Tab")
    page.keyboard.type("Trần Văn Bình")
    page.keyboard.press("Tab")
    page.keyboard.type("không có số")  # neither a telephone number nor an e-mail address
    _tab_to(page, "element.type === 'submit'")
    page.keyboard.press("Enter")
    error = page.locator(f"#{field}-contact-error")
    error.wait_for()
    result = page.locator(f"#{NOMINEE} .sb-comment-result")
    # The summary goes to the polite live region; each problem sits next to its field, is tied
    # to it by aria-describedby, and the focus goes to the first field to fix.
    assert result.get_attribute("aria-live") == "polite" and result.inner_text()
    contact = page.locator(f"#{field}-contact")
    assert contact.get_attribute("aria-invalid") == "true"
    assert f"{field}-contact-error" in contact.get_attribute("aria-describedby").split()
    assert error.inner_text()
    assert _focused_id(page) == f"{field}-contact"
    # The field keeps its label as its accessible name.
    assert 'textbox "Số điện thoại hoặc thư điện tử *"' in contact.aria_snapshot()
    page.close()
