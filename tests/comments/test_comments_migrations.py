"""The register's schema versions, on both databases: a register made by the first release
(``fixtures/register-v1.*.sql``, dumped from that release's code) is migrated without losing a
comment, a fresh one ends up with the same tables, and a newer one is refused."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from comments_support import fresh_database

from site_builder.cli import main
from site_builder.comments.store import migrations as migrations_module
from site_builder.comments.store.comment_handling import PublishedReceipt, freeze_register, published_register
from site_builder.comments.store.migrations import Migrated, SchemaTooNew
from site_builder.comments.store.postgres import _SCHEMA_LOCK
from site_builder.comments.store.register import (
    CHANNELS,
    FORMER_STATUSES,
    STATUSES,
    NewComment,
    StoreUnavailable,
    open_store,
)
from site_builder.comments.store.schema import LATEST, MIGRATIONS, Migration
from site_builder.model.vntime import VIETNAM

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=VIETNAM)
COLUMNS = "id, receipt, token, batch, nominee, name, contact, address, text, channel, status, received_at"
# The rows the fixtures keep: 3 and 7 were deleted, 7 being the highest id handed out.
FIXTURE_IDS = [1, 2, 4, 5, 6]


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite:///")


def _sql(url: str, statement: str, parameters: tuple[object, ...] = ()) -> list[tuple]:
    """Run one statement on the register behind ``url`` with the plain driver, not the store."""
    if _is_sqlite(url):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            rows = db.execute(statement, parameters).fetchall()
            db.commit()
            return rows
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement.replace("?", "%s"), parameters or None)
        return cursor.fetchall() if cursor.description else []


def _load(url: str, script: str) -> None:
    """Run a whole SQL script (a fixture, or a migration's statements) on an empty database."""
    if _is_sqlite(url):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            db.executescript(script)
        return
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(script)


def _fixture(url: str) -> str:
    return (FIXTURES / f"register-v1.{'sqlite' if _is_sqlite(url) else 'postgresql'}.sql").read_text("utf-8")


def _rows(url: str) -> list[tuple]:
    return _sql(url, f"SELECT {COLUMNS} FROM comments ORDER BY id")


def _recorded_version(url: str) -> int:
    if _is_sqlite(url):
        return _sql(url, "PRAGMA user_version")[0][0]
    rows = _sql(url, "SELECT version FROM comments_schema_version")
    assert len(rows) == 1
    return rows[0][0]


def _set_version(url: str, version: int) -> None:
    if _is_sqlite(url):
        _sql(url, f"PRAGMA user_version = {version}")
    else:
        _sql(url, "UPDATE comments_schema_version SET version = ?", (version,))


def _describe(url: str) -> list[tuple]:
    """Everything about the tables that a migration could get wrong, without the data."""
    if _is_sqlite(url):
        return _sql(url, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
    return [
        *_sql(url, "SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity,"
                   " identity_generation FROM information_schema.columns"
                   " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"),
        *_sql(url, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                   " WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2"),
        *_sql(url, "SELECT indexname, replace(indexdef, current_schema() || '.', '') FROM pg_indexes"
                   " WHERE schemaname = current_schema() ORDER BY indexname"),
        *_sql(url, "SELECT sequencename, data_type::text, start_value, increment_by, max_value, cache_size"
                   " FROM pg_sequences WHERE schemaname = current_schema() ORDER BY sequencename"),
    ]


def _entry(text: str = "Nội dung góp ý.") -> NewComment:
    return NewComment(batch="huan-chuong-lao-dong-dot-2-2026", nominee="htx-hai-dong",
                      name="Nguyễn Văn Thành", contact="0912345678", text=text)


@pytest.fixture
def v1_register(database_url: str) -> str:
    """A register as the first release left it: no recorded version, rows 3 and 7 deleted."""
    _load(database_url, _fixture(database_url))
    return database_url


@pytest.fixture(params=["fresh", "v1"])
def any_register(request: pytest.FixtureRequest, database_url: str) -> str:
    """An empty database, or the first release's register: both must behave the same once open."""
    if request.param == "v1":
        _load(database_url, _fixture(database_url))
    return database_url


@pytest.fixture
def other_database(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database of the same kind, to compare two registers."""
    folder = tmp_path / "other"
    folder.mkdir()
    with fresh_database("sqlite" if _is_sqlite(database_url) else "postgresql", folder) as url:
        yield url


def _open(url: str) -> Migrated:
    with closing(open_store(url)) as store:
        return store.migrated


def test_the_migrations_are_numbered_one_after_another():
    assert [migration.number for migration in MIGRATIONS] == list(range(1, LATEST + 1))
    assert LATEST >= 2


def test_the_fixture_is_an_unversioned_register_of_the_first_release(v1_register):
    assert [row[0] for row in _rows(v1_register)] == FIXTURE_IDS
    assert {row[10] for row in _rows(v1_register)} == set(FORMER_STATUSES)
    assert {row[9] for row in _rows(v1_register)} == set(CHANNELS)
    if _is_sqlite(v1_register):
        assert _sql(v1_register, "PRAGMA user_version") == [(0,)]
    else:
        assert _sql(v1_register, "SELECT to_regclass('comments_schema_version')") == [(None,)]


def test_migration_1_is_the_schema_of_the_first_release(v1_register, other_database):
    dialect = "sqlite" if _is_sqlite(other_database) else "postgresql"
    _load(other_database, ";\n".join(MIGRATIONS[0].sql(dialect)))

    assert _describe(other_database) == _describe(v1_register)


def test_migrating_keeps_every_comment_and_reports_the_versions(v1_register):
    before = _rows(v1_register)

    migrated = _open(v1_register)

    assert migrated == Migrated(1, LATEST, tuple(range(2, LATEST + 1)))
    # Every row kept as it was, but for the first release's statuses, renamed (new → received).
    assert _rows(v1_register) == [(*row[:10], FORMER_STATUSES[row[10]], row[11]) for row in before]
    assert _recorded_version(v1_register) == LATEST
    with closing(open_store(v1_register)) as store:
        assert store.receipts() == {row[1] for row in before}
        texts = [comment.text for comment in store.comments("huan-chuong-lao-dong-dot-2-2026")]
    assert texts[1] == ("Chị Hoà ở xã Hải Hậu — “người tốt, việc tốt”;\n"
                        "ủng hộ đề nghị. Ơ ư ă â đ ê ô ơ")


def test_a_fresh_register_gets_every_migration_and_the_same_tables(v1_register, other_database):
    assert _open(other_database) == Migrated(0, LATEST, tuple(range(1, LATEST + 1)))
    _open(v1_register)

    assert _describe(other_database) == _describe(v1_register)
    assert _recorded_version(other_database) == LATEST


def test_opening_again_changes_nothing(any_register):
    _open(any_register)
    tables, rows = _describe(any_register), _rows(any_register)

    assert _open(any_register) == Migrated(LATEST, LATEST, ())
    assert (_describe(any_register), _rows(any_register)) == (tables, rows)
    assert _recorded_version(any_register) == LATEST


def test_the_id_of_a_deleted_newest_comment_is_never_handed_out_again(any_register):
    with closing(open_store(any_register)) as store:
        first = store.add(_entry(), NOW).code
        [(deleted,)] = _sql(any_register, "SELECT id FROM comments WHERE receipt = ?", (first,))
        _sql(any_register, "DELETE FROM comments WHERE id = ?", (deleted,))
        second = store.add(_entry("Góp ý tiếp theo."), NOW).code
    [(reissued,)] = _sql(any_register, "SELECT id FROM comments WHERE receipt = ?", (second,))

    assert reissued > deleted


@pytest.mark.parametrize(("channel", "status"), [*zip(CHANNELS, STATUSES * 2, strict=False)])
def test_the_tables_take_every_channel_and_status_of_the_code(any_register, channel, status):
    with closing(open_store(any_register)) as store:
        code = store.add(replace(_entry(), channel=channel, status=status), NOW).code
        assert store.lookup(code).status == status


@pytest.mark.parametrize("column", ["channel", "status"])
def test_the_tables_refuse_a_channel_or_status_the_code_does_not_know(any_register, column):
    _open(any_register)
    values = {"channel": "web", "status": "new", column: "fax"}
    with pytest.raises((sqlite3.IntegrityError, psycopg.errors.CheckViolation)):
        _sql(any_register, "INSERT INTO comments (receipt, batch, nominee, name, contact, text, channel,"
                           " status, received_at) VALUES ('AAAA-AAAA', 'b', 'n', 'x', 'y', 'z', ?, ?,"
                           " '2026-11-20T03:00:00+00:00')", (values["channel"], values["status"]))


def test_the_first_statuses_become_the_new_ones_and_the_highest_id_stays_used(v1_register):
    new = {row[1] for row in _rows(v1_register) if row[10] == "new"}
    _open(v1_register)

    assert new and {row[10] for row in _rows(v1_register) if row[1] in new} == {"received"}
    assert sorted({row[10] for row in _rows(v1_register)}) == ["received", "reviewed", "spam"]
    with closing(open_store(v1_register)) as store:
        code = store.add(_entry(), NOW).code
    [(new_id,)] = _sql(v1_register, "SELECT id FROM comments WHERE receipt = ?", (code,))
    assert new_id > max(FIXTURE_IDS)


def test_a_register_newer_than_the_code_is_refused(v1_register, capsys):
    _open(v1_register)
    _set_version(v1_register, LATEST + 1)
    rows = _rows(v1_register)

    with pytest.raises(SchemaTooNew, match=f"schema version {LATEST + 1}.*up to {LATEST}"):
        open_store(v1_register)
    assert main(["comments", "migrate", "--database", v1_register]) == 1
    assert "upgrade site-builder" in capsys.readouterr().err
    assert (_recorded_version(v1_register), _rows(v1_register)) == (LATEST + 1, rows)


def test_a_failing_migration_leaves_the_register_at_the_version_before(v1_register, monkeypatch):
    _open(v1_register)
    broken = Migration(LATEST + 1, "a step that fails half-way",
                       ("CREATE TABLE half_done (x INTEGER)", "SELECT no_such_column FROM comments"))
    monkeypatch.setattr(migrations_module, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(migrations_module, "LATEST", LATEST + 1)

    with pytest.raises(StoreUnavailable):
        open_store(v1_register)
    assert _recorded_version(v1_register) == LATEST
    assert "half_done" not in str(_describe(v1_register))


def test_migrate_command_prints_the_version_before_and_after(v1_register, capsys):
    assert main(["comments", "migrate", "--database", v1_register]) == 0
    first = capsys.readouterr().out
    assert main(["comments", "migrate", "--database", v1_register]) == 0
    second = capsys.readouterr().out

    assert "schema version before: 1\n" in first and f"schema version after: {LATEST} " in first
    assert f"applied migration 2: {MIGRATIONS[1].summary}" in first
    assert f"schema version before: {LATEST}\n" in second and "applied" not in second
    assert len(_rows(v1_register)) == len(FIXTURE_IDS)


def test_two_openers_at_once_both_succeed_and_each_migration_runs_once(any_register):
    start = threading.Barrier(2)

    def opener(_: int) -> Migrated:
        start.wait()
        return _open(any_register)

    with ThreadPoolExecutor(2) as pool:
        first, second = sorted(pool.map(opener, range(2)), key=lambda result: result.before)

    assert (first.after, second.after) == (LATEST, LATEST)
    assert sorted(first.applied + second.applied) == list(range(first.before + 1, LATEST + 1))
    assert _recorded_version(any_register) == LATEST


def test_six_openers_of_new_sqlite_files_at_once_all_succeed(tmp_path):
    """Switching a new file to WAL: SQLite refuses all but one opener at once, without waiting.

    It failed about one new file in thirty before the switch was retried.
    """
    def open_together(url: str) -> list[Migrated]:
        start = threading.Barrier(6)

        def opener(_: int) -> Migrated:
            start.wait()
            return _open(url)

        with ThreadPoolExecutor(6) as pool:
            return list(pool.map(opener, range(6)))

    for attempt in range(40):
        opened = open_together(f"sqlite:///{tmp_path / f'register-{attempt}.sqlite3'}")
        assert {migrated.after for migrated in opened} == {LATEST}
        assert sorted(n for migrated in opened for n in migrated.applied) == list(range(1, LATEST + 1))


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_second_postgresql_opener_waits_for_the_first_and_finds_its_work_done(database_url):
    """Both openers are made to queue on the advisory lock, so they really do start together.

    Without the lock both would read version 0 and the second ``CREATE TABLE`` would fail.
    """
    with ThreadPoolExecutor(2) as pool, psycopg.connect(database_url) as holder:
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        openers = [pool.submit(_open, database_url) for _ in range(2)]
        _wait_for_lock_waiters(database_url, 2)
        holder.commit()  # ends the transaction, so the lock goes to the first opener in line
        first, second = sorted((opener.result(timeout=30) for opener in openers), key=lambda r: r.before)

    assert (first.before, first.after, second.after) == (0, LATEST, LATEST)
    assert second.before >= 1  # it read the version only once the first had recorded one
    assert sorted(first.applied + second.applied) == list(range(1, LATEST + 1))
    assert _recorded_version(database_url) == LATEST


def _wait_for_lock_waiters(url: str, count: int) -> None:
    """Until ``count`` sessions wait for the schema lock (a few seconds at most)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        waiting = _sql(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = ?"
                            " AND NOT granted", (_SCHEMA_LOCK,))[0][0]
        if waiting == count:
            return
        time.sleep(0.05)
    pytest.fail(f"{count} openers never queued on the schema lock")


def test_a_published_register_only_takes_rows_on_either_kind_of_register(any_register):
    """Migrations 14-16: the frozen register of receipts refuses changes, on a fresh and a migrated register."""
    with closing(open_store(any_register)) as store, store.transaction() as handle:
        freeze_register(handle, "dot-1", [PublishedReceipt("K7QX-M4TN", "htx-hai-dong", NOW.date(), "spam", False)],
                        NOW, "can.bo")

    refused = (sqlite3.IntegrityError, psycopg.errors.InsufficientPrivilege)
    for statement in ("UPDATE published_receipts SET counted = TRUE", "DELETE FROM published_receipts",
                      "UPDATE published_registers SET published_by = 'ai khac'", "DELETE FROM published_registers"):
        with pytest.raises(refused, match="is frozen"):
            _sql(any_register, statement)
    if not _is_sqlite(any_register):
        for table in ("published_receipts", "published_registers"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                _sql(any_register, f"TRUNCATE {table} CASCADE")
    with closing(open_store(any_register)) as store, store.transaction() as handle:
        assert published_register(handle, "dot-1").rows == [
            PublishedReceipt("K7QX-M4TN", "htx-hai-dong", NOW.date(), "spam", False)]
        with pytest.raises(Exception):  # frozen once: a second freeze of the batch is refused by its key
            freeze_register(handle, "dot-1", [], NOW, "can.bo")


def test_the_comments_an_id_marker_had_passed_are_digested_by_its_digest(v1_register, monkeypatch):
    """Migration 20 turns the last digest's marker (up to id 5) into the list of comments it counted."""
    monkeypatch.setattr(migrations_module, "MIGRATIONS", MIGRATIONS[:19])
    monkeypatch.setattr(migrations_module, "LATEST", 19)
    _open(v1_register)
    for marker in (2, 5):
        _sql(v1_register, "INSERT INTO digests_sent (sent_at, up_to_comment, new_comments, recipients, sent_by)"
                          " VALUES (?, ?, 1, 'bantdkt@example.gov.vn', 'cli:test')",
             ("2026-11-20T10:00:00+07:00", marker))
    monkeypatch.undo()

    assert _open(v1_register).applied[0] == 20
    newest = _sql(v1_register, "SELECT max(id) FROM digests_sent")[0][0]
    assert _sql(v1_register, "SELECT comment, digest FROM digested_comments ORDER BY comment") == [
        (1, newest), (2, newest), (4, newest), (5, newest)]
