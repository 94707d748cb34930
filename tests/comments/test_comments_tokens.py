"""Idempotent submissions: the same ``token`` twice gives the same receipt and one stored comment."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from comments_support import OPEN, OTHER_NOMINEE, comment, distinct

from site_builder.comments.store.register import NewComment, TokenReused
from site_builder.model.vntime import VIETNAM


def test_same_token_twice_returns_the_same_receipt_and_stores_one(client, store):
    token = str(uuid.uuid4())

    first = client.post("/api/comments", json=comment(token=token))
    second = client.post("/api/comments", json=comment(token=token))

    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert len(store.comments(OPEN)) == 1


def test_same_token_by_json_then_form_is_one_comment(client, store):
    token = str(uuid.uuid4())
    first = client.post("/api/comments", json=comment(token=token)).json()["receipt"]

    second = client.post("/api/comments", data={**{k: str(v) for k, v in comment().items()},
                                                 "consent": "on", "token": token},
                         headers={"accept": "application/json"})

    assert second.json()["receipt"] == first
    assert len(store.comments(OPEN)) == 1


def test_different_tokens_are_different_comments(client, store):
    receipts = {client.post("/api/comments", json=distinct(token=str(uuid.uuid4()))).json()["receipt"]
                for _ in range(3)}

    assert len(receipts) == 3
    assert len(store.comments(OPEN)) == 3


def test_without_token_each_different_comment_is_a_new_comment(client, store):
    """Without a token, only the content tells a resend from a new comment (see
    test_comments_receipt_page.py for the same comment sent twice: one comment)."""
    client.post("/api/comments", json=distinct())
    client.post("/api/comments", json=distinct())

    assert len(store.comments(OPEN)) == 2


def test_different_tokens_with_the_same_comment_within_the_window_are_one_comment(client, store):
    first = client.post("/api/comments", json=comment(token=str(uuid.uuid4()))).json()
    again = client.post("/api/comments", json=comment(token=str(uuid.uuid4()))).json()

    assert again == first
    assert len(store.comments(OPEN)) == 1


def test_retry_after_the_deadline_returns_the_receipt_given_in_time(client, clock, store):
    token = str(uuid.uuid4())
    clock.set(datetime(2026, 11, 30, 16, 59, 59, tzinfo=VIETNAM))
    first = client.post("/api/comments", json=comment(token=token)).json()

    clock.advance(5)
    retry = client.post("/api/comments", json=comment(token=token))
    stranger = client.post("/api/comments", json=comment(token=str(uuid.uuid4())))

    assert retry.status_code == 201 and retry.json() == first
    assert stranger.status_code == 409
    assert len(store.comments(OPEN)) == 1


def test_concurrent_posts_with_one_token_store_one_comment(store):
    """Many threads race with one token: the unique index lets exactly one row in."""
    token = str(uuid.uuid4())
    entry = NewComment(OPEN, "htx-hai-dong", "Nguyễn Văn Thành", "0912345678", "Nội dung góp ý.",
                       token=token)
    now = datetime(2026, 11, 20, 10, 0, tzinfo=VIETNAM)

    with ThreadPoolExecutor(8) as pool:
        receipts = list(pool.map(lambda i: store.add(entry, now + timedelta(seconds=i)), range(16)))

    assert len({receipt.code for receipt in receipts}) == 1
    assert sum(not receipt.replayed for receipt in receipts) == 1
    assert len(store.comments(OPEN)) == 1


@pytest.mark.parametrize("change", [{"text": "Một nội dung góp ý hoàn toàn khác."}, {"nominee": OTHER_NOMINEE},
                                    {"contact": "khac@example.vn"}, {"address": None}])
def test_same_token_with_different_content_is_409_and_stores_nothing(client, store, change):
    token = str(uuid.uuid4())
    first = client.post("/api/comments", json=comment(token=token))

    reused = client.post("/api/comments", json=comment(token=token, **change))

    assert first.status_code == 201
    assert reused.status_code == 409
    assert "token" in reused.json()["fields"] and "CHƯA" in reused.json()["error"]
    assert [stored.receipt for stored in store.comments(OPEN)] == [first.json()["receipt"]]


def test_store_refuses_a_token_reused_with_another_comment(store):
    now = datetime(2026, 11, 20, 10, 0, tzinfo=VIETNAM)
    entry = NewComment(OPEN, "htx-hai-dong", "Nguyễn Văn Thành", "0912345678", "Nội dung góp ý.",
                       token="a-token-of-sixteen-chars")
    store.add(entry, now)

    with pytest.raises(TokenReused):
        store.add(NewComment(**{**entry.__dict__, "text": "Nội dung khác hẳn."}), now)
