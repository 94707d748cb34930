"""The register in PostgreSQL, for a board that outgrows one machine.

Selected by a ``postgresql://`` URL. Commits are durable with PostgreSQL's
default ``synchronous_commit=on``. A small pool of connections (a queue, so no
extra dependency) lets several worker threads write at once; the unique
indexes on ``receipt`` and ``token`` keep concurrent writers honest. The
schema version (:mod:`.migrations`) is kept in the one-row table
``comments_schema_version``.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

import psycopg
from psycopg import errors

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

# Any constant will do: it only keeps two processes from migrating the register at once.
_SCHEMA_LOCK = 46202026
# The class of the two-key advisory locks that serialise identical comments (a key space of
# its own: PostgreSQL keeps one-key and two-key advisory locks apart).
_RESEND_LOCKS = 4620


# One row at most (the primary key can only be true). Named for the comments, not a bare
# "schema_version", because the register may share a schema with another application's tables.
_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS comments_schema_version (
    one_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one_row),
    version INTEGER NOT NULL
)
"""


class PostgresStore(Store):
    """The register in a PostgreSQL database (the tables are created on first use, migrated on open)."""

    def __init__(self, url: str, pool_size: int = 4):
        self._url = url
        self._idle: queue.LifoQueue[psycopg.Connection] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(pool_size)
        self._closed = False
        try:
            with self._connection() as conn:
                self.migrated = migrate(_Schema(conn))
        except BaseException:
            self.close()
            raise

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        """A pooled connection in autocommit mode; a broken one is dropped, not reused."""
        with self._slots, _translated_errors():
            conn = self._take()
            try:
                yield conn
            finally:
                self._give_back(conn)

    def _take(self) -> psycopg.Connection:
        if self._closed:
            raise StoreUnavailable("the store is closed")
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return psycopg.connect(self._url, autocommit=True, connect_timeout=10)

    def _give_back(self, conn: psycopg.Connection) -> None:
        if self._closed or conn.closed or conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.close()
        else:
            self._idle.put(conn)

    def _insert(self, comment: NewComment, code: str, received_at: datetime,
                since: datetime | None) -> Receipt:
        digest = content_hash(comment)
        try:
            with self._connection() as conn, conn.transaction():
                # Identical comments queue here until the first commits; each later one then
                # reads that row (READ COMMITTED sees commits made before each statement).
                conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (_RESEND_LOCKS, _lock_key(digest)))
                earlier = _resent(conn, digest, since)
                if earlier is not None and comment.token is None:
                    return earlier
                row = conn.execute(
                    "INSERT INTO comments (receipt, token, batch, nominee, name, contact, address,"
                    " text, channel, status, received_at, content_hash)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT (token) DO NOTHING RETURNING receipt, received_at",
                    (code, comment.token, comment.batch, comment.nominee, comment.name,
                     comment.contact, comment.address, comment.text, comment.channel,
                     comment.status, received_at, digest),
                ).fetchone() if earlier is None else None
                if row is None and comment.token is not None:
                    # The token was used before (the statement waited for that commit), or this
                    # is a resend under a new token: the token's own receipt wins when it has one.
                    return _token_receipt(conn, comment, earlier)
                if row is None:
                    raise StoreUnavailable("the comment was neither stored nor found")
        except errors.UniqueViolation as exc:
            raise ReceiptTaken(code) from exc
        return Receipt(row[0], row[1].astimezone(VIETNAM))

    def find_token(self, token: str) -> Receipt | None:
        with self._connection() as conn:
            row = conn.execute("SELECT receipt, received_at FROM comments WHERE token = %s",
                               (token,)).fetchone()
        return None if row is None else Receipt(row[0], row[1].astimezone(VIETNAM), replayed=True)

    def lookup(self, code: str) -> ReceiptStatus | None:
        rows = self._all("SELECT receipt, batch, nominee, status, received_at FROM comments"
                         " WHERE receipt = %s", (code,))
        if not rows:
            return None
        row = rows[0]
        return ReceiptStatus(row[0], row[1], row[2], row[3], row[4].astimezone(VIETNAM))

    def counts(self, batch: str) -> dict[str, int]:
        rows = self._all(f"SELECT nominee, count(*) FROM comments WHERE batch = %s AND {COUNTED}"
                         " GROUP BY nominee ORDER BY nominee", (batch,))
        return {nominee: count for nominee, count in rows}

    def comments(self, batch: str) -> list[StoredComment]:
        rows = self._all(f"SELECT {STORED_COLUMNS} FROM comments WHERE batch = %s ORDER BY id", (batch,))
        return [stored_comment(row, lambda moment: moment.astimezone(VIETNAM)) for row in rows]

    def receipts(self) -> set[str]:
        return {row[0] for row in self._all("SELECT receipt FROM comments", ())}

    @contextmanager
    def transaction(self) -> Iterator[_Handle]:
        with self._connection() as conn, conn.transaction():
            yield _Handle(conn)

    def ping(self) -> None:
        self._all("SELECT 1", ())

    def holding_personal_data(self) -> dict[str, int]:
        rows = self._all(f"SELECT batch, count(*) FROM comments WHERE {HOLDS_PERSONAL_DATA}"
                         " GROUP BY batch ORDER BY batch", ())
        return dict(rows)

    def erase_personal_data(self, batch: str) -> int:
        with self._connection() as conn:
            return conn.execute(f"UPDATE comments SET {ERASE_PERSONAL_DATA} WHERE batch = %s"
                                f" AND {HOLDS_PERSONAL_DATA}", (batch,)).rowcount

    def probe_write(self, now: datetime) -> None:
        with self._connection() as conn, conn.transaction():
            conn.execute("INSERT INTO comments_write_probe (probed_at, filler)"
                         " VALUES (%s, decode(repeat('00', 8192), 'hex'))", (now.isoformat(),))
            conn.execute("DELETE FROM comments_write_probe")

    def take_slot(self, slot: Slot, limit: int) -> bool:
        # One statement: ON CONFLICT locks the row, so concurrent increments queue up and
        # each sees the count the previous one left; none passes the limit.
        with self._counting() as conn:
            row = conn.execute(
                "INSERT INTO comments_rate_slots (bucket, client, window_start, expires_at, used)"
                " VALUES (%s, %s, %s, %s, 1) ON CONFLICT (bucket, client, window_start)"
                " DO UPDATE SET used = comments_rate_slots.used + 1"
                " WHERE comments_rate_slots.used < %s RETURNING used",
                (slot.bucket, slot.client, slot.window_start, slot.expires_at, limit),
            ).fetchone()
        return row is not None and row[0] <= limit

    def give_back_slot(self, slot: Slot) -> None:
        with self._counting() as conn:
            conn.execute("UPDATE comments_rate_slots SET used = used - 1 WHERE bucket = %s AND client = %s"
                         " AND window_start = %s AND used > 0", (slot.bucket, slot.client, slot.window_start))

    def slots_used(self, slot: Slot) -> int:
        rows = self._all("SELECT used FROM comments_rate_slots WHERE bucket = %s AND client = %s"
                         " AND window_start = %s", (slot.bucket, slot.client, slot.window_start))
        return rows[0][0] if rows else 0

    def forget_slots(self, now: int) -> int:
        with self._counting() as conn:
            return conn.execute("DELETE FROM comments_rate_slots WHERE expires_at <= %s", (now,)).rowcount

    def secret(self, name: str, make: Callable[[], str]) -> str:
        with self._connection() as conn:
            conn.execute("INSERT INTO comments_secrets (name, value) VALUES (%s, %s)"
                         " ON CONFLICT (name) DO NOTHING", (name, make()))
            return conn.execute("SELECT value FROM comments_secrets WHERE name = %s", (name,)).fetchone()[0]

    @contextmanager
    def _counting(self) -> Iterator[psycopg.Connection]:
        """One rate-limit statement, committed without waiting for the WAL flush.

        A count lost in a crash costs nothing; the comment itself keeps ``synchronous_commit=on``.
        """
        with self._connection() as conn, conn.transaction():
            conn.execute("SET LOCAL synchronous_commit = off")
            yield conn

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return

    def _all(self, sql: str, parameters: tuple[object, ...]) -> list[tuple]:
        with self._connection() as conn:
            return conn.execute(sql, parameters).fetchall()


