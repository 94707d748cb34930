"""Smoke test on the repository's sample records: the service starts and takes a comment."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from site_builder.comments import Settings, SpamRules, create_app

SAMPLE = Path(__file__).resolve().parents[2] / "exemplars"
BATCH = "huan-chuong-lao-dong-dot-2-2026"  # open until 2030


def test_sample_batch_is_listed_and_takes_a_comment(tmp_path):
    settings = Settings(records=SAMPLE, database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}",
                        spam=SpamRules(min_seconds=0))
    with TestClient(create_app(settings)) as client:
        batches = {batch["id"]: batch for batch in client.get("/api/batches").json()}
        nominee = batches[BATCH]["nominees"][0]
        response = client.post("/api/comments", json={
            "batch": BATCH, "nominee": nominee, "name": "Nguyễn Văn Thành", "contact": "0912345678",
            "text": "Tôi xác nhận thành tích nêu trong danh sách là đúng.", "consent": True})

    assert batches[BATCH]["status"] == "open"
    assert response.status_code == 201
