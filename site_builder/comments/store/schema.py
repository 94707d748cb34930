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
migration that replaces the CHECK (as migrations 10 and 11 did for the statuses);
migrations 1 and 2 keep the first release's statuses, as they shipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .register import CHANNELS, FORMER_STATUSES, STATUSES

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


_LISTS = {"channels": _listed(CHANNELS), "statuses": _listed(STATUSES),
          "first_statuses": _listed(tuple(FORMER_STATUSES))}

# What differs: how an id is generated, how a moment is kept (SQLite: UTC ISO 8601 text), bytes.
# SQLite's AUTOINCREMENT never hands out an id twice, like PostgreSQL's identity ("serial").
_WORDS: dict[Dialect, dict[str, str]] = {
    "sqlite": {**_LISTS, "id": "INTEGER PRIMARY KEY", "moment": "TEXT", "blob": "BLOB",
               "serial": "INTEGER PRIMARY KEY AUTOINCREMENT"},
    "postgresql": {**_LISTS, "id": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                   "moment": "TIMESTAMPTZ", "blob": "BYTEA",
                   "serial": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"},
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
    status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ({{first_statuses}})),
    received_at {{moment}} NOT NULL
)"""


_COMMENTS_V1_COLUMNS = ("id, receipt, token, batch, nominee, name, contact, address, text, channel,"
                        " status, received_at")

# Issue 16: how the board handled each comment, and who entered a letter or a call, when.
# ``received_at`` of a letter or a call is the date on it; ``entered_at`` when it was typed in.
_COMMENTS_V3 = """CREATE TABLE comments_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    receipt        TEXT NOT NULL UNIQUE,
    token          TEXT,
    batch          TEXT NOT NULL,
    nominee        TEXT NOT NULL,
    name           TEXT NOT NULL,
    contact        TEXT NOT NULL,
    address        TEXT,
    text           TEXT NOT NULL,
    channel        TEXT NOT NULL CHECK (channel IN ({channels})),
    status         TEXT NOT NULL DEFAULT 'received' CHECK (status IN ({statuses})),
    received_at    TEXT NOT NULL,
    status_reason  TEXT,
    duplicate_of   TEXT,
    outside_period BOOLEAN NOT NULL DEFAULT FALSE,
    entered_at     TEXT,
    entered_by     TEXT
)"""

_FORMER_STATUS = "CASE status " + " ".join(
    f"WHEN '{old}' THEN '{new}'" for old, new in FORMER_STATUSES.items()) + " ELSE status END"
_V1_WITH_NEW_STATUS = _COMMENTS_V1_COLUMNS.replace(" status,", f" {_FORMER_STATUS},")

_COMMENTS_V1_INDEXES = (
    "CREATE UNIQUE INDEX comments_token ON comments (token)",
    "CREATE INDEX comments_batch_nominee ON comments (batch, nominee)",
)

# Staff accounts. The session id is a random 256-bit token; only its SHA-256 is kept, so a
# copy of the database opens no session. Attempts keep a hash of the address, never the address.
_SQLITE_COMMENTS_V3 = (
    _COMMENTS_V3,
    f"INSERT INTO comments_new ({_COMMENTS_V1_COLUMNS}) SELECT {_V1_WITH_NEW_STATUS} FROM comments ORDER BY id",
    # The highest id ever handed out stays the highest (DROP forgets it, RENAME carries it over).
    "DELETE FROM sqlite_sequence WHERE name = 'comments_new'",
    "INSERT INTO sqlite_sequence (name, seq) SELECT 'comments_new', seq FROM sqlite_sequence"
    " WHERE name = 'comments'",
    "DROP TABLE comments",
    "ALTER TABLE comments_new RENAME TO comments",
    *_COMMENTS_V1_INDEXES,
)

_POSTGRES_COMMENTS_V3 = (
    "ALTER TABLE comments DROP CONSTRAINT comments_status_check",
    f"UPDATE comments SET status = {_FORMER_STATUS}",
    "ALTER TABLE comments ALTER COLUMN status SET DEFAULT 'received'",
    "ALTER TABLE comments ADD CONSTRAINT comments_status_check CHECK (status IN ({statuses}))",
    "ALTER TABLE comments ADD COLUMN status_reason TEXT, ADD COLUMN duplicate_of TEXT,"
    " ADD COLUMN outside_period BOOLEAN NOT NULL DEFAULT FALSE, ADD COLUMN entered_at TIMESTAMPTZ,"
    " ADD COLUMN entered_by TEXT",
)

# The figures a batch published after its close: frozen, the public counts come from here then.
_PUBLISHED_FIGURES = """CREATE TABLE published_figures (
    batch        TEXT NOT NULL,
    nominee      TEXT NOT NULL,
    comments     INTEGER NOT NULL CHECK (comments >= 0),
    published_at {moment} NOT NULL,
    published_by TEXT NOT NULL,
    PRIMARY KEY (batch, nominee)
)"""

_STAFF_TABLES = (
    """CREATE TABLE staff_accounts (
    id             {serial},
    name           TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL CHECK (role IN ('officer', 'admin')),
    password_hash  TEXT NOT NULL,
    totp_secret    TEXT,
    totp_enrolled  BOOLEAN NOT NULL DEFAULT FALSE,
    totp_last_step BIGINT,
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     {moment} NOT NULL,
    updated_at     {moment} NOT NULL
)""",
    """CREATE TABLE staff_sessions (
    token_hash   TEXT PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES staff_accounts (id),
    stage        TEXT NOT NULL CHECK (stage IN ('second-factor', 'enrol', 'signed-in')),
    csrf_token   TEXT NOT NULL,
    created_at   {moment} NOT NULL,
    last_seen_at {moment} NOT NULL,
    expires_at   {moment} NOT NULL,
    revoked_at   {moment}
)""",
    "CREATE INDEX staff_sessions_account ON staff_sessions (account_id)",
    """CREATE TABLE staff_sign_in_failures (
    id       {serial},
    kind     TEXT NOT NULL CHECK (kind IN ('account', 'address')),
    key_hash TEXT NOT NULL,
    at       {moment} NOT NULL
)""",
    "CREATE INDEX staff_sign_in_failures_key ON staff_sign_in_failures (kind, key_hash, at)",
)

_AUDIT_LOG = """CREATE TABLE audit_log (
    id        {serial},
    at        {moment} NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    batch     TEXT,
    old_value TEXT,
    new_value TEXT,
    reason    TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE
)"""

_SQLITE_APPEND_ONLY = (
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
)

_POSTGRES_APPEND_ONLY = (
    """CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$""",
    """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
)

