"""The service names the board of the site's mkdocs.yml, in the site's look; purge keeps what the notice says."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from comments_support import CLOSED, NOMINEE, OPEN, ORIGIN, comment, form, write_batch

from site_builder.cli import main
from site_builder.comments import Settings, SpamRules, create_app
from site_builder.comments.site_config import (
    SiteConfigInvalid,
    default_site_config,
    read_site_config,
)
from site_builder.comments.store.register import NewComment
from site_builder.model.vntime import VIETNAM

REPO = Path(__file__).resolve().parents[2]
PRIVACY = "https://thiduakhenthuong.example.gov.vn/chinh-sach-bao-ve-du-lieu-ca-nhan/"

CONFIG = """\
site_name: Thử
site_url: https://thiduakhenthuong.example.gov.vn/
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - site_builder:
      build_time: !ENV [SITE_BUILDER_NOW, null]
      board:
        name: Ban Thi đua – Khen thưởng
        parent: Sở Nội vụ tỉnh Thử Nghiệm
        address: Số 9 phố Thử, tỉnh Thử Nghiệm
        phone: 0229 111 222
        email: bantdkt@example.gov.vn
        responsible: Trưởng ban
        retention_months: {months}
"""


def _config(folder: Path, months: int = 12) -> Path:
    path = folder / "mkdocs.yml"
    path.write_text(CONFIG.format(months=months), encoding="utf-8")
    return path


def test_the_repository_site_config_is_read_despite_its_mkdocs_tags():
    identity = read_site_config(REPO / "mkdocs.yml")

    assert identity.board is not None and identity.board.name == "Ban Thi đua – Khen thưởng"
    assert identity.site_url == "https://thiduakhenthuong.example.gov.vn/"


def test_python_name_and_env_tags_are_read_as_plain_values_never_run(tmp_path):
    identity = read_site_config(_config(tmp_path, months=7))

    assert identity.board.retention_months == 7 and identity.board.phone == "0229 111 222"


def test_an_invalid_board_names_the_file_and_the_field(tmp_path):
    path = _config(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("        phone: 0229 111 222\n", ""), encoding="utf-8")

    with pytest.raises(SiteConfigInvalid, match=r"mkdocs\.yml: plugins\.site_builder\.board: phone"):
        read_site_config(path)


def test_the_default_site_config_is_next_to_the_records_folder(tmp_path):
    (tmp_path / "exemplars").mkdir()
    assert default_site_config(tmp_path / "exemplars") is None
    _config(tmp_path)
    assert default_site_config(tmp_path / "exemplars") == (tmp_path / "mkdocs.yml").resolve()


def _decided(records: Path, store) -> None:
    """A batch whose outcome was published on 20/01/2021, with one comment holding personal data."""
    path = write_batch(records, "decided", "01/10/2020", "31/10/2020")
    outcome = ("\n    outcome:\n      result: awarded\n      decision:\n        number: 12/QĐ-CTN\n"
               "        date: 20/01/2021\n        issued_by: Chủ tịch nước\n")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(    summary: [^\n]*)\n", lambda match: match.group(1) + outcome, text)
    path.write_text(text, encoding="utf-8")
    store.add(NewComment("decided", NOMINEE, "Nguyễn Văn Thành", "0912345678", "Nội dung góp ý.",
                         address="Xóm 3"), datetime(2020, 10, 20, 9, 0, tzinfo=VIETNAM))


@pytest.mark.parametrize(("months", "kept"), [(120, True), (1, False)])
def test_purge_keeps_personal_data_as_long_as_the_notice_says(tmp_path, records, store, database_url,
                                                               capsys, months, kept):
    _decided(records, store)
    config = _config(tmp_path, months=months)

    assert main(["comments", "purge", "--database", database_url, "--records", str(records),
                 "--site-config", str(config)]) == 0

    assert bool(store.comments("decided")[0].name) is kept
    assert ("comments with personal data kept" in capsys.readouterr().out) is kept


def test_purge_reads_the_site_config_next_to_the_records_by_default(tmp_path, records, store, database_url):
    _decided(records, store)
    _config(records.parent, months=120)

    assert main(["comments", "purge", "--database", database_url, "--records", str(records)]) == 0

    assert store.comments("decided")[0].name == "Nguyễn Văn Thành"


@pytest.fixture
def branded(records, database_url, clock, store):
    from starlette.testclient import TestClient

    identity = read_site_config(REPO / "mkdocs.yml")
    settings = Settings(records=records, database_url=database_url, origin=ORIGIN, clock=clock,
                        board=identity.board, site_url=identity.site_url,
                        spam=SpamRules(min_seconds=0, rate_limit=0, invalid_limit=0, lookup_limit=0))
    with TestClient(create_app(settings, store=store)) as client:
        yield client, identity.board


def _pages(client) -> dict[str, object]:
    posted = client.post("/api/comments", data=form(), follow_redirects=False)
    code = re.search(r"[2-9A-Z]{4}-[2-9A-Z]{4}", posted.headers["location"]).group(0)
    return {
        "receipt": client.get(f"/bien-nhan/{code}"),
        "look-up": client.get("/tra-cuu", params={"ma": code}),
        "unknown": client.get("/tra-cuu", params={"ma": "ABCD-EFGH"}),
        "form again": client.post("/api/comments", data=form(contact="sai")),
        "error": client.post("/api/comments", data=form(batch=CLOSED)),
    }


def test_every_service_page_names_the_board_and_links_the_privacy_notice(branded):
    client, board = branded
    for kind, page in _pages(client).items():
        html = page.text
        assert board.full_name in html and board.address in html and board.email in html, kind
        assert f'href="{board.phone_link}"' in html, kind
        assert f'href="{PRIVACY}"' in html, kind
        assert re.search(r'<link rel="stylesheet" href="(\.\./)?static/service\.css">', html), kind
        assert "<style" not in html and "<script" not in html, kind
        csp = page.headers["content-security-policy"]
        assert "style-src 'self'" in csp and "unsafe-inline" not in csp, kind


def test_the_receipt_links_the_look_up_page_on_the_site(branded):
    client, _board = branded
    page = _pages(client)["receipt"].text

    assert 'href="https://thiduakhenthuong.example.gov.vn/tra-cuu-y-kien/?ma=' in page


def test_the_stylesheet_has_the_site_fonts_and_colours(client):
    css = client.get("/static/service.css")
    site_css = (REPO / "theme/assets/stylesheets/site.css").read_text(encoding="utf-8")

    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    for colour in ("--sb-red", "--sb-gold", "--sb-ink"):
        value = re.search(rf"{colour}: (#[0-9a-f]+);", site_css).group(1)
        assert f"{colour}: {value};" in css.text
    assert "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif" in css.text
    assert ".sv-code" in css.text and "white-space: nowrap" in css.text


def test_without_a_board_the_pages_still_work(client):
    assert client.post("/api/comments", json=comment()).status_code == 201
    assert client.get("/tra-cuu").status_code == 200
    assert OPEN  # the open batch of the fixtures takes comments
