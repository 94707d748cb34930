"""What media and portals reuse: permanent links, share cards, JSON-LD, feeds, open data,
press kit, sitemap and robots.txt, checked on the built sample site."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta

import feedparser
import jsonschema
import pytest
from helpers import BATCH, EXEMPLAR, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config
from PIL import Image

SITE_URL = "https://thiduakhenthuong.example.gov.vn/"


def read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def meta(html: str, prop: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)
    assert match, prop
    return match.group(1)


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_renamed_record_keeps_its_old_address(tmp_path):
    renamed = EXEMPLAR + "aliases: [nguyen-thi-hoa]\n"
    config = write_site(tmp_path, exemplar=renamed, batch=BATCH.replace("exemplar: nguyen-thi-hoa", "exemplar: hoa-hai-dong"))
    (tmp_path / "exemplars/ca-nhan/nguyen-thi-hoa.yml").rename(tmp_path / "exemplars/ca-nhan/hoa-hai-dong.yml")
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    old = read(tmp_path / "site", "dien-hinh/nguyen-thi-hoa/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../hoa-hai-dong/">' in old
    assert '<link rel="canonical" href="https://example.gov.vn/dien-hinh/hoa-hai-dong/">' in old
    assert '<a href="../hoa-hai-dong/">Nguyễn Thị Hoà</a>' in old
    assert (tmp_path / "site/dien-hinh/hoa-hai-dong/index.html").exists()


def test_alias_cannot_hide_a_living_record(tmp_path):
    from helpers import write_records

    from site_builder.records.loader import check_records

    records = write_records(tmp_path, exemplar=EXEMPLAR + "aliases: [nguyen-thi-hoa]\n")
    _catalogue, report = check_records(records, base=tmp_path)
    assert 'aliases[0]: "nguyen-thi-hoa" is the id of exemplars/ca-nhan/nguyen-thi-hoa.yml, not a former id' in report.render()


def test_share_cards(sample_site, sample_catalogue):
    with_photo = next(e for e in sample_catalogue.exemplars.values() if e.photos)
    html = read(sample_site, f"dien-hinh/{with_photo.id}/index.html")
    assert meta(html, "og:title") == with_photo.name
    assert meta(html, "og:description") == with_photo.summary
    assert meta(html, "og:url") == f"{SITE_URL}dien-hinh/{with_photo.id}/"
    assert meta(html, "og:image") == f"{SITE_URL}tep/{with_photo.photos[0].file}"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert f'<link rel="canonical" href="{SITE_URL}dien-hinh/{with_photo.id}/">' in html

    without = next(e for e in sample_catalogue.exemplars.values() if not e.photos)
    image_url = meta(read(sample_site, f"dien-hinh/{without.id}/index.html"), "og:image")
    assert image_url == f"{SITE_URL}chia-se/dien-hinh/{without.id}.png"
    with Image.open(sample_site / f"chia-se/dien-hinh/{without.id}.png") as card:
        assert card.size == (1200, 630)


def test_json_ld(sample_site, sample_catalogue):
    exemplar = next(e for e in sample_catalogue.exemplars.values() if e.kind == "collective" and e.honours)
    data = json_ld(read(sample_site, f"dien-hinh/{exemplar.id}/index.html"))
    assert data["@context"] == "https://schema.org"
    assert data["mainEntity"]["@type"] == "Organization"
    assert data["mainEntity"]["name"] == exemplar.name
    awards = data["mainEntity"]["award"]
    assert len(awards) == len(set(awards)) == len(exemplar.active_honours)
    for award, honour in zip(awards, exemplar.active_honours):
        assert award.startswith(honour.label) and honour.decision.number in award
    assert data["url"] == f"{SITE_URL}dien-hinh/{exemplar.id}/"
    batch = next(iter(sample_catalogue.batches.values()))
    event = json_ld(read(sample_site, f"lay-y-kien/{batch.id}/index.html"))
    assert event["@type"] == "Event" and event["endDate"] == batch.closes_at.isoformat()
    assert "publisher" not in event  # schema.org defines no publisher for an Event
    assert [o["name"] for o in event["organizer"]][0] == batch.proposed_by
    assert len(event["about"]) == len(batch.nominees)
    posts = [p for p in (sample_site / "tin-tuc").rglob("index.html") if "NewsArticle" in p.read_text(encoding="utf-8")]
    assert len(posts) >= 6
    article = json_ld(posts[0].read_text(encoding="utf-8"))
    assert article["@type"] == "NewsArticle" and article["headline"] and article["datePublished"]


def test_two_honours_of_the_same_award_stay_two_in_json_ld():
    from site_builder.model.exemplar import Honour
    from site_builder.site.structured import award_text

    twice = [Honour.model_validate({"award": "Bằng khen của Chủ tịch UBND tỉnh",
                                    "decision": {"number": number, "date": day, "issued_by": "UBND tỉnh Nam Định"}})
             for number, day in (("12/QĐ-UBND", "12/03/2021"), ("845/QĐ-UBND", "02/04/2023"))]
    assert [award_text(honour) for honour in twice] == [
        "Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 12/QĐ-UBND ngày 12/03/2021, UBND tỉnh Nam Định)",
        "Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 845/QĐ-UBND ngày 02/04/2023, UBND tỉnh Nam Định)"]


def test_hostile_text_cannot_close_the_json_ld_script(tmp_path):
    hostile = EXEMPLAR.replace("sector: Nông nghiệp", 'sector: "</script><script>alert(1)</script>"')
    config = write_site(tmp_path, exemplar=hostile)
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    html = read(tmp_path / "site", "dien-hinh/nguyen-thi-hoa/index.html")
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("feed, minimum", [("tin-tuc", 6), ("dien-hinh", 40), ("lay-y-kien", 3)])
def test_feeds_parse_with_absolute_urls_and_time_zones(sample_site, feed, minimum):
    raw = read(sample_site, f"feeds/{feed}.xml")
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == "vi"
    assert len(parsed.entries) >= minimum
    for entry in parsed.entries:
        assert entry.link.startswith(SITE_URL)
        assert entry.updated.endswith("+07:00")
        assert entry.updated_parsed is not None
    dates = [entry.updated_parsed for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    home = read(sample_site, "index.html")
    assert '<link rel="alternate feed" type="application/atom+xml"' in home and f'feeds/{feed}.xml' in home


def test_comment_period_feed_has_opened_closing_and_closed_events(tmp_path):
    from helpers import write_records

    from site_builder.records.loader import load_records
    from site_builder.site.feeds import Site, batch_entries

    catalogue = load_records(write_records(tmp_path), base=tmp_path)
    batch = catalogue.batches["dot-1"]
    site = Site("https://example.gov.vn/", "Thử", "Ban", "CC BY 4.0")
    titles = lambda now: [e.title.split(":")[0] for e in batch_entries(catalogue, now, site)]  # noqa: E731
    assert titles(batch.opens_at - timedelta(seconds=1)) == []
    assert titles(batch.opens_at) == ["Bắt đầu lấy ý kiến"]
    assert titles(batch.closes_at - timedelta(days=1)) == ["Bắt đầu lấy ý kiến", "Sắp hết hạn góp ý"]
    assert titles(batch.closes_at + timedelta(seconds=1)) == ["Bắt đầu lấy ý kiến", "Đã kết thúc lấy ý kiến"]


@pytest.mark.parametrize("name, csv_too", [("exemplars", True), ("nominations", True), ("campaigns", False)])
def test_open_data(sample_site, sample_catalogue, name, csv_too):
    data = json.loads(read(sample_site, f"data/{name}.json"))
    schema = json.loads(read(sample_site, f"data/{name}.schema.json"))
    jsonschema.validate(data, schema)
    expected = {"exemplars": len(sample_catalogue.exemplars), "campaigns": len(sample_catalogue.campaigns),
                "nominations": sum(len(b.nominees) for b in sample_catalogue.batches.values())}[name]
    assert len(data) == expected
    if csv_too:
        raw = (sample_site / f"data/{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        assert len(rows) == expected
        assert [row["name"] for row in rows] == [item["name"] for item in data]
        assert list(rows[0]) == list(schema["$defs"][schema["items"]["$ref"].split("/")[-1]]["properties"])
    page = read(sample_site, "du-lieu-mo/index.html")
    assert f"data/{name}.json" in page and "CC BY 4.0" in page


def test_open_data_holds_no_contact_details(sample_site):
    for name in ("exemplars", "nominations", "campaigns"):
        text = read(sample_site, f"data/{name}.json")
        assert "@" not in text and "contact" not in text


def test_press_kit(sample_site, sample_catalogue):
    exemplar = next(e for e in sample_catalogue.exemplars.values() if e.photos)
    html = read(sample_site, f"dien-hinh/{exemplar.id}/index.html")
    assert "Dành cho báo chí" in html
    assert f'href="../../tep/{exemplar.photos[0].file}" download' in html
    citation = (f"Nguồn: Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Ninh Bình, «{exemplar.name}», {SITE_URL}dien-hinh/"
                f"{exemplar.id}/, ngày {exemplar.published:%d/%m/%Y}.")
    assert citation in html


def test_sitemap_and_robots(sample_site, sample_catalogue):
    sitemap = read(sample_site, "sitemap.xml")
    exemplar = next(e for e in sample_catalogue.exemplars.values() if e.updated)
    entry = f"<loc>{SITE_URL}dien-hinh/{exemplar.id}/</loc>\n         <lastmod>{exemplar.updated.isoformat()}</lastmod>"
    assert entry in sitemap
    assert read(sample_site, "robots.txt") == f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n"


def test_csv_cells_never_start_like_a_formula():
    from site_builder.site.opendata import CampaignRow, to_csv

    row = CampaignRow(id="x", url="https://example.gov.vn/x/", name="=HYPERLINK(\"http://evil\")", scope="national",
                      launched_by="+84 Bộ", launch_document="-1", launch_date="2021-01-01", starts="2021-01-01",
                      summary="@SUM(A1)", goals=["=1+1"])
    text = to_csv([row], CampaignRow)
    assert "'=HYPERLINK" in text and "'+84 Bộ" in text and "'-1" in text and "'@SUM(A1)" in text and "'=1+1" in text


def test_open_data_kept_between_builds_follows_an_edit(tmp_path):
    """Rows are kept per record between builds of one process: an edited record's rows are made again."""
    from helpers import EXEMPLAR, write, write_records

    from site_builder.records.loader import load_records
    from site_builder.site import opendata

    records = write_records(tmp_path)
    before = dict(opendata.data_files(load_records(records, base=tmp_path), "https://example.gov.vn/"))
    write(records, "ca-nhan/nguyen-thi-hoa.yml", EXEMPLAR.replace("hơn 600 hộ", "hơn 700 hộ"))
    catalogue = load_records(records, base=tmp_path)
    after = dict(opendata.data_files(catalogue, "https://example.gov.vn/"))
    assert "hơn 600 hộ" in before["data/exemplars.json"] and "hơn 600 hộ" in before["data/exemplars.csv"]
    assert "hơn 700 hộ" in after["data/exemplars.json"] and "hơn 700 hộ" in after["data/exemplars.csv"]
    opendata._PIECES.kept.clear()
    assert dict(opendata.data_files(catalogue, "https://example.gov.vn/")) == after  # as made from nothing


