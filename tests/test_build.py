"""End-to-end builds of small sites: real MkDocs, real Material, HTML asserted."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers import BATCH, EXEMPLAR, write, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


def build_site(config_file: Path, site_dir: Path) -> Path:
    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    build(config)
    return site_dir


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("now, code, label, form_hidden", [
    ("2026-11-01T23:59:59", "upcoming", "Sắp mở (từ 02/11/2026)", True),
    ("2026-11-10T08:00", "open", "Đang lấy ý kiến — còn 6 ngày", False),
    ("2026-11-16T23:00", "open", "Đang lấy ý kiến — hôm nay là ngày cuối", False),
    ("2026-11-17T00:00:01", "closed", "Đã kết thúc", None),
])
def test_comment_page_status_at_fixed_times(tmp_path, now, code, label, form_hidden):
    site = build_site(write_site(tmp_path, now=now), tmp_path / "site")
    html = read(site, "lay-y-kien/dot-1")
    assert f'class="sb-status sb-status--{code}"' in html
    assert f'<span class="sb-status__label">{label}</span>' in html
    # The browser re-evaluates from these, in Vietnam time.
    assert 'data-period-opens="2026-11-02T00:00:00+07:00"' in html
    assert 'data-period-closes="2026-11-16T23:59:59+07:00"' in html
    assert 'id="nguyen-thi-hoa"' in html
    if form_hidden is None:
        assert 'class="sb-comment"' not in html
    else:
        assert ('class="sb-comment" data-when-period="open" hidden' in html) is form_hidden
    assert "period-status.js" in html


def test_exemplar_page_and_listings(tmp_path):
    site = build_site(write_site(tmp_path), tmp_path / "site")
    page = read(site, "dien-hinh/nguyen-thi-hoa")
    assert "<h1 id=\"sb-title\">Nguyễn Thị Hoà</h1>" in page
    assert "Quyết định số 612/QĐ-TTg ngày 12/05/2021 của Thủ tướng Chính phủ" in page
    assert "(nay thuộc Ninh Bình)" in page
    assert 'href="../../phong-trao/nong-thon-moi/"' in page
    assert 'href="../../lay-y-kien/dot-1/#nguyen-thi-hoa"' in page
    assert '<html lang="vi"' in page
    for url in ("dien-hinh", "dien-hinh/tinh/nam-dinh", "dien-hinh/tinh/ninh-binh", "dien-hinh/nam/2021",
                "dien-hinh/danh-hieu/bang-khen-cua-thu-tuong-chinh-phu", "dien-hinh/phong-trao/nong-thon-moi",
                "dien-hinh/loai/ca-nhan", "phong-trao/nong-thon-moi", "lay-y-kien/dot-1"):
        assert "Nguyễn Thị Hoà" in read(site, url), url
    home = read(site, "")
    assert home.index('id="home-batches"') < home.index('id="home-exemplars"')


def test_the_home_page_lists_six_current_periods_and_links_to_the_others(tmp_path):
    config = write_site(tmp_path)
    for day in range(17, 25):  # eight more open periods
        write(tmp_path / "exemplars", f"nominations/dot-{day}.yml", BATCH.replace("16/11/2026", f"{day}/11/2026"))
    home = read(build_site(config, tmp_path / "site"), "")
    batches = home[home.index('id="home-batches"'):home.index('id="home-exemplars"')]
    assert batches.count('class="sb-card sb-card--batch"') == 6
    assert "Xem thêm 3 đợt đang và sắp lấy ý kiến" in batches


def test_periods_and_campaigns_are_listed_a_page_at_a_time(tmp_path):
    config = write_site(tmp_path)  # two a page
    write(tmp_path / "exemplars", "nominations/da-qua.yml",
          BATCH.replace("02/11/2026", "02/01/2025").replace("16/11/2026", "16/01/2025"))
    write(tmp_path / "exemplars", "nominations/sap-mo.yml",
          BATCH.replace("02/11/2026", "02/12/2026").replace("16/11/2026", "16/12/2026"))
    site = build_site(config, tmp_path / "site")
    first, second = read(site, "lay-y-kien"), read(site, "lay-y-kien/trang-2")
    assert first.index('href="dot-1/"') < first.index('href="sap-mo/"')  # open, then upcoming
    assert "da-qua" not in first and 'href="../da-qua/"' in second
    assert "3 đợt lấy ý kiến · trang 1/2" in first and 'rel="next"' in first
    assert "<title>Lấy ý kiến nhân dân về đề nghị khen thưởng (trang 2)" in second
    campaigns = read(site, "phong-trao")
    assert campaigns.count('class="sb-card__title"') == 1 and "<h3" not in campaigns.split("<h1", 1)[1]


def test_hostile_text_is_escaped_or_sanitised(tmp_path):
    hostile = (EXEMPLAR
               .replace("name: Nguyễn Thị Hoà", 'name: "<script>alert(1)</script>Hoà"')
               .replace("  Câu chuyện của chị Hoà.",
                        '  Câu chuyện <img src=x onerror="alert(2)"> <script>alert(3)</script>'
                        ' [bấm](javascript:alert(4))'))
    site = build_site(write_site(tmp_path, exemplar=hostile), tmp_path / "site")
    page = read(site, "dien-hinh/nguyen-thi-hoa")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Hoà" in page
    for payload in ("<script>alert", "onerror", "javascript:alert"):
        assert payload not in page
    listing = read(site, "dien-hinh")
    assert "<script>alert(1)" not in listing


def test_bad_record_stops_the_build_and_publishes_nothing(tmp_path, caplog):
    config = write_site(tmp_path, batch=BATCH.replace("closes: 16/11/2026", "closes: 01/11/2026"))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert "exemplars/nominations/dot-1.yml:8:9: closes: is not after the opening (opens)" in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


def _site_with_post(tmp_path: Path, post: str) -> Path:
    """A small site with Material's blog plugin and one news post."""
    config = write_site(tmp_path)
    text = config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - blog:\n      blog_dir: tin-tuc\n")
    config.write_text(text, encoding="utf-8")
    write(tmp_path, "content/tin-tuc/index.md", "# Tin tức\n")
    write(tmp_path, "content/tin-tuc/posts/a.md", post)
    return config


