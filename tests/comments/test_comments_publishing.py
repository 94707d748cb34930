"""Publishing while the service runs: a new, changed or removed comment period is seen without a restart."""

from __future__ import annotations

import logging

from comments_support import NOMINEE, OPEN, comment, write_batch


def read_again(client) -> list[str]:
    """The batch ids once the service has looked at the records folder and read what changed."""
    client.get("/api/batches")  # a request makes the service look
    client.app.state.batches.settle(timeout=30)
    return [batch["id"] for batch in client.get("/api/batches").json()]


def test_a_batch_published_while_the_service_runs_takes_comments(make_client, records):
    client = make_client(recheck_batches=0)
    assert client.post("/api/comments", json=comment(batch="dot-moi")).status_code == 404
    write_batch(records, "dot-moi", "01/11/2026", "30/11/2026 17:00", title="Đợt mới")
    assert "dot-moi" in read_again(client)
    answer = client.post("/api/comments", json=comment(batch="dot-moi"))
    assert answer.status_code == 201 and answer.json()["receipt"]


def test_a_changed_deadline_and_a_removed_batch_are_seen(make_client, records):
    client = make_client(recheck_batches=0)
    write_batch(records, OPEN, "01/11/2026", "15/11/2026")  # closed early, before the clock's 20/11
    (records / "nominations" / "sap-lay-y-kien.yml").unlink()
    ids = read_again(client)
    assert "sap-lay-y-kien" not in ids and OPEN in ids
    assert client.post("/api/comments", json=comment()).status_code == 409
    assert client.get("/api/batches/sap-lay-y-kien/counts").status_code == 404


def test_records_with_problems_leave_the_batches_as_they_were(make_client, records, caplog):
    client = make_client(recheck_batches=0)
    before = read_again(client)
    broken = records / "nominations" / "dot-hong.yml"
    broken.write_text("title: [\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="site_builder.comments.batches"):
        assert read_again(client) == before
    assert "dot-hong.yml" in caplog.text and "stay as they were" in caplog.text
    assert client.post("/api/comments", json=comment(batch=OPEN, nominee=NOMINEE)).status_code == 201
    broken.unlink()
    write_batch(records, "dot-hong", "01/11/2026", "30/11/2026")
    assert read_again(client) == sorted([*before, "dot-hong"])


def test_the_records_folder_is_looked_at_no_more_often_than_asked(make_client, records):
    client = make_client(recheck_batches=3600)
    write_batch(records, "dot-moi", "01/11/2026", "30/11/2026")
    assert "dot-moi" not in read_again(client)
