"""Print a comment-period page as the official posting list; follow an old link."""

from __future__ import annotations

from helpers import BATCH, EXEMPLAR, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config


def test_comment_period_prints_without_chrome(browser, serve, sample_site, sample_catalogue, tmp_path):
    batch = next(iter(sample_catalogue.batches.values()))
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(serve(sample_site) + f"lay-y-kien/{batch.id}/")
    assert page.locator(".md-header").is_visible()
    assert not page.locator(".sb-print-list").is_visible()
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "print.png"), full_page=True)
    for chrome in (".md-header", ".md-tabs", ".md-footer", ".sb-comment"):
        assert page.locator(chrome).first.is_hidden(), chrome
    table = page.locator(".sb-print-list")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == len(batch.nominees)
    assert table.locator("tbody tr").first.locator("td").first.inner_text() == "1"
    assert page.locator("#cach-gop-y").is_visible()
    assert (tmp_path / "print.png").stat().st_size > 10_000
    page.close()


def test_old_address_lands_on_the_renamed_record(browser, serve, tmp_path):
    config = write_site(tmp_path, exemplar=EXEMPLAR + "aliases: [nguyen-thi-hoa]\n",
                        batch=BATCH.replace("exemplar: nguyen-thi-hoa", "exemplar: hoa-hai-dong"))
    (tmp_path / "exemplars/ca-nhan/nguyen-thi-hoa.yml").rename(tmp_path / "exemplars/ca-nhan/hoa-hai-dong.yml")
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    base = serve(tmp_path / "site")
    page = browser.new_page()
    page.goto(base + "dien-hinh/nguyen-thi-hoa/")
    page.wait_for_url(base + "dien-hinh/hoa-hai-dong/")
    assert page.locator("h1").first.inner_text() == "Nguyễn Thị Hoà"
    page.close()
