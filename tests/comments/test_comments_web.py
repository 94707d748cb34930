"""What a browser meets: CORS for the site only, the receipt page after a plain form post."""

from __future__ import annotations

import re

import pytest
from comments_support import NOMINEE, OPEN, ORIGIN, comment, form

from site_builder.comments import SpamRules

FORM_HEADERS = {"content-type": "application/x-www-form-urlencoded"}


def test_cors_allows_the_site_origin(client):
    preflight = client.options("/api/comments", headers={
        "origin": ORIGIN, "access-control-request-method": "POST",
        "access-control-request-headers": "content-type"})
    listing = client.get("/api/batches", headers={"origin": ORIGIN})

    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert listing.headers["access-control-allow-origin"] == ORIGIN


@pytest.mark.parametrize("origin", ["https://evil.example", "http://thiduakhenthuong.example.gov.vn",
                                    "https://thiduakhenthuong.example.gov.vn.evil.example"])
def test_cors_refuses_other_origins(client, origin):
    preflight = client.options("/api/comments", headers={
        "origin": origin, "access-control-request-method": "POST"})
    listing = client.get("/api/batches", headers={"origin": origin})

    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in listing.headers


def test_no_origin_configured_means_no_cors(make_client):
    client = make_client(origin=None)

    listing = client.get("/api/batches", headers={"origin": ORIGIN})

    assert "access-control-allow-origin" not in listing.headers


def test_form_post_answers_with_an_accessible_vietnamese_receipt_page(client, store):
    response = client.post("/api/comments", data=form(return_to=f"{ORIGIN}/lay-y-kien/{OPEN}/#{NOMINEE}"))

    assert [answer.status_code for answer in response.history] == [303]
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    code = store.comments(OPEN)[0].receipt
    assert '<html lang="vi">' in page
    assert page.count("<h1>") == 1 and "Đã nhận ý kiến" in page
    assert code in page
    assert "Hợp tác xã Nông nghiệp Hải Đông" in page
    assert "10:00 ngày 20/11/2026" in page
    assert f'<a href="{ORIGIN}/lay-y-kien/{OPEN}/#{NOMINEE}">' in page
    assert "<script" not in page
    assert "default-src 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("return_to", [
    "https://evil.example/lay-y-kien/",
    "javascript:alert(1)",
    "//evil.example/",
    f"{ORIGIN}.evil.example/",
    "https://user@thiduakhenthuong.example.gov.vn/",
    "/relative/path",
])
def test_receipt_page_links_back_only_to_the_site_origin(client, return_to):
    page = client.post("/api/comments", data=form(return_to=return_to)).text

    assert "Đã nhận ý kiến" in page and "Quay lại trang góp ý" not in page
    assert "evil" not in page and "javascript" not in page


def test_form_error_page_lists_the_problems_and_links_back(client, store):
    response = client.post("/api/comments", data=form(name="", contact="abc",
                                                      return_to=f"{ORIGIN}/lay-y-kien/"))

    assert response.status_code == 422
    page = response.text
    assert "Chưa gửi được ý kiến" in page
    assert "Họ và tên" in page and "Điện thoại hoặc email" in page
    assert f'<a href="{ORIGIN}/lay-y-kien/">' in page
    assert store.comments(OPEN) == []


def test_form_error_page_for_a_closed_period_shows_the_deadline(client):
    response = client.post("/api/comments", data=form(batch="da-het-han"))

    assert response.status_code == 409
    assert "31/10/2026 23:59" in response.text


def test_what_the_citizen_typed_is_escaped_on_the_pages(client):
    hostile = '<script>alert("x")</script>'
    ok = client.post("/api/comments", data=form(text=f"{hostile} nội dung góp ý",
                                                return_to=f'{ORIGIN}/"><script>alert(1)</script>'))
    refused = client.post("/api/comments", data=form(nominee="<img src=x onerror=alert(1)>"))

    assert "<script>" not in ok.text
    assert 'href="https://thiduakhenthuong.example.gov.vn/&#34;&gt;&lt;script&gt;' in ok.text
    assert "<img" not in refused.text


def test_form_post_asking_for_json_gets_json(client):
    response = client.post("/api/comments", data=form(), headers={"accept": "application/json"})

    assert response.status_code == 201
    assert re.match(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$", response.json()["receipt"])


def test_form_post_over_the_limit_gets_a_page_too(make_client):
    client = make_client(max_body_bytes=1024)

    response = client.post("/api/comments", data=form(text="x" * 3000))

    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "KB" in response.text


@pytest.mark.parametrize("headers", [
    {"origin": "https://evil.example"},
    {"origin": "null"},
    {"origin": "https://evil.example", "sec-fetch-site": "cross-site"},
    {"origin": "http://thiduakhenthuong.example.gov.vn"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},
])
@pytest.mark.parametrize("as_form", [True, False])
def test_a_post_from_another_site_is_refused_with_403(client, store, headers, as_form):
    if as_form:
        response = client.post("/api/comments", data=form(), headers=headers)
    else:
        response = client.post("/api/comments", json=comment(), headers=headers)

    assert response.status_code == 403
    assert "CHƯA được ghi nhận" in response.text and ORIGIN in response.text
    assert store.comments(OPEN) == []


@pytest.mark.parametrize("headers", [
    {"origin": ORIGIN},
    {"origin": ORIGIN.upper(), "sec-fetch-site": "cross-site"},  # the service on another site than the pages
    {"origin": ORIGIN, "sec-fetch-site": "same-site"},
    {},  # a program: neither header
])
def test_a_post_from_the_site_or_from_a_program_is_taken(client, headers):
    assert client.post("/api/comments", json=comment(), headers=headers).status_code == 201


def test_without_a_configured_origin_only_same_origin_browser_posts_are_taken(make_client):
    client = make_client(origin=None)

    same = client.post("/api/comments", json=comment(),
                       headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"})
    other = client.post("/api/comments", json=comment(),
                        headers={"origin": "https://evil.example", "sec-fetch-site": "cross-site"})

    assert (same.status_code, other.status_code) == (201, 403)


def test_a_refused_cross_site_post_uses_no_rate_limit_slot(make_client):
    client = make_client(spam=SpamRules(min_seconds=0, rate_limit=1, invalid_limit=1, lookup_limit=0))

    for _ in range(3):
        assert client.post("/api/comments", json=comment(), headers={"origin": "null"}).status_code == 403

    assert client.post("/api/comments", json=comment(), headers={"origin": ORIGIN}).status_code == 201
