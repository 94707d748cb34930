"""Personal data (name, contact, address, IP) never leaves through a public endpoint."""

from __future__ import annotations

import sqlite3

from comments_support import NOMINEE, OPEN, comment

PERSONAL = ["Nguyễn Văn Thành", "0912 345 678", "0912345678", "Thôn Đông", "Hải Hậu", "testclient"]


def test_public_endpoints_show_nothing_personal(client):
    code = client.post("/api/comments", json=comment()).json()["receipt"]

    answers = [client.get(path).text for path in (
        "/api/batches", f"/api/batches/{OPEN}/counts", f"/api/receipts/{code}", "/healthz")]
    answers.append(client.post("/api/comments", json=comment()).text)

    for answer in answers:
        for value in PERSONAL:
            assert value not in answer


def test_receipt_status_has_only_public_keys(client):
    code = client.post("/api/comments", json=comment()).json()["receipt"]

    body = client.get(f"/api/receipts/{code}").json()

    # "counted" and its reason are the published register's, public once it is published.
    assert set(body) == {"receipt", "status", "batch", "nominee", "received_at", "state", "state_text",
                         "state_help", "batch_title", "nominee_name", "received_on", "counted",
                         "not_counted_reason_text"}
    assert body["nominee"] == NOMINEE


def test_spam_mark_is_not_revealed(client, store):
    code = client.post("/api/comments", json=comment(website="x")).json()["receipt"]

    assert client.get(f"/api/receipts/{code}").json()["status"] == "reviewed"


def test_no_ip_address_is_stored(client, tmp_path, database_url, store):
    client.post("/api/comments", json=comment(), headers={"x-forwarded-for": "203.0.113.9"})

    columns = set(store.comments(OPEN)[0].__dataclass_fields__)
    assert not {"ip", "address_ip", "client"} & columns
    if database_url.startswith("sqlite"):
        raw = b"".join(path.read_bytes() for path in tmp_path.glob("comments.sqlite3*"))
        assert b"testclient" not in raw and b"203.0.113.9" not in raw
        with sqlite3.connect(tmp_path / "comments.sqlite3") as db:
            names = [row[1] for row in db.execute("PRAGMA table_info(comments)")]
        assert "ip" not in names