def test_open_data_rows_are_kept_on_disk_for_the_next_process(tmp_path):
    from helpers import write_records

    from site_builder.build.pagecache import KeptFile
    from site_builder.records.loader import load_records
    from site_builder.site import opendata

    catalogue = load_records(write_records(tmp_path), base=tmp_path)
    kept = KeptFile(tmp_path / "cache" / "opendata.pickle", "code")
    first = dict(opendata.data_files(catalogue, "https://example.gov.vn/", kept_in=kept))
    assert kept.path.is_file()
    opendata._PIECES.kept.clear()  # as in a new process
    made = []
    original = opendata._PER_RECORD["exemplars"]
    opendata._PER_RECORD["exemplars"] = (original[0], lambda *args: made.append(args) or original[1](*args))
    try:
        again = dict(opendata.data_files(catalogue, "https://example.gov.vn/", kept_in=kept))
    finally:
        opendata._PER_RECORD["exemplars"] = original
    assert again == first and made == []


def test_a_description_with_quotes_stays_inside_its_meta_tag(sample_site):
    """A news post's front matter reaches Material's <meta name="description"> escaped."""
    from html.parser import HTMLParser

    post = next(path for path in (sample_site / "tin-tuc").rglob("index.html")
                if "Lễ biểu dương doanh nghiệp" in path.read_text(encoding="utf-8"))

    class Metas(HTMLParser):
        found: list[dict] = []

        def handle_starttag(self, tag, attrs):
            if tag == "meta":
                self.found.append(dict(attrs))

    parser = Metas()
    parser.feed(post.read_text(encoding="utf-8"))
    description = next(attrs["content"] for attrs in parser.found if attrs.get("name") == "description")
    assert description.endswith('phong trào "Doanh nghiệp Việt Nam hội nhập và phát triển" năm 2025.')
    assert all(set(attrs) <= {"name", "content", "property", "charset", "http-equiv"} for attrs in parser.found)
