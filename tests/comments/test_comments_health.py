"""An unwritable or full register is seen: start-up refuses, /healthz says 503, the log says why."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from comments_support import OPEN, comment
from starlette.testclient import TestClient

from site_builder.cli import main
from site_builder.comments import Settings, SpamRules, create_app, open_store
from site_builder.comments.http.health import RegisterNotWritable

# A comment too long for the room left in the table's pages: it needs a fresh page.
LONG = "Nội dung góp ý rất dài. " * 200
SPAM_OFF = SpamRules(min_seconds=0, rate_limit=0, invalid_limit=0, lookup_limit=0)


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` cannot be written, even by root (immutable flag), else by mode."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a file immutable here (chattr)")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        os.chmod(path, 0o400)
        os.chmod(path.parent, 0o500)
        try:
            yield
        finally:
            os.chmod(path.parent, 0o700)
            os.chmod(path, 0o600)


def _fill(db: sqlite3.Connection) -> None:
    """Make the SQLite database full: no page may be added, and the free ones are used up."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    for size in (2000, 200, 20, 0):  # big rows take the free pages, small ones the room left in them
        with pytest.raises(sqlite3.OperationalError, match="full"):
            for _ in range(10000):
                db.execute("INSERT INTO comments_write_probe (probed_at, filler) VALUES ('x', zeroblob(?))",
                           (size,))


def test_start_up_fails_clearly_on_a_read_only_register(tmp_path, records, clock, capsys):
    path = tmp_path / "comments.sqlite3"
    open_store(f"sqlite:///{path}").close()

    with read_only(path):
        with pytest.raises(RegisterNotWritable, match="cannot take a write"):
            create_app(Settings(records=records, database_url=f"sqlite:///{path}", clock=clock))
        code = main(["comments", "serve", "--database", f"sqlite:///{path}", "--records", str(records),
                     "--port", "1"])

    assert code == 1
    assert "cannot take a write" in capsys.readouterr().err


def test_a_full_register_answers_503_health_503_and_logs_the_cause(tmp_path, records, clock, caplog):
    store = open_store(f"sqlite:///{tmp_path / 'comments.sqlite3'}")
    app = create_app(Settings(records=records, clock=clock, spam=SPAM_OFF), store=store)
    try:
        with TestClient(app) as client:
            assert client.get("/healthz").status_code == 200
            _fill(store._db)
            with caplog.at_level(logging.ERROR):
                posted = client.post("/api/comments", json=comment(name="Nguyễn Riêng Tư", text=LONG))
                health = client.get("/healthz")
    finally:
        store.close()

    assert posted.status_code == 503 and "CHƯA" in posted.json()["error"]
    assert health.status_code == 503 and health.json()["status"] == "unavailable"
    errors = [record.getMessage() for record in caplog.records if record.levelno == logging.ERROR]
    assert any("refused by the database" in line and "full" in line for line in errors)
    assert not any("Nguyễn" in line or "0912" in line for line in caplog.messages)


def test_health_is_503_when_the_probe_write_fails_even_before_any_comment(tmp_path, records, clock, caplog):
    store = open_store(f"sqlite:///{tmp_path / 'comments.sqlite3'}")
    app = create_app(Settings(records=records, clock=clock, spam=SPAM_OFF), store=store)
    try:
        _fill(store._db)
        with TestClient(app) as client, caplog.at_level(logging.ERROR):
            health = client.get("/healthz")
    finally:
        store.close()

    assert health.status_code == 503
    assert any("test write was refused" in line for line in caplog.messages)


def test_health_recovers_once_writes_succeed_again(tmp_path, records, clock, monkeypatch):
    from site_builder.comments.http import health as health_module

    monkeypatch.setattr(health_module, "PROBE_EVERY", 0.0)
    store = open_store(f"sqlite:///{tmp_path / 'comments.sqlite3'}")
    app = create_app(Settings(records=records, clock=clock, spam=SPAM_OFF), store=store)
    try:
        with TestClient(app) as client:
            _fill(store._db)
            assert client.post("/api/comments", json=comment(text=LONG)).status_code == 503
            store._db.execute("PRAGMA max_page_count = 1000000")
            store._db.execute("DELETE FROM comments_write_probe")
            assert client.get("/healthz").status_code == 200
            assert client.post("/api/comments", json=comment()).status_code == 201
            assert len(store.comments(OPEN)) == 1
    finally:
        store.close()
