"""Files holding commenters' personal data are readable by their owner only, whatever the umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from comments_support import OPEN, comment

from site_builder.cli import main
from site_builder.comments import open_store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """The umask a careless shell or unit file gives: new files 0644 (or 0666)."""
    before = os.umask(0o002)
    yield
    os.umask(before)


def test_sqlite_register_wal_and_shm_are_created_0600(tmp_path, loose_umask):
    path = tmp_path / "comments.sqlite3"
    store = open_store(f"sqlite:///{path}")
    try:
        store.ping()
        created = [path, tmp_path / "comments.sqlite3-wal", tmp_path / "comments.sqlite3-shm"]
        assert {file.name: _mode(file) for file in created} == {file.name: 0o600 for file in created}
    finally:
        store.close()


def test_an_older_world_readable_register_is_made_private(tmp_path, loose_umask):
    path = tmp_path / "comments.sqlite3"
    open_store(f"sqlite:///{path}").close()
    os.chmod(path, 0o644)

    open_store(f"sqlite:///{path}").close()

    assert _mode(path) == 0o600


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exports_are_created_0600(client, database_url, records, tmp_path, loose_umask, suffix):
    client.post("/api/comments", json=comment())
    output = tmp_path / f"y-kien{suffix}"
    output.write_text("an older export, world-readable")
    os.chmod(output, 0o644)

    assert main(["comments", "export", "--batch", OPEN, "--output", str(output),
                 "--database", database_url, "--records", str(records)]) == 0

    assert _mode(output) == 0o600
