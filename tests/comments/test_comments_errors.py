"""Every refusal: the right status, a Vietnamese message, field messages, and nothing stored."""

from __future__ import annotations

import json

import pytest
from comments_support import CLOSED, OPEN, comment
from starlette.testclient import TestClient

from site_builder.comments import Settings, SpamRules, create_app

JSON = {"content-type": "application/json"}


def _refused(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "fields"}
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["fields"], dict)
    return body


@pytest.mark.parametrize(("overrides", "field"), [
    ({"name": None}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "12345"}, "name"),
    ({"contact": None}, "contact"),
    ({"contact": "gọi tôi"}, "contact"),
    ({"contact": "123"}, "contact"),
    ({"text": None}, "text"),
    ({"text": "ok"}, "text"),
    ({"consent": None}, "consent"),
    ({"consent": False}, "consent"),
    ({"consent": "false"}, "consent"),
    ({"consent": 1}, "consent"),
    ({"batch": None}, "batch"),
    ({"nominee": None}, "nominee"),
    ({"token": "short"}, "token"),
    ({"token": 12345678901234567}, "token"),
    ({"rendered_at": "hôm qua"}, "rendered_at"),
    ({"rendered_at": True}, "rendered_at"),
])
def test_missing_or_invalid_field_is_422_naming_the_field(client, store, overrides, field):
    body = _refused(client.post("/api/comments", json=comment(**overrides)), 422)

    assert field in body["fields"]
    assert store.comments(OPEN) == []


def test_all_field_problems_are_reported_at_once(client):
    body = _refused(client.post("/api/comments", json=comment(name=None, contact="x", text=None,
                                                              consent=None)), 422)

    assert set(body["fields"]) == {"name", "contact", "text", "consent"}
    assert "họ và tên" in body["fields"]["name"]


@pytest.mark.parametrize("value", [123, 1.5, True, ["a", "b"], {"a": 1}])
@pytest.mark.parametrize("field", ["batch", "nominee", "name", "contact", "text", "address"])
def test_wrong_json_types_are_422(client, store, field, value):
    body = _refused(client.post("/api/comments", json=comment(**{field: value})), 422)

    assert field in body["fields"]
    assert store.comments(OPEN) == []


@pytest.mark.parametrize(("field", "limit"), [("name", 120), ("contact", 120), ("address", 300),
                                              ("text", 5000)])
def test_over_long_fields_are_422_with_the_limit(client, store, field, limit):
    value = "a@b.vn" + "x" * limit if field == "contact" else "Ơ" * (limit + 1)

    body = _refused(client.post("/api/comments", json=comment(**{field: value})), 422)

    assert str(limit) in body["fields"][field]
    assert store.comments(OPEN) == []


def test_field_at_its_length_limit_is_accepted(client):
    assert client.post("/api/comments", json=comment(text="Ơ" * 5000)).status_code == 201


@pytest.mark.parametrize("text", ["bad\x00byte text", "bell\x07 text here", "lone \ud800 surrogate"])
def test_characters_a_database_cannot_hold_are_422(client, store, text):
    payload = json.dumps(comment(text=text), ensure_ascii=True)

    body = _refused(client.post("/api/comments", content=payload, headers=JSON), 422)

    assert "text" in body["fields"]
    assert store.comments(OPEN) == []


@pytest.mark.parametrize(("content", "content_type", "status"), [
    (b"{not json", "application/json", 400),
    (b"", "application/json", 400),
    (b"\xff\xfe{}", "application/json", 400),
    (b'{"name": "\xc3\x28"}', "application/json", 400),
    (b"[" * 5000 + b"]" * 5000, "application/json", 400),
    (b"[1, 2]", "application/json", 422),
    (b'"a string"', "application/json", 422),
    (b"null", "application/json", 422),
    (b"42", "application/json", 422),
    (b"name=%C3%28", "application/x-www-form-urlencoded", 400),
    (b"name=\xff", "application/x-www-form-urlencoded", 400),
    (b"&".join(b"f%d=1" % n for n in range(100)), "application/x-www-form-urlencoded", 400),
    (b"--x\r\nbroken", "multipart/form-data; boundary=x", 400),
    (b"irrelevant", "multipart/form-data", 400),
    (b"<comment/>", "application/xml", 415),
    (b"name=a", "text/plain", 415),
    (b"name=a", "", 415),
])
def test_malformed_bodies_are_4xx_never_500(client, store, content, content_type, status):
    headers = {"content-type": content_type, "accept": "application/json"} if content_type else {}

    _refused(client.post("/api/comments", content=content, headers=headers), status)

    assert store.comments(OPEN) == []