class _Schema:
    """The register's schema for :func:`.migrations.migrate`; the version is in a one-row table."""

    dialect = "postgresql"

    def __init__(self, conn: psycopg.Connection):
        self._conn = conn

    @contextmanager
    def locked(self) -> Iterator[None]:
        """A transaction holding the advisory lock: a second opener waits here until ``COMMIT``."""
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            yield

    def version(self) -> int:
        if self._exists("comments_schema_version"):
            return self._conn.execute("SELECT version FROM comments_schema_version").fetchone()[0]
        return 1 if self._exists("comments") else 0

    def execute(self, statement: str) -> None:
        self._conn.execute(statement)

    def record(self, version: int) -> None:
        self._conn.execute(_VERSION_TABLE)
        self._conn.execute("INSERT INTO comments_schema_version (version) VALUES (%s)"
                           " ON CONFLICT (one_row) DO UPDATE SET version = excluded.version", (version,))

    def _exists(self, table: str) -> bool:
        """Whether ``table`` is visible on the connection's search_path."""
        return self._conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()[0] is not None


class _Handle:
    """The staff side's view of one PostgreSQL transaction (:class:`.handle.Handle`)."""

    dialect = "postgresql"

    def __init__(self, conn: psycopg.Connection):
        self._conn = conn

    def execute(self, sql: str, parameters: tuple[object, ...] = ()) -> int:
        return self._conn.execute(_placeheld(sql), parameters).rowcount

    def one(self, sql: str, parameters: tuple[object, ...] = ()) -> tuple | None:
        return self._conn.execute(_placeheld(sql), parameters).fetchone()

    def all(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple]:
        return self._conn.execute(_placeheld(sql), parameters).fetchall()

    def moment(self, value: object) -> datetime:
        assert isinstance(value, datetime)
        return value.astimezone(VIETNAM)

    def serialise(self, key: int) -> None:
        """A transaction-scoped advisory lock: other processes queue here until COMMIT."""
        self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (key,))


