"""The register in an SQLite file: the default, nothing to install or run.

Durability: WAL journal with ``synchronous=FULL``, so each commit is on disk
(fsync of the WAL) before :meth:`SqliteStore.add` returns and the receipt is
sent; one transaction per comment. One connection behind a lock serialises
writers inside the process, which is faster than letting threads fight for
SQLite's write lock; ``busy_timeout`` covers the CLI writing at the same time.
The schema version (:mod:`.migrations`) is kept in ``PRAGMA user_version``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from site_builder.model.vntime import VIETNAM

from .migrations import migrate
from .register import (
    STORED_COLUMNS,
    NewComment,
    Receipt,
    ReceiptStatus,
    ReceiptTaken,
    Status,
    Store,
    StoredComment,
    StoreUnavailable,
)

class SqliteStore(Store):
    """The register in one SQLite file (created on first use, migrated on open)."""

    def __init__(self, path: str | Path):
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=10000")
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

    def _insert(self, comment: NewComment, code: str, received_at: datetime) -> Receipt:
        try:
            with self._transaction() as db:
                earlier = _token_receipt(db, comment.token)
                if earlier is not None:
                    return earlier
                db.execute(
                    "INSERT INTO comments (receipt, token, batch, nominee, name, contact, address,"
                    " text, channel, status, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (code, comment.token, comment.batch, comment.nominee, comment.name,
                     comment.contact, comment.address, comment.text, comment.channel,
                     comment.status, _to_text(received_at)),
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
        rows = self._all("SELECT nominee, count(*) FROM comments WHERE batch = ? AND status <> 'spam'"
                         " GROUP BY nominee ORDER BY nominee", (batch,))
        return {nominee: count for nominee, count in rows}

    def comments(self, batch: str) -> list[StoredComment]:
        rows = self._all(f"SELECT {STORED_COLUMNS} FROM comments WHERE batch = ? ORDER BY id", (batch,))
        return [StoredComment(row[0], _from_text(row[1]), *row[2:]) for row in rows]

    def set_status(self, code: str, status: Status) -> bool:
        with self._transaction() as db:
            changed = db.execute("UPDATE comments SET status = ? WHERE receipt = ?", (status, code))
            return changed.rowcount == 1

    def receipts(self) -> set[str]:
        return {row[0] for row in self._all("SELECT receipt FROM comments", ())}

    @contextmanager
    def transaction(self) -> Iterator[_Handle]:
        with self._transaction() as db:
            yield _Handle(db)

    def ping(self) -> None:
        self._one("SELECT 1", ())

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


def _token_receipt(db: sqlite3.Connection, token: str | None) -> Receipt | None:
    if token is None:
        return None
    row = db.execute("SELECT receipt, received_at FROM comments WHERE token = ?", (token,)).fetchone()
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