def test_repeated_form_field_is_422(client, store):
    body = "batch={}&nominee=htx-hai-dong&name=A&name=B&contact=0912345678&text=hello%20there&consent=on"

    response = client.post("/api/comments", content=body.format(OPEN),
                           headers={"content-type": "application/x-www-form-urlencoded",
                                    "accept": "application/json"})

    assert "name" in _refused(response, 422)["fields"]


def test_file_upload_in_multipart_is_refused(client, store):
    files = {"text": ("letter.txt", b"hello", "text/plain"), "batch": (None, OPEN)}

    _refused(client.post("/api/comments", files=files, headers={"accept": "application/json"}), 422)


def test_unknown_batch_is_404(client):
    body = _refused(client.post("/api/comments", json=comment(batch="khong-co-dot-nay")), 404)

    assert "batch" in body["fields"]


def test_unknown_nominee_is_404(client):
    body = _refused(client.post("/api/comments", json=comment(nominee="khong-co-ai")), 404)

    assert "nominee" in body["fields"]


def test_closed_period_is_409_with_the_deadline_in_vietnamese(client, store):
    body = _refused(client.post("/api/comments", json=comment(batch=CLOSED)), 409)

    assert "31/10/2026 23:59" in body["error"]
    assert "hết thời hạn" in body["error"]
    assert store.comments(CLOSED) == []


def test_upcoming_period_is_409_with_its_dates(client):
    body = _refused(client.post("/api/comments", json=comment(batch="sap-lay-y-kien")), 409)

    assert "01/12/2026 00:00" in body["error"] and "15/12/2026 23:59" in body["error"]
    assert "chưa bắt đầu" in body["error"]


def test_closed_period_is_reported_before_field_problems(client):
    _refused(client.post("/api/comments", json=comment(batch=CLOSED, name=None)), 409)


def test_body_over_the_limit_is_413_before_parsing(make_client, store):
    small = make_client(max_body_bytes=1024)

    body = _refused(small.post("/api/comments", content=b"{" + b" " * 2000, headers=JSON), 413)

    assert "KB" in body["error"]
    assert small.post("/api/comments", json=comment()).status_code == 201


def test_body_over_the_limit_without_content_length_is_413(make_client, store):
    small = make_client(max_body_bytes=1024)

    def chunks():
        for _ in range(10):
            yield b"x" * 500

    _refused(small.post("/api/comments", content=chunks(), headers=JSON), 413)
    assert store.comments(OPEN) == []


def test_huge_declared_content_length_is_413_without_reading(make_client):
    small = make_client(max_body_bytes=1024)

    response = small.post("/api/comments", content=b"{}",
                          headers={**JSON, "content-length": "999999999"})

    assert response.status_code == 413


def test_database_failure_is_503_not_500(records, clock, store):
    app = create_app(Settings(records=records, clock=clock, spam=SpamRules(min_seconds=0)), store=store)
    store.close()
    with TestClient(app, raise_server_exceptions=True) as client:
        response = client.post("/api/comments", json=comment())
        health = client.get("/healthz")

    _refused(response, 503)
    assert "CHƯA" in response.json()["error"]
    assert health.status_code == 503


def test_invalid_utf8_in_a_multipart_field_is_400(client, store):
    body = (b"--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\xff\xfe\r\n--b--\r\n")

    _refused(client.post("/api/comments", content=body, headers={
        "content-type": "multipart/form-data; boundary=b", "accept": "application/json"}), 400)
    assert store.comments(OPEN) == []


def test_unticked_consent_box_sends_nothing_and_is_422(client, store):
    fields = {key: str(value) for key, value in comment().items() if key != "consent"}

    body = _refused(client.post("/api/comments", data=fields, headers={"accept": "application/json"}),
                    422)

    assert set(body["fields"]) == {"consent"}


def test_unknown_extra_fields_are_ignored(client):
    assert client.post("/api/comments", json=comment(source="radio", extra={"a": 1})).status_code == 201
