"""What happens to a comment, on a phone: readable, accessible, and the mark moves on after the close."""

from __future__ import annotations

from datetime import datetime

import pytest
from browser_support import PageWatch, axe_violations, horizontal_overflow, wider_than_window
from helpers import BATCH, BOARD, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.model.vntime import VIETNAM


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A period built while it is open (10/11/2026); it closes on 16/11 and the council meets on 03/12."""
    folder = tmp_path_factory.mktemp("steps")
    config = write_site(folder, now="2026-11-10T12:00",
                        batch=BATCH.replace("nominees:", "council_meets: 03/12/2026\nnominees:"))
    text = config.read_text(encoding="utf-8").replace("      page_size: 2\n", "      page_size: 2\n" + BOARD)
    config.write_text(text, encoding="utf-8")
    build(load_config(config_file=str(config), site_dir=str(folder / "site")))
    return folder / "site"


def _open(browser, url: str, clock: datetime):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.clock.set_fixed_time(clock)
    watch = PageWatch.attach(page)
    page.goto(url, wait_until="load")
    return context, page, watch


@pytest.mark.parametrize(("clock", "current", "states"), [
    (datetime(2026, 11, 10, 12, 0, tzinfo=VIETNAM), "received", ["Đang thực hiện", "Chưa đến", "Chưa đến", "Chưa đến"]),
    (datetime(2026, 11, 17, 0, 0, 1, tzinfo=VIETNAM), "verified", ["Đã xong", "Đang thực hiện", "Chưa đến", "Chưa đến"]),
    (datetime(2026, 12, 3, 8, 0, tzinfo=VIETNAM), "reported", ["Đã xong", "Đã xong", "Đang thực hiện", "Chưa đến"]),
])
def test_the_steps_read_well_at_375_px_and_the_browser_moves_the_mark(browser, serve, site, clock, current, states):
    context, page, watch = _open(browser, serve(site) + "lay-y-kien/dot-1/", clock)
    steps = page.locator("#xu-ly-y-kien ol > li")

    assert steps.count() == 4
    assert page.locator('#xu-ly-y-kien [aria-current="step"]').get_attribute("data-step") == current
    assert [steps.nth(index).locator(".sb-step__state").inner_text() for index in range(4)] == states
    section = page.locator("#xu-ly-y-kien")
    section.scroll_into_view_if_needed()
    box = section.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    problems = watch.problems() + axe_violations(page)
    if (overflow := horizontal_overflow(page)) > 0:
        problems.append(f"{overflow} px wider than the window: {wider_than_window(page)}")
    assert not problems, "\n".join(problems)
    context.close()
