"""The sample site in this repository builds, and its pages show what the records hold."""

from __future__ import annotations

import math
import re

import pytest
from helpers import REPO

from site_builder.model.vntime import VIETNAM
from site_builder.site.listings import by_province
from site_builder.site.status import period_status


@pytest.fixture(scope="module")
def catalogue(sample_catalogue):
    return sample_catalogue


@pytest.fixture(scope="module")
def site(sample_site):
    return sample_site


def read(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_sample_data_meets_the_brief(catalogue):
    exemplars = list(catalogue.exemplars.values())
    assert len(exemplars) >= 40
    assert {e.kind for e in exemplars} == {"individual", "collective"}
    provinces = {e.place.province_info.name for e in exemplars}
    assert len(provinces) >= 6
    assert any(not e.place.province_info.is_current for e in exemplars), "old province names"
    assert any(e.place.province_info.is_current for e in exemplars), "new province names"
    assert any("courage" in e.priority_groups for e in exemplars)
    assert any({"remote_area", "ethnic_minority"} & set(e.priority_groups) for e in exemplars)
    assert len(catalogue.campaigns) >= 3
    now = __import__("datetime").datetime(2026, 11, 25, 12, tzinfo=VIETNAM)
    codes = {period_status(b, now).code for b in catalogue.batches.values()}
    assert {"open", "closed"} <= codes
    assert all(len(b.nominees) >= 8 for b in catalogue.batches.values())
    closed = [b for b in catalogue.batches.values() if period_status(b, now).code == "closed"]
    assert all(n.outcome for b in closed for n in b.nominees)


def test_every_exemplar_page_shows_its_name_and_honours(site, catalogue):
    for exemplar in catalogue.exemplars.values():
        html = read(site, f"dien-hinh/{exemplar.id}")
        assert f'<h1 id="sb-title">{exemplar.name}</h1>' in html
        for honour in exemplar.honours:
            assert f"Quyết định số {honour.decision.number} ngày {honour.decision.date:%d/%m/%Y}" in html


def test_listing_paginates(site, catalogue):
    total = len(catalogue.exemplars)
    pages = math.ceil(total / 20)
    assert pages >= 2
    first = read(site, "dien-hinh")
    assert first.count('<li class="sb-card">') == 20
    assert f"trang 1/{pages}" in first
    last = read(site, f"dien-hinh/trang-{pages}")
    assert last.count('<li class="sb-card">') == total - 20 * (pages - 1)
    assert not (site / f"dien-hinh/trang-{pages + 1}").exists()


def test_province_listings_cover_old_and_new_names(site, catalogue):
    for group in by_province(catalogue):
        html = read(site, f"dien-hinh/tinh/{group.slug}")
        assert f"{len(group.items)} điển hình" in html


def test_comment_pages(site, catalogue):
    listing = read(site, "lay-y-kien")
    labels = re.findall(r'class="sb-status sb-status--(\w+)"', listing)
    assert labels[0] == "open" and labels[-1] == "closed"
    for batch in catalogue.batches.values():
        html = read(site, f"lay-y-kien/{batch.id}")
        for nominee in batch.nominees:
            assert f'id="{nominee.id}"' in html


def test_no_floating_button_covers_a_receipt_on_a_phone(site, catalogue):
    """Material's "back to top" button appears when a page scrolls up, which the comment form does
    to show the receipt it just gave: on a 375 px phone it sat over the receipt code the citizen is
    told to screenshot. The site leaves it out (navigation.top)."""
    for batch in catalogue.batches.values():
        assert 'class="md-top' not in read(site, f"lay-y-kien/{batch.id}")
    assert 'class="md-top' not in read(site, "")


def test_campaign_pages_list_their_news(site, catalogue):
    posts = list((REPO / "content" / "tin-tuc" / "posts").glob("*.md"))
    assert len(posts) >= 6
    linked = 0
    for campaign in catalogue.campaigns.values():
        html = read(site, f"phong-trao/{campaign.id}")
        assert campaign.name in html
        linked += html.count('<ul class="sb-news">')
        # The news is one tap away from the top, not after every exemplar card.
        jump = re.search(r'<nav class="sb-jump" aria-label="Trên trang này">(.*?)</nav>', html, re.S).group(1)
        assert html.index("sb-jump") < html.index('id="dien-hinh"') < html.index('id="tin-tuc"')
        for target in re.findall(r'href="#([\w-]+)"', jump):
            assert f'id="{target}"' in html
        assert '<a href="#tin-tuc">Tin tức (' in jump
    assert linked >= 1


def test_home_page_puts_open_periods_first(site):
    home = read(site, "")
    assert home.index('id="home-batches"') < home.index('id="home-exemplars"') < home.index('id="home-news"')
    assert "sb-status--open" in home
