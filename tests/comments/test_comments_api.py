"""The public HTTP contract of the comment service (other tools rely on it: keep it exact)."""

from __future__ import annotations

import re
from datetime import datetime

from comments_support import CLOSED, DEFAULT_NOW, NOMINEE, OPEN, OTHER_NOMINEE, UPCOMING, comment, distinct

from site_builder.comments.handling.status_changes import StatusChange, change_status

RECEIPT = re.compile(r"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")


def test_batches_lists_every_batch_with_status_deadlines_and_nominees(client):
    response = client.get("/api/batches")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    batches = {batch["id"]: batch for batch in response.json()}
    assert set(batches) == {OPEN, UPCOMING, CLOSED}
    assert batches[OPEN] == {
        "id": OPEN,
        "title": "Lấy ý kiến nhân dân về đề nghị tặng Huân chương Lao động",
        "opens": "2026-11-01T00:00:00+07:00",
        "closes": "2026-11-30T17:00:00+07:00",
        "status": "open",
        "nominees": [NOMINEE, OTHER_NOMINEE],
    }
    assert batches[UPCOMING]["status"] == "upcoming"
    assert batches[CLOSED]["status"] == "closed"
    assert batches[CLOSED]["closes"] == "2026-10-31T23:59:59+07:00"


def test_post_json_comment_returns_201_with_receipt_and_time(client, clock, store):
    response = client.post("/api/comments", json=comment())

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"receipt", "received_at"}
    assert RECEIPT.match(body["receipt"])
    assert datetime.fromisoformat(body["received_at"]) == clock.now
    assert body["received_at"].endswith("+07:00")
    [stored] = store.comments(OPEN)
    assert stored.receipt == body["receipt"]
    assert (stored.name, stored.contact, stored.channel, stored.status) == (
        "Nguyễn Văn Thành", "0912 345 678", "web", "received")


def test_post_form_comment_is_stored_like_json(client, store):
    response = client.post("/api/comments", data={
        "batch": OPEN, "nominee": NOMINEE, "name": "Lê Thị Hương", "contact": "huong@example.vn",
        "text": "Tôi đồng ý với đề nghị khen thưởng.", "consent": "on",
    }, headers={"accept": "application/json"})

    assert response.status_code == 201
    [stored] = store.comments(OPEN)
    assert stored.receipt == response.json()["receipt"]
    assert stored.text == "Tôi đồng ý với đề nghị khen thưởng."
    assert stored.address is None


def test_multipart_form_post_is_accepted(client, store):
    fields = {key: (None, str(value)) for key, value in comment(consent="on").items()}
    response = client.post("/api/comments", files=fields, headers={"accept": "application/json"})

    assert response.status_code == 201
    assert store.comments(OPEN)[0].name == "Nguyễn Văn Thành"


def test_counts_are_per_nominee_with_zeros(client):
    for nominee in (NOMINEE, NOMINEE, OTHER_NOMINEE):
        assert client.post("/api/comments", json=distinct(nominee=nominee)).status_code == 201

    response = client.get(f"/api/batches/{OPEN}/counts")

    assert response.status_code == 200
    assert response.json() == {"batch": OPEN, "total": 3, "nominees": {NOMINEE: 2, OTHER_NOMINEE: 1}}
    assert client.get(f"/api/batches/{CLOSED}/counts").json() == {
        "batch": CLOSED, "total": 0, "nominees": {NOMINEE: 0, OTHER_NOMINEE: 0}}


def test_counts_of_unknown_batch_is_404(client):
    response = client.get("/api/batches/khong-co/counts")

    assert response.status_code == 404
    assert set(response.json()) == {"error", "fields"}


def test_receipt_status_says_received_then_reviewed(client, store):
    code = client.post("/api/comments", json=comment()).json()["receipt"]

    first = client.get(f"/api/receipts/{code}")
    change_status(store, [code], StatusChange("reviewed"), "can.bo", DEFAULT_NOW)
    second = client.get(f"/api/receipts/{code}")

    assert first.status_code == 200
    assert first.json()["status"] == "received"
    assert first.json()["batch"] == OPEN and first.json()["nominee"] == NOMINEE
    assert second.json()["status"] == "reviewed"


def test_receipt_lookup_forgives_case_and_separators(client):
    code = client.post("/api/comments", json=comment()).json()["receipt"]

    typed = code.lower().replace("-", " ")

    assert client.get(f"/api/receipts/{typed}").json()["receipt"] == code


def test_unknown_or_malformed_receipt_is_404(client):
    for code in ("ABCD-EFGH", "not-a-code", "0000-0000", "x" * 300):
        response = client.get(f"/api/receipts/{code}")
        assert response.status_code == 404
        assert response.json()["error"]


def test_healthz(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_unknown_path_and_wrong_method_answer_in_the_error_format(client):
    missing = client.get("/api/nothing")
    wrong_method = client.get("/api/comments")

    assert missing.status_code == 404 and set(missing.json()) == {"error", "fields"}
    assert wrong_method.status_code == 405 and set(wrong_method.json()) == {"error", "fields"}


def test_responses_are_not_cached(client):
    assert client.get("/api/batches").headers["cache-control"] == "no-store"
    assert client.post("/api/comments", json=comment()).headers["cache-control"] == "no-store"
