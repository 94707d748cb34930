"""Citizens can tell who runs the site and what happens to what they send; the pages are valid."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import yaml
from helpers import REPO

from site_builder.model.board import Board
from site_builder.model.urls import DATA_PROTECTION


def board() -> Board:
    """The board as the sample site's mkdocs.yml names it."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^      board:\n((?:        .*\n)+)", text, re.M)
    return Board.model_validate(yaml.safe_load(textwrap.dedent(match.group(1))))


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


PAGES = ["", "dien-hinh/", "lay-y-kien/huan-chuong-lao-dong-dot-2-2026/", "phong-trao/", "tim-kiem/", "gioi-thieu/"]


def test_every_page_says_which_board_runs_it_and_how_to_reach_it(sample_site):
    owner = board()
    for address in PAGES:
        html = page(sample_site, address)
        footer = html[html.index('<div class="md-copyright">'):]
        assert owner.name in footer and owner.parent in footer, address
        assert f'href="{owner.phone_link}"' in footer and owner.email in footer and owner.address in footer
        assert "Chính sách bảo vệ dữ liệu cá nhân" in footer
        assert "Made with" not in html  # the credit to the tools is on the about page
    assert "Material for MkDocs" in page(sample_site, "gioi-thieu/")
    assert f"Trang thông tin của {owner.full_name}" in page(sample_site, "")  # the first screen says whose


def test_the_privacy_notice_names_the_board_and_quotes_the_retention_setting(sample_site):
    owner = board()
    notice = page(sample_site, DATA_PROTECTION)
    assert "<h1>Chính sách bảo vệ dữ liệu cá nhân</h1>" in notice
    assert owner.full_name in notice and owner.responsible in notice
    assert f"xoá {owner.retention_months} tháng</strong> sau khi kết quả khen thưởng" in notice
    assert "91/2025/QH15" in notice
    assert "không được biết họ tên" in notice  # the nominee is not told who commented


def test_the_comment_form_and_how_to_comment_box_link_the_notice_and_name_the_board(sample_site):
    owner = board()
    html = page(sample_site, "lay-y-kien/huan-chuong-lao-dong-dot-2-2026/")
    how = html[html.index('id="cach-gop-y"'):]
    how = how[:how.index("</section>")]
    assert owner.full_name in how and owner.phone in how and DATA_PROTECTION in how


def test_material_strings_corrected_and_no_unused_palette(sample_site):
    html = page(sample_site, "dien-hinh/")
    # No back-to-top button (it covered a receipt on a phone), nor Material's wrong words for it.
    assert 'class="md-top' not in html and "Trở lại mục lục" not in html
    assert "palette" not in html  # neither Material's palette stylesheet nor its script


def test_the_theme_own_css_and_js_are_published_minified(sample_site):
    for name in ("stylesheets/site.css", "javascripts/search.js", "javascripts/comments.js"):
        source = (REPO / "theme/assets" / name).read_text(encoding="utf-8")
        published = (sample_site / "assets" / name).read_text(encoding="utf-8")
        assert len(published) < 0.9 * len(source), name
        assert "/*" not in published, name


def test_our_templates_nest_no_article_and_no_empty_form_action(sample_site):
    for address in ["dien-hinh/a-quyet/", "lay-y-kien/huan-chuong-lao-dong-dot-2-2026/", "tim-kiem/"]:
        html = page(sample_site, address)
        assert html.count("<article") == 1, address  # Material's own
        assert 'action=""' not in html