def test_news_post_with_unknown_campaign_stops_the_build(tmp_path, caplog):
    config = _site_with_post(
        tmp_path, "---\ndate: 2026-10-20\ncampaigns:\n  - nong-thon-moi\n  - nong-thon-mo\n---\n\n# Tin\n\nNội dung.\n")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert ('content/tin-tuc/posts/a.md:5:1: campaigns[1]: no campaign has the id "nong-thon-mo" '
            '(did you mean "nong-thon-moi"?)') in caplog.text


def test_news_post_links_to_its_campaign(tmp_path):
    config = _site_with_post(
        tmp_path, "---\ndate: 2026-10-20\ncampaigns: [nong-thon-moi]\n---\n\n# Tổng kết phong trào\n\nNội dung.\n")
    site = build_site(config, tmp_path / "site")
    campaign = read(site, "phong-trao/nong-thon-moi")
    assert "Tổng kết phong trào" in campaign and "20/10/2026" in campaign
    posts = [path.read_text(encoding="utf-8") for path in (site / "tin-tuc").rglob("index.html")]
    post = next(html for html in posts if "<h1" in html and "Tổng kết phong trào</h1>" in html)
    assert 'class="sb-post-campaigns"' in post and "Cả nước chung sức xây dựng nông thôn mới" in post


COUNTS = """\
batch: dot-1
counted_at: 2026-11-17T08:00:00+07:00
total: 3
nominees:
  nguyen-thi-hoa: 3
"""


def test_published_comment_counts_are_shown(tmp_path):
    config = write_site(tmp_path, now="2026-11-20T08:00")
    write(tmp_path, "exemplars/_comment-counts/dot-1.yml", COUNTS)
    site = build_site(config, tmp_path / "site")
    html = read(site, "lay-y-kien/dot-1")
    assert '<p class="sb-comments-count">Đã nhận 3 ý kiến.</p>' in html
    assert "<dt>Số ý kiến đã nhận</dt><dd>3</dd>" in html


def test_comment_counts_for_an_unknown_nominee_are_an_error(tmp_path):
    from site_builder.records.loader import check_records

    write_site(tmp_path)
    write(tmp_path, "exemplars/_comment-counts/dot-1.yml", COUNTS.replace("nguyen-thi-hoa: 3", "nguyen-thi-ha: 3"))
    _catalogue, report = check_records(tmp_path / "exemplars", base=tmp_path)
    assert ('exemplars/_comment-counts/dot-1.yml:5:18: nominees.nguyen-thi-ha: "nguyen-thi-ha" is not a nominee '
            'of batch "dot-1"') in report.render()
