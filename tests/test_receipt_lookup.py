"""The receipt look-up page on the site, and the form asking for what the notice requires."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import BATCH, BOARD, write, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.model.urls import LOOKUP

SERVICE = "https://example.gov.vn/y-kien"
OPEN_BATCH = BATCH.replace("closes: 16/11/2026", "closes: 31/12/2099")


def _built(tmp_path: Path, comments_url: str | None = SERVICE, batch: str = OPEN_BATCH,
           extra_batch: str | None = None) -> Path:
    config = write_site(tmp_path, batch=batch)
    if extra_batch is not None:
        write(tmp_path / "exemplars", "nominations/dot-2.yml", extra_batch)
    options = BOARD + (f"      comments_url: {comments_url}\n" if comments_url else "")
    text = config.read_text(encoding="utf-8").replace("      page_size: 2\n", f"      page_size: 2\n{options}")
    config.write_text(text, encoding="utf-8")
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    return tmp_path / "site"


def _page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def test_the_look_up_page_asks_the_service_with_and_without_javascript(tmp_path):
    html = _page(_built(tmp_path), LOOKUP)

    form = re.search(r"<form[^>]*data-lookup-form[^>]*>", html).group(0)
    assert f'action="{SERVICE}/tra-cuu"' in form and 'method="get"' in form
    assert f'data-lookup-api="{SERVICE}/api/receipts/"' in form
    assert 'name="ma"' in html and "lookup.js" in html
    assert 'href="tel:02293871000"' in html  # unknown code: call the board
    assert "K7QX-M4TN" not in html.replace('<span class="sb-code">K7QX-M4TN</span>', "")  # one line on a phone


def test_the_how_to_comment_box_and_the_form_lead_to_the_look_up_page(tmp_path):
    html = _page(_built(tmp_path), "lay-y-kien/dot-1/")

    how = html[html.index('id="cach-gop-y"'):]
    assert f'href="../../{LOOKUP}"' in how[:how.index("</section>")]
    assert f'data-lookup-url="../../{LOOKUP}"' in html
    assert 'data-board-phone="0229 3871 000"' in html


def test_without_a_comment_service_there_is_no_look_up_page(tmp_path):
    site = _built(tmp_path, comments_url=None)

    assert not (site / LOOKUP).exists()


def _notice_requires_address(html: str) -> bool:
    """Whether the how-to-comment notice asks for the commenter's address."""
    sentence = re.search(r"<span data-commenter-requirement>(.*?)</span>", html).group(1)
    assert "nặc danh không được xem xét" in sentence
    return "địa chỉ" in sentence and "địa chỉ nếu có" not in sentence


def _form_requires(html: str) -> set[str]:
    form = html[html.index("data-comment-form"):]
    form = form[:form.index("</form>")]
    return {name for tag in re.findall(r"<(?:input|textarea)\b[^>]*>", form)
            if " required" in tag for name in re.findall(r'name="([^"]+)"', tag)}


@pytest.mark.parametrize("require_address", [False, True])
def test_the_notice_and_the_form_never_disagree_on_what_is_required(tmp_path, require_address):
    batch = OPEN_BATCH.replace("contact:\n", f"require_address: {str(require_address).lower()}\ncontact:\n")
    html = _page(_built(tmp_path, batch=batch), "lay-y-kien/dot-1/")

    required = _form_requires(html)
    assert {"name", "contact", "text", "consent"} <= required
    assert _notice_requires_address(html) == require_address == ("address" in required)
    assert re.search(r'<label for="c-nguyen-thi-hoa-address">Địa chỉ( \*)?</label>', html).group(1) == (
        " *" if require_address else None)
