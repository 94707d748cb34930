"""Spam control: honeypot, minimum time between showing and sending the form, rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from comments_support import OPEN, comment, distinct

from site_builder.comments import SpamRules
from site_builder.comments.http.spam import too_fast


def test_honeypot_comment_gets_a_receipt_but_is_stored_as_spam_and_not_counted(client, store):
    response = client.post("/api/comments", json=comment(website="http://cheap-pills.example"))

    assert response.status_code == 201
    [stored] = store.comments(OPEN)
    assert stored.status == "spam"
    assert client.get(f"/api/batches/{OPEN}/counts").json()["total"] == 0


def test_blank_honeypot_is_a_person(client, store):
    client.post("/api/comments", json=comment(website="  "))

    assert store.comments(OPEN)[0].status == "received"


def test_honeypot_field_name_is_configurable(make_client, store):
    custom = make_client(spam=SpamRules(honeypot_field="fax", min_seconds=0, rate_limit=0))

    custom.post("/api/comments", json=comment(fax="123"))

    assert store.comments(OPEN)[0].status == "spam"


@pytest.mark.parametrize(("seconds_ago", "status"), [(0, 422), (2.9, 422), (3, 201), (60, 201)])
def test_minimum_time_between_form_and_submit(make_client, clock, seconds_ago, status):
    client = make_client(spam=SpamRules(min_seconds=3, rate_limit=0))
    rendered_at = (clock.now - timedelta(seconds=seconds_ago)).timestamp()

    response = client.post("/api/comments", json=comment(rendered_at=rendered_at))

    assert response.status_code == status
    if status == 422:
        assert "rendered_at" in response.json()["fields"]


@pytest.mark.parametrize("form_value", ["{ms}", "{seconds}", "{iso}"])
def test_rendered_at_formats(make_client, clock, store, form_value):
    client = make_client(spam=SpamRules(min_seconds=3, rate_limit=0))
    shown = clock.now - timedelta(seconds=1)
    value = form_value.format(ms=int(shown.timestamp() * 1000), seconds=shown.timestamp(),
                              iso=shown.isoformat())

    response = client.post("/api/comments", json=comment(rendered_at=value))

    assert response.status_code == 422  # one second is too fast, whatever the format


def test_rendered_at_in_the_future_is_not_held_against_a_drifting_phone(make_client, clock):
    client = make_client(spam=SpamRules(min_seconds=3, rate_limit=0))

    ahead = (clock.now + timedelta(minutes=2)).timestamp()

    assert client.post("/api/comments", json=comment(rendered_at=ahead)).status_code == 201


def test_rate_limit_per_address_answers_429_with_retry_after(make_client, store):
    client = make_client(spam=SpamRules(min_seconds=0, rate_limit=2, rate_window=60))

    statuses = [client.post("/api/comments", json=distinct()).status_code for _ in range(3)]

    assert statuses == [201, 201, 429]
    refused = client.post("/api/comments", json=distinct())
    assert refused.status_code == 429
    assert 0 < int(refused.headers["retry-after"]) <= 61
    assert set(refused.json()) == {"error", "fields"}
    assert len(store.comments(OPEN)) == 2


def test_rate_limit_counts_only_stored_comments(make_client):
    client = make_client(spam=SpamRules(min_seconds=0, rate_limit=2, rate_window=60))

    for _ in range(5):
        assert client.post("/api/comments", json=comment(name=None)).status_code == 422

    assert client.post("/api/comments", json=comment()).status_code == 201


def test_rate_limit_zero_means_off(make_client):
    client = make_client(spam=SpamRules(min_seconds=0, rate_limit=0))

    assert {client.post("/api/comments", json=distinct()).status_code for _ in range(30)} == {201}


@pytest.mark.parametrize(("elapsed", "minimum", "expected"), [
    (1, 3, True), (3, 3, False), (-5, 3, False), (0, 0, False),
])
def test_too_fast(clock, elapsed, minimum, expected):
    assert too_fast(clock.now - timedelta(seconds=elapsed), clock.now, minimum) is expected
    assert too_fast(None, clock.now, minimum) is False