# Issue 16: the digest e-mail to the board. One row per digest the SMTP server accepted (the
# marker: the newest row says up to which comment id and when); ``digest_claims`` holds the one
# run sending at a time (a lease, so a run that died does not block the next for ever).
_DIGESTS = (
    """CREATE TABLE digests_sent (
    id            {serial},
    sent_at       {moment} NOT NULL,
    up_to_comment BIGINT NOT NULL CHECK (up_to_comment >= 0),
    new_comments  INTEGER NOT NULL CHECK (new_comments >= 0),
    recipients    TEXT NOT NULL,
    sent_by       TEXT NOT NULL
)""",
    """CREATE TABLE digest_claims (
    name          TEXT PRIMARY KEY,
    claimed_by    TEXT NOT NULL,
    claimed_until {moment} NOT NULL
)""",
)

# Tables that, once written, must never change: the published figures and the digests sent.
_FROZEN_TABLES = ("published_figures", "digests_sent")


def _sqlite_frozen(table: str) -> tuple[str, ...]:
    return tuple(f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is frozen: rows are never changed or removed'); END"""
                 for verb in ("UPDATE", "DELETE"))


_POSTGRES_FROZEN_FUNCTION = """CREATE FUNCTION frozen_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is frozen: rows are never changed or removed', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$"""


