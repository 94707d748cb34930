"""Every kind of page of the sample site, on a phone (375 px) and a desktop (1280 px).

Each page must fit the window (no sideways scrolling), say nothing in the
console, run no dialog, break no rule of its Content Security Policy, ask
nothing of another host, have one main heading in a page declared ``vi``, and
show axe-core no serious or critical accessibility problem.
The sample site is built with ``comments_url`` so that open comment periods
carry the form.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser_support import (
    PageWatch,
    axe_violations,
    horizontal_overflow,
    main_heading,
    wider_than_window,
)

PAGE_TYPES = {
    "home": "",
    "exemplar": "dien-hinh/nguyen-thi-hoa/",
    "exemplar-listing": "dien-hinh/",
    "listing-page-2": "dien-hinh/trang-2/",
    "facet": "dien-hinh/tinh/",
    "facet-group": "dien-hinh/tinh/nam-dinh/",
    "campaigns": "phong-trao/",
    "campaign": "phong-trao/chung-suc-xay-dung-nong-thon-moi/",
    "news": "tin-tuc/",
    "news-post": "tin-tuc/2026/11/moi-gop-y-danh-sach-de-nghi-tang-huan-chuong-lao-dong-nam-2026-dot-2/",
    "comment-periods": "lay-y-kien/",
    "comment-period-open": "lay-y-kien/huan-chuong-lao-dong-dot-2-2026/",
    "comment-period-closed": "lay-y-kien/huan-chuong-lao-dong-dot-1-2025/",
    "receipt-register": "lay-y-kien/huan-chuong-lao-dong-dot-1-2025/so-y-kien/",
    "search": "tim-kiem/",
    "search-results": "tim-kiem/?q=nguyen+thi+hoa",
    "open-data": "du-lieu-mo/",
    "about": "gioi-thieu/",
    "not-found": "404.html",
}
WIDTHS = {"phone": 375, "desktop": 1280}


@pytest.fixture(scope="module")
def base_url(form_site, serve_session):
    return serve_session(form_site)


@pytest.fixture
def open_page(browser, base_url):
    """Open a page at a width, watched from before its first byte; closed after the test."""
    contexts = []

    def run(path: str, width: int):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        watch = PageWatch.attach(page)
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page, watch

    yield run
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type(open_page, form_site, base_url, path, width):
    assert (form_site / path.split("?")[0]).exists() or path.endswith(".html"), f"the sample site has no {path}"
    page, watch = open_page(path, width)
    problems = watch.problems()
    problems += [f"request off the site: {url}" for url in watch.requests
                 if urlsplit(url).netloc not in ("", urlsplit(base_url).netloc)]
    if (overflow := horizontal_overflow(page)) > 0:
        problems.append(f"{overflow} px wider than the window: {wider_than_window(page)}")
    if not main_heading(page):
        problems.append("no single main heading (h1)")
    if page.evaluate("document.documentElement.lang") != "vi":
        problems.append("the page's language is not declared as vi")
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_the_open_comment_form_is_accessible_when_opened(open_page):
    page, watch = open_page(PAGE_TYPES["comment-period-open"], 375)
    boxes = page.locator("details.sb-comment-box")
    assert boxes.count() > 0
    for index in range(boxes.count()):
        boxes.nth(index).locator("summary").click()
    assert page.locator("form[data-comment-form] input[name=name]").first.is_visible()
    problems = watch.problems() + axe_violations(page)
    if (overflow := horizontal_overflow(page)) > 0:
        problems.append(f"{overflow} px wider than the window: {wider_than_window(page)}")
    assert not problems, "\n".join(problems)


def test_every_image_has_a_text_alternative(open_page):
    page, _watch = open_page(PAGE_TYPES["exemplar"], 1280)
    images = page.locator("main img")
    assert images.count() > 0
    for index in range(images.count()):
        alt = images.nth(index).get_attribute("alt")
        assert alt is not None and (alt.strip() or images.nth(index).get_attribute("role") == "presentation")
