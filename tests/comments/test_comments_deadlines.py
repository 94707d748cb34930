"""Deadlines in Vietnam time: the second before closing is in time, the second after is not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from comments_support import OPEN, comment, write_batch

from site_builder.comments.batches import load_batches
from site_builder.model.vntime import VIETNAM

CLOSES = datetime(2026, 11, 30, 17, 0, tzinfo=VIETNAM)
OPENS = datetime(2026, 11, 1, 0, 0, tzinfo=VIETNAM)


@pytest.mark.parametrize(("moment", "status"), [
    (OPENS - timedelta(seconds=1), 409),
    (OPENS, 201),
    (OPENS + timedelta(seconds=1), 201),
    (CLOSES - timedelta(seconds=1), 201),
    (CLOSES, 201),
    (CLOSES + timedelta(seconds=1), 409),
    (CLOSES + timedelta(days=1), 409),
])
def test_comment_period_edges(client, clock, moment, status):
    clock.set(moment)

    response = client.post("/api/comments", json=comment())

    assert response.status_code == status, response.text


def test_edges_hold_when_the_clock_is_in_utc(client, clock):
    """The server's clock may be UTC: 10:00:01 UTC is 17:00:01 in Vietnam, one second late."""
    clock.set(datetime(2026, 11, 30, 10, 0, 0, tzinfo=UTC))
    assert client.post("/api/comments", json=comment()).status_code == 201

    clock.set(datetime(2026, 11, 30, 10, 0, 1, tzinfo=UTC))
    assert client.post("/api/comments", json=comment()).status_code == 409


def test_date_only_deadline_closes_at_the_end_of_that_day_vietnam_time(tmp_path):
    write_batch(tmp_path, "het-ngay", "01/11/2026", "15/11/2026")
    batch = load_batches(tmp_path)["het-ngay"]

    assert batch.phase_at(datetime(2026, 11, 15, 23, 59, 59, tzinfo=VIETNAM)) == "open"
    assert batch.phase_at(datetime(2026, 11, 15, 23, 59, 59, 900000, tzinfo=VIETNAM)) == "open"
    assert batch.phase_at(datetime(2026, 11, 16, 0, 0, 0, tzinfo=VIETNAM)) == "closed"
    # 17:00 UTC on the 15th is already midnight in Vietnam.
    assert batch.phase_at(datetime(2026, 11, 15, 17, 0, 0, tzinfo=UTC)) == "closed"


def test_batch_status_in_the_listing_follows_the_clock(client, clock):
    clock.set(CLOSES + timedelta(seconds=1))

    statuses = {batch["id"]: batch["status"] for batch in client.get("/api/batches").json()}

    assert statuses[OPEN] == "closed"


def test_409_message_names_the_deadline(client, clock):
    clock.set(CLOSES + timedelta(seconds=1))

    error = client.post("/api/comments", json=comment()).json()["error"]

    assert "30/11/2026 17:00" in error
