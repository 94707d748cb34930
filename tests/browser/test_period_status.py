"""A comment-period page built before its deadline shows the right state after it."""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers import write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.model.vntime import VIETNAM


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    config = load_config(config_file=str(write_site(folder, now="2026-11-10T12:00")),
                         site_dir=str(folder / "site"))
    build(config)
    return folder / "site"


@pytest.mark.parametrize("clock, label, form_visible", [
    (datetime(2026, 11, 1, 23, 0, tzinfo=VIETNAM), "Sắp mở (từ 02/11/2026)", False),
    (datetime(2026, 11, 10, 12, 0, tzinfo=VIETNAM), "Đang lấy ý kiến — còn 6 ngày", True),
    (datetime(2026, 11, 16, 23, 59, 0, tzinfo=VIETNAM), "Đang lấy ý kiến — hôm nay là ngày cuối", True),
    (datetime(2026, 11, 17, 0, 0, 1, tzinfo=VIETNAM), "Đã kết thúc", False),
])
def test_status_is_re_evaluated_in_the_browser(browser, serve, site, clock, label, form_visible):
    page = browser.new_page()
    page.clock.set_fixed_time(clock)
    page.goto(serve(site) + "lay-y-kien/dot-1/")
    status = page.locator(".sb-batch .sb-status")
    assert status.locator(".sb-status__label").inner_text() == label
    assert page.locator(".sb-comment").first.is_visible() is form_visible
    page.close()
