"""The register's tables: one ordered list of numbered migrations, for both databases.

A register is at version N once migrations 1 … N have run on it, each exactly
once (:mod:`.migrations` runs them and records the number). To change the
tables, append a :class:`Migration` to :data:`MIGRATIONS` — never edit one that
has shipped: live registers already ran it, and a fresh register must end up
with the same tables as one that was migrated step by step.

Each migration is written once. The few words the databases spell differently
are ``{placeholders}`` filled from :data:`_WORDS`; a step only one database
needs names it in ``only`` (the other just records the number).

The CHECK lists are made from the ``Channel`` and ``Status`` literals, so they
cannot drift from the code. Adding a channel or a status therefore also needs a
migration that replaces the CHECK on registers made before it (a fresh register
gets the new list from migration 1 already, and then the same from that step).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .register import CHANNELS, STATUSES

Dialect = Literal["sqlite", "postgresql"]


@dataclass(frozen=True)
class Migration:
    """One numbered change of the tables, with a line for the operator who applies it."""

    number: int
    summary: str
    statements: tuple[str, ...]
    only: Dialect | None = None

    def sql(self, dialect: Dialect) -> tuple[str, ...]:
        """The statements for ``dialect``, placeholders filled; none if the step is not for it."""
        if self.only not in (None, dialect):
            return ()
        return tuple(statement.format(**_WORDS[dialect]) for statement in self.statements)


def _listed(values: tuple[str, ...]) -> str:
    """``'web', 'email', …``: the inside of an ``IN (…)`` CHECK."""
    return ", ".join(f"'{value}'" for value in values)


_LISTS = {"channels": _listed(CHANNELS), "statuses": _listed(STATUSES)}

# What differs: how an id is generated, how a moment is kept (SQLite: UTC ISO 8601 text), bytes.
_WORDS: dict[Dialect, dict[str, str]] = {
    "sqlite": {**_LISTS, "id": "INTEGER PRIMARY KEY", "moment": "TEXT", "blob": "BLOB"},
    "postgresql": {**_LISTS, "id": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                   "moment": "TIMESTAMPTZ", "blob": "BYTEA"},
}


def _comments_v1(table: str, id_column: str) -> str:
    """The comments table of version 1, laid out as the first release wrote it."""
    return f"""CREATE TABLE {table} (
    id          {id_column},
    receipt     TEXT NOT NULL UNIQUE,
    token       TEXT,
    batch       TEXT NOT NULL,
    nominee     TEXT NOT NULL,
    name        TEXT NOT NULL,
    contact     TEXT NOT NULL,
    address     TEXT,
    text        TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ({{channels}})),
    status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ({{statuses}})),
    received_at {{moment}} NOT NULL
)"""


_COMMENTS_V1_COLUMNS = ("id, receipt, token, batch, nominee, name, contact, address, text, channel,"
                        " status, received_at")

_COMMENTS_V1_INDEXES = (
    "CREATE UNIQUE INDEX comments_token ON comments (token)",
    "CREATE INDEX comments_batch_nominee ON comments (batch, nominee)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "the comments table (receipt, token, batch, nominee, the commenter, text, channel, "
                 "status, received_at)",
              (_comments_v1("comments", "{id}"), *_COMMENTS_V1_INDEXES)),
    # SQLite hands out the highest id again once its row is deleted, unless the table
    # says AUTOINCREMENT, which only a rebuild can add; PostgreSQL's identity never does.
    Migration(2, "comment ids are never handed out twice (SQLite: the table is rebuilt with "
                 "AUTOINCREMENT, every row keeping its id)",
              (_comments_v1("comments_new", "INTEGER PRIMARY KEY AUTOINCREMENT"),
               f"INSERT INTO comments_new ({_COMMENTS_V1_COLUMNS})"
               f" SELECT {_COMMENTS_V1_COLUMNS} FROM comments ORDER BY id",
               "DROP TABLE comments",
               "ALTER TABLE comments_new RENAME TO comments",
               *_COMMENTS_V1_INDEXES),
              only="sqlite"),
    # Issue 17: the rate limit is shared by every process on the register, so it lives in it.
    # A row per (bucket, hashed client, fixed window); never kept past ``expires_at`` (the
    # window's end, Unix seconds): see site_builder/comments/http/limits.py for why.
    Migration(3, "rate-limit slots: requests taken per hashed client address and window "
                 "(rows live one window at most)",
              ("""CREATE TABLE comments_rate_slots (
    bucket       TEXT NOT NULL,
    client       TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used         INTEGER NOT NULL CHECK (used >= 0),
    PRIMARY KEY (bucket, client, window_start)
)""",
               "CREATE INDEX comments_rate_slots_expiry ON comments_rate_slots (expires_at)")),
    # A secret made on first use and shared by every process, when the operator sets none.
    Migration(4, "the service's own secrets (the rate limit's key for hashing addresses, when "
                 "none is configured)",
              ("CREATE TABLE comments_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)",)),
    # The health check proves the register takes a write: a row written and removed again.
    Migration(5, "a scratch table for the health check's write probe",
              ("CREATE TABLE comments_write_probe (probed_at TEXT NOT NULL, filler {blob})",)),
    # Issue 17: a comment sent again (a reload, a second tap) within a window gets the first
    # receipt. Not a UNIQUE index: the same words may rightly be sent again after the window,
    # and erased rows (retention) hold NULL. The store serialises the check and the insert
    # instead (SQLite's write lock; PostgreSQL an advisory lock on the digest).
    Migration(6, "a digest of each comment's batch, nominee, contact and text, to recognise a resend "
                 "(rows from before hold none)",
              ("ALTER TABLE comments ADD COLUMN content_hash TEXT",
               "CREATE INDEX comments_content_hash ON comments (content_hash, received_at)")),
)

LATEST = len(MIGRATIONS)
