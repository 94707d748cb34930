"""The register in an SQLite file: the default, nothing to install or run.

Durability: WAL journal with ``synchronous=FULL``, so each commit is on disk
(fsync of the WAL) before :meth:`SqliteStore.add` returns and the receipt is
sent; one transaction per comment. One connection behind a lock serialises
writers inside the process, which is faster than letting threads fight for
SQLite's write lock; ``busy_timeout`` covers the CLI writing at the same time.
The schema version (:mod:`.migrations`) is kept in ``PRAGMA user_version``.
The file is created with mode 0600 (:mod:`site_builder.comments.private_files`);
SQLite gives the WAL and shared-memory files the same mode.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from site_builder.comments.private_files import prepare_sqlite_file
from site_builder.model.vntime import VIETNAM

from .migrations import migrate
from .register import (
    CONTENT_COLUMNS,
    COUNTED,
    ERASE_PERSONAL_DATA,
    HOLDS_PERSONAL_DATA,
    STORED_COLUMNS,
    NewComment,
    Receipt,
    ReceiptStatus,
    ReceiptTaken,
    Slot,
    Store,
    StoredComment,
    StoreUnavailable,
    TokenReused,
    content_hash,
    same_content,
    stored_comment,
)


_LOCK_WAIT_S = 10


def _switch_to_wal(db: sqlite3.Connection) -> None:
    """Put the file in WAL mode, waiting for another opener doing the same.

    When two processes open a new file at once, both hold a shared lock and
    want the exclusive one to switch journal mode; SQLite answers one of them
    "database is locked" at once, without its busy handler, since waiting
    there could deadlock. The other finishes in milliseconds, so try again
    until the usual lock wait has passed.
    """
    deadline = time.monotonic() + _LOCK_WAIT_S
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class SqliteStore(Store):
    """The register in one SQLite file (created on first use, migrated on open)."""

    def __init__(self, path: str | Path):
        self._lock = threading.Lock()
        prepare_sqlite_file(path)
        try:
            # timeout: the wait for another writer's lock, from the first statement on.
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                       timeout=_LOCK_WAIT_S)
            _switch_to_wal(self._db)
            self._db.execute("PRAGMA synchronous=FULL")
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot open the SQLite database {path}: {exc}") from exc
        try:
            self.migrated = migrate(_Schema(self))
        except BaseException:
            self._db.close()
            raise

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` under the lock; roll back on any error."""
        with self._lock, _translated_errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                # A failed COMMIT can leave the transaction open; never leak it to the next caller.
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _insert(self, comment: NewComment, code: str, received_at: datetime,
                since: datetime | None) -> Receipt:
        digest = content_hash(comment)
        try:
            # BEGIN IMMEDIATE takes SQLite's one write lock (every thread and process): no
            # identical comment can be checked for and inserted between our check and insert.
            with self._transaction() as db:
                earlier = _token_receipt(db, comment.token, comment) or _resent(db, digest, since)
                if earlier is not None:
                    return earlier
                db.execute(
                    "INSERT INTO comments (receipt, token, batch, nominee, name, contact, address,"
                    " text, channel, status, received_at, content_hash)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (code, comment.token, comment.batch, comment.nominee, comment.name,
                     comment.contact, comment.address, comment.text, comment.channel,
                     comment.status, _to_text(received_at), digest),
                )
        except sqlite3.IntegrityError as exc:
            if "comments.receipt" in str(exc):
                raise ReceiptTaken(code) from exc
            raise StoreUnavailable(str(exc)) from exc
        return Receipt(code, received_at.astimezone(VIETNAM))

    def find_token(self, token: str) -> Receipt | None:
        with self._lock, _translated_errors():
            return _token_receipt(self._db, token)

    def lookup(self, code: str) -> ReceiptStatus | None:
        row = self._one("SELECT receipt, batch, nominee, status, received_at FROM comments"
                        " WHERE receipt = ?", (code,))
        if row is None:
            return None
        return ReceiptStatus(row[0], row[1], row[2], row[3], _from_text(row[4]))

    def counts(self, batch: str) -> dict[str, int]:
        rows = self._all(f"SELECT nominee, count(*) FROM comments WHERE batch = ? AND {COUNTED}"
                         " GROUP BY nominee ORDER BY nominee", (batch,))
        return {nominee: count for nominee, count in rows}

    def comments(self, batch: str) -> list[StoredComment]:
        rows = self._all(f"SELECT {STORED_COLUMNS} FROM comments WHERE batch = ? ORDER BY id", (batch,))
        return [stored_comment(row, _from_text) for row in rows]

    def receipts(self) -> set[str]:
        return {row[0] for row in self._all("SELECT receipt FROM comments", ())}

    @contextmanager
    def transaction(self) -> Iterator[_Handle]:
        with self._transaction() as db:
            yield _Handle(db)

    def ping(self) -> None:
        self._one("SELECT 1", ())

    def holding_personal_data(self) -> dict[str, int]:
        rows = self._all(f"SELECT batch, count(*) FROM comments WHERE {HOLDS_PERSONAL_DATA}"
                         " GROUP BY batch ORDER BY batch", ())
        return dict(rows)

    def erase_personal_data(self, batch: str) -> int:
        with self._transaction() as db:
            return db.execute(f"UPDATE comments SET {ERASE_PERSONAL_DATA} WHERE batch = ?"
                              f" AND {HOLDS_PERSONAL_DATA}",
                              (batch,)).rowcount

    def probe_write(self, now: datetime) -> None:
        # A row bigger than a page needs fresh pages, so a full database fails here too.
        with self._transaction() as db:
            db.execute("INSERT INTO comments_write_probe (probed_at, filler) VALUES (?, zeroblob(8192))",
                       (_to_text(now),))
            db.execute("DELETE FROM comments_write_probe")

    def take_slot(self, slot: Slot, limit: int) -> bool:
        # One statement: the insert or the increment happens only while under the limit, and
        # SQLite's write lock makes it atomic across threads and processes alike.
        with self._counting() as db:
            row = db.execute(
                "INSERT INTO comments_rate_slots (bucket, client, window_start, expires_at, used)"
                " VALUES (?, ?, ?, ?, 1) ON CONFLICT (bucket, client, window_start)"
                " DO UPDATE SET used = used + 1 WHERE used < ? RETURNING used",
                (slot.bucket, slot.client, slot.window_start, slot.expires_at, limit),
            ).fetchone()
        return row is not None and row[0] <= limit

    def give_back_slot(self, slot: Slot) -> None:
        with self._counting() as db:
            db.execute("UPDATE comments_rate_slots SET used = used - 1 WHERE bucket = ? AND client = ?"
                       " AND window_start = ? AND used > 0", (slot.bucket, slot.client, slot.window_start))

    def slots_used(self, slot: Slot) -> int:
        row = self._one("SELECT used FROM comments_rate_slots WHERE bucket = ? AND client = ?"
                        " AND window_start = ?", (slot.bucket, slot.client, slot.window_start))
        return 0 if row is None else row[0]

    def forget_slots(self, now: int) -> int:
        with self._counting() as db:
            return db.execute("DELETE FROM comments_rate_slots WHERE expires_at <= ?", (now,)).rowcount

    def secret(self, name: str, make: Callable[[], str]) -> str:
        with self._transaction() as db:
            db.execute("INSERT INTO comments_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                       (name, make()))
            return db.execute("SELECT value FROM comments_secrets WHERE name = ?", (name,)).fetchone()[0]

    @contextmanager
    def _counting(self) -> Iterator[sqlite3.Connection]:
        """One rate-limit statement, committed without waiting for the disk.

        A count lost in a power cut costs nothing, while an fsync per request would halve
        the comments per second; the comment itself is still committed with ``FULL``.
        """
        with self._lock, _translated_errors():
            self._db.execute("PRAGMA synchronous=NORMAL")
            try:
                yield self._db
            finally:
                self._db.execute("PRAGMA synchronous=FULL")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _one(self, sql: str, parameters: tuple[object, ...]) -> tuple | None:
        with self._lock, _translated_errors():
            return self._db.execute(sql, parameters).fetchone()

    def _all(self, sql: str, parameters: tuple[object, ...]) -> list[tuple]:
        with self._lock, _translated_errors():
            return self._db.execute(sql, parameters).fetchall()


class _Schema:
    """The register's schema for :func:`.migrations.migrate`; the version is ``PRAGMA user_version``."""

    dialect = "sqlite"

    def __init__(self, store: SqliteStore):
        self._store = store
        self._db = store._db

    def locked(self) -> AbstractContextManager[object]:
        """``BEGIN IMMEDIATE``: the write lock keeps another process out until ``COMMIT``."""
        return self._store._transaction()

    def version(self) -> int:
        recorded = self._db.execute("PRAGMA user_version").fetchone()[0]
        if recorded:
            return recorded
        found = self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'comments'")
        return 0 if found.fetchone() is None else 1

    def execute(self, statement: str) -> None:
        self._db.execute(statement)

    def record(self, version: int) -> None:
        # A PRAGMA takes no parameters; the number is an int of ours, never outside text.
        self._db.execute(f"PRAGMA user_version = {int(version)}")


class _Handle:
    """The staff side's view of one SQLite transaction (:class:`.handle.Handle`)."""

    dialect = "sqlite"

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def execute(self, sql: str, parameters: tuple[object, ...] = ()) -> int:
        return self._db.execute(sql, _adapted(parameters)).rowcount

    def one(self, sql: str, parameters: tuple[object, ...] = ()) -> tuple | None:
        return self._db.execute(sql, _adapted(parameters)).fetchone()

    def all(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple]:
        return self._db.execute(sql, _adapted(parameters)).fetchall()

    def moment(self, value: object) -> datetime:
        assert isinstance(value, str)
        return _from_text(value)

    def serialise(self, key: int) -> None:
        """Nothing to do: ``BEGIN IMMEDIATE`` already keeps every other writer out."""


def _adapted(parameters: tuple[object, ...]) -> tuple[object, ...]:
    """Moments as UTC text, as the comments table keeps them (sqlite3's own adapter is deprecated)."""
    return tuple(_to_text(value) if isinstance(value, datetime) else value for value in parameters)


def _token_receipt(db: sqlite3.Connection, token: str | None,
                   comment: NewComment | None = None) -> Receipt | None:
    """The receipt of ``token``'s comment; :class:`TokenReused` if it is not ``comment``."""
    if token is None:
        return None
    row = db.execute(f"SELECT receipt, received_at, {CONTENT_COLUMNS} FROM comments WHERE token = ?",
                     (token,)).fetchone()
    if row is None:
        return None
    if comment is not None and not same_content(comment, row[2:]):
        raise TokenReused(token)
    return Receipt(row[0], _from_text(row[1]), replayed=True)


def _resent(db: sqlite3.Connection, digest: str, since: datetime | None) -> Receipt | None:
    """The first receipt of the same comment received at or after ``since``, if any."""
    if since is None:
        return None
    row = db.execute("SELECT receipt, received_at FROM comments WHERE content_hash = ? AND received_at >= ?"
                     " ORDER BY id LIMIT 1", (digest, _to_text(since))).fetchone()
    return None if row is None else Receipt(row[0], _from_text(row[1]), replayed=True)


@contextmanager
def _translated_errors() -> Iterator[None]:
    """Database trouble (disk full, locked too long) becomes :class:`StoreUnavailable`.

    Integrity errors pass through: they mean a receipt collision, handled by the caller.
    """
    try:
        yield
    except sqlite3.IntegrityError:
        raise
    except sqlite3.Error as exc:
        raise StoreUnavailable(str(exc)) from exc


def _to_text(moment: datetime) -> str:
    """UTC ISO 8601 text: sorts as time does and needs no time-zone database."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _from_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(VIETNAM)