def _placeheld(sql: str) -> str:
    """The staff side writes ``?``; psycopg wants ``%s`` (staff SQL has no literal ``?`` or ``%``)."""
    return sql.replace("?", "%s")


def _token_receipt(conn: psycopg.Connection, comment: NewComment, resent: Receipt | None = None) -> Receipt:
    """The receipt of the token's comment, else ``resent``; :class:`TokenReused` if it is not ``comment``."""
    row = conn.execute(f"SELECT receipt, received_at, {CONTENT_COLUMNS} FROM comments WHERE token = %s",
                       (comment.token,)).fetchone()
    if row is None and resent is not None:
        return resent
    if row is None:  # only if the earlier row vanished in between: not in this register
        raise StoreUnavailable("the comment with this token disappeared")
    if not same_content(comment, row[2:]):
        raise TokenReused(comment.token)
    return Receipt(row[0], row[1].astimezone(VIETNAM), replayed=True)


def _resent(conn: psycopg.Connection, digest: str, since: datetime | None) -> Receipt | None:
    """The first receipt of the same comment received at or after ``since``, if any."""
    if since is None:
        return None
    row = conn.execute("SELECT receipt, received_at FROM comments WHERE content_hash = %s"
                       " AND received_at >= %s ORDER BY id LIMIT 1", (digest, since)).fetchone()
    return None if row is None else Receipt(row[0], row[1].astimezone(VIETNAM), replayed=True)


def _lock_key(digest: str) -> int:
    """A signed 32-bit key from the digest: a rare clash only makes two comments wait in turn."""
    return int(digest[:8], 16) - (1 << 31)


@contextmanager
def _translated_errors() -> Iterator[None]:
    """Connection and server trouble becomes :class:`StoreUnavailable`; a unique violation
    passes through (a receipt collision, retried by the caller)."""
    try:
        yield
    except errors.UniqueViolation:
        raise
    except psycopg.Error as exc:
        raise StoreUnavailable(str(exc)) from exc