def _postgres_frozen(table: str) -> tuple[str, ...]:
    return (f"""CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION frozen_table()""",
            f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION frozen_table()""")


# Issue 18: the public register of receipts, frozen with the figures at the first publication.
# ``published_registers`` says a batch's register is frozen (a batch without comments has no rows);
# ``published_receipts`` holds nothing personal: code, nominee, day received (Vietnam time, ISO 8601),
# status, and whether the figures count it. Both refuse UPDATE and DELETE, like the published figures.
_PUBLISHED_REGISTER = (
    """CREATE TABLE published_registers (
    batch        TEXT PRIMARY KEY,
    published_at {moment} NOT NULL,
    published_by TEXT NOT NULL
)""",
    """CREATE TABLE published_receipts (
    batch    TEXT NOT NULL REFERENCES published_registers (batch),
    receipt  TEXT NOT NULL,
    nominee  TEXT NOT NULL,
    received TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ({statuses})),
    counted  BOOLEAN NOT NULL,
    PRIMARY KEY (batch, receipt)
)""",
)

_FROZEN_REGISTER_TABLES = ("published_registers", "published_receipts")

# The browsers an officer signed in from (see staff_devices.py), and failures counted per device. The
# failures table is made again rather than altered (SQLite cannot change a CHECK): its rows only
# matter for the fifteen minutes of the throttle window.
_STAFF_DEVICES = (
    """CREATE TABLE staff_devices (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES staff_accounts (id),
    created_at {moment} NOT NULL,
    expires_at {moment} NOT NULL
)""",
    "CREATE INDEX staff_devices_account ON staff_devices (account_id)",
    "DROP TABLE staff_sign_in_failures",
    """CREATE TABLE staff_sign_in_failures (
    id       {serial},
    kind     TEXT NOT NULL CHECK (kind IN ('account', 'address', 'device')),
    key_hash TEXT NOT NULL,
    at       {moment} NOT NULL
)""",
    "CREATE INDEX staff_sign_in_failures_key ON staff_sign_in_failures (kind, key_hash, at)",
)

# Issue 19: which comments each digest counted as new. A marker "up to comment id N" lost comments
# on PostgreSQL, where an id is drawn before its transaction commits (see
# site_builder/comments/store/digest_marks.py). The comments a marker already passed count as
# digested by the newest digest; on a register without digests, none is. ``digest`` is the id of the
# digests_sent row, without a foreign key: PostgreSQL would refuse TRUNCATE on digests_sent for the
# key's sake, before its frozen-table trigger could say why.
_DIGESTED_COMMENTS = (
    """CREATE TABLE digested_comments (
    comment BIGINT PRIMARY KEY,
    digest  BIGINT NOT NULL
)""",
    "INSERT INTO digested_comments (comment, digest) SELECT id, (SELECT max(id) FROM digests_sent)"
    " FROM comments WHERE id <= (SELECT max(up_to_comment) FROM digests_sent)",
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
    Migration(6, "staff accounts, their server-side sessions and the sign-in attempts kept for "
                 "throttling", _STAFF_TABLES),
    Migration(7, "the audit trail (audit_log): every staff action, chained by hashes", (_AUDIT_LOG,)),
    Migration(8, "the audit trail refuses UPDATE and DELETE (SQLite triggers)", _SQLITE_APPEND_ONLY,
              only="sqlite"),
    Migration(9, "the audit trail refuses UPDATE, DELETE and TRUNCATE (PostgreSQL trigger)",
              _POSTGRES_APPEND_ONLY, only="postgresql"),
    Migration(10, "statuses with a reason (received, reviewed, verified, not substantiated, referred, "
                  "duplicate, spam, off-topic; new → received), the receipt a duplicate repeats, and who "
                  "entered a letter or a call, when, and whether it is dated outside the period "
                  "(SQLite: the table is rebuilt, every row keeping its id)", _SQLITE_COMMENTS_V3,
              only="sqlite"),
    Migration(11, "statuses with a reason, duplicate_of, outside_period, entered_at, entered_by "
                  "(PostgreSQL: the columns are added, new → received)", _POSTGRES_COMMENTS_V3,
              only="postgresql"),
    Migration(12, "the figures each batch published after its close (published_figures)",
              (_PUBLISHED_FIGURES,)),
    # Issue 17: a comment sent again (a reload, a second tap) within a window gets the first
    # receipt. Not a UNIQUE index: the same words may rightly be sent again after the window,
    # and erased rows (retention) hold NULL. The store serialises the check and the insert
    # instead (SQLite's write lock; PostgreSQL an advisory lock on the digest).
    Migration(13, "a digest of each comment's batch, nominee, contact and text, to recognise a resend "
                 "(rows from before hold none)",
              ("ALTER TABLE comments ADD COLUMN content_hash TEXT",
               "CREATE INDEX comments_content_hash ON comments (content_hash, received_at)")),
    Migration(14, "the digest e-mails sent to the board (digests_sent: when, up to which comment, how "
                  "many new) and the claim of the one run sending (digest_claims)", _DIGESTS),
    Migration(15, "published_figures and digests_sent refuse UPDATE and DELETE (SQLite triggers)",
              tuple(s for table in _FROZEN_TABLES for s in _sqlite_frozen(table)), only="sqlite"),
    Migration(16, "published_figures and digests_sent refuse UPDATE, DELETE and TRUNCATE (PostgreSQL "
                  "triggers)", (_POSTGRES_FROZEN_FUNCTION,
                                *(s for table in _FROZEN_TABLES for s in _postgres_frozen(table))),
              only="postgresql"),
    Migration(17, "the public register of receipts each batch published with its figures "
                  "(published_registers, published_receipts: code, nominee, day, status, counted)",
              _PUBLISHED_REGISTER),
    Migration(18, "the published registers refuse UPDATE and DELETE (SQLite triggers)",
              tuple(s for table in _FROZEN_REGISTER_TABLES for s in _sqlite_frozen(table)), only="sqlite"),
    Migration(19, "the published registers refuse UPDATE, DELETE and TRUNCATE (PostgreSQL triggers)",
              tuple(s for table in _FROZEN_REGISTER_TABLES for s in _postgres_frozen(table)),
              only="postgresql"),
    Migration(20, "which comments each digest e-mail counted as new (digested_comments; comments up to the "
                  "last digest's marker count as digested by it)", _DIGESTED_COMMENTS),
    Migration(21, "digested_comments refuses UPDATE and DELETE (SQLite triggers)",
              _sqlite_frozen("digested_comments"), only="sqlite"),
    Migration(22, "digested_comments refuses UPDATE, DELETE and TRUNCATE (PostgreSQL triggers)",
              _postgres_frozen("digested_comments"), only="postgresql"),
    Migration(23, "the browsers officers signed in from (staff_devices), whose failed sign-ins are counted "
                  "apart so that nobody else can lock the officer out", _STAFF_DEVICES),
)

LATEST = len(MIGRATIONS)
