"""The comments as the board's officers handle them: read, counted by status, re-marked, entered.

Plain functions over an open :class:`.handle.Handle`, so the caller decides the
transaction and writes the audit entry in it (:mod:`.audit_log`), as for the
staff accounts. Nothing here logs: the rows hold commenters' names and contacts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from site_builder.model.vntime import VIETNAM

from .handle import Handle
from .register import COUNTED, STORED_COLUMNS, NewComment, Status, StoredComment, stored_comment


@dataclass(frozen=True, kw_only=True)
class HandledComment(StoredComment):
    """One comment with everything an officer sees of it: the register's row, its id, and for a
    letter or a call typed in, when and by whom it was entered."""

    id: int
    entered_at: datetime | None
    entered_by: str | None


_COLUMNS = f"id, {STORED_COLUMNS}, entered_at, entered_by"


def find_comment(handle: Handle, receipt: str) -> HandledComment | None:
    """The comment with this (canonical) receipt code, if any."""
    row = handle.one(f"SELECT {_COLUMNS} FROM comments WHERE receipt = ?", (receipt,))
    return None if row is None else _comment(handle, row)


def comments_of(handle: Handle, batch: str, nominee: str | None = None) -> list[HandledComment]:
    """The comments of a batch (of one nominee, if given), oldest first."""
    if nominee is None:
        rows = handle.all(f"SELECT {_COLUMNS} FROM comments WHERE batch = ? ORDER BY id", (batch,))
    else:
        rows = handle.all(f"SELECT {_COLUMNS} FROM comments WHERE batch = ? AND nominee = ? ORDER BY id",
                          (batch, nominee))
    return [_comment(handle, row) for row in rows]


def every_comment(handle: Handle) -> list[HandledComment]:
    """Every comment of the register, newest first (the search filters them in Python)."""
    return [_comment(handle, row) for row in handle.all(f"SELECT {_COLUMNS} FROM comments ORDER BY id DESC")]


def status_counts(handle: Handle, batch: str | None = None) -> dict[tuple[str, str], dict[str, int]]:
    """``{(batch, nominee): {status: n}}``, of one batch or of all."""
    where, parameters = ("WHERE batch = ?", (batch,)) if batch is not None else ("", ())
    rows = handle.all(f"SELECT batch, nominee, status, count(*) FROM comments {where}"
                      " GROUP BY batch, nominee, status", parameters)
    found: dict[tuple[str, str], dict[str, int]] = {}
    for batch_id, nominee, status, count in rows:
        found.setdefault((batch_id, nominee), {})[status] = count
    return found


def counted(handle: Handle, batch: str) -> dict[str, int]:
    """Comments per nominee by the public rule (:data:`.register.COUNTED`)."""
    rows = handle.all(f"SELECT nominee, count(*) FROM comments WHERE batch = ? AND {COUNTED}"
                      " GROUP BY nominee ORDER BY nominee", (batch,))
    return dict(rows)


def write_status(handle: Handle, comment_id: int, status: Status, reason: str | None,
                 duplicate_of: str | None) -> None:
    """Set a comment's status, its reason and the receipt it repeats (``None`` clears them)."""
    handle.execute("UPDATE comments SET status = ?, status_reason = ?, duplicate_of = ? WHERE id = ?",
                   (status, reason, duplicate_of, comment_id))


def receipt_taken(handle: Handle, receipt: str) -> bool:
    return handle.one("SELECT 1 FROM comments WHERE receipt = ?", (receipt,)) is not None


def insert_entry(handle: Handle, comment: NewComment, receipt: str, dated: datetime, entered_at: datetime,
                 entered_by: str, outside_period: bool) -> None:
    """A letter or a call typed in by an officer: ``dated`` is the date on it."""
    handle.execute(
        "INSERT INTO comments (receipt, batch, nominee, name, contact, address, text, channel, status,"
        " received_at, outside_period, entered_at, entered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (receipt, comment.batch, comment.nominee, comment.name, comment.contact, comment.address,
         comment.text, comment.channel, comment.status, dated, outside_period, entered_at, entered_by))


def _comment(handle: Handle, row: tuple) -> HandledComment:
    """A row of :data:`_COLUMNS`: the stored comment's columns between the id and the entry's."""
    stored = stored_comment(row[1:14], handle.moment)
    entered = row[14]
    return HandledComment(**vars(stored), id=row[0],
                          entered_at=None if entered is None else handle.moment(entered), entered_by=row[15])


@dataclass(frozen=True)
class Published:
    """A batch's frozen public figures: per nominee, when, by whom."""

    nominees: dict[str, int]
    published_at: datetime
    published_by: str


def published_figures(handle: Handle, batch: str) -> Published | None:
    """The figures ``batch`` published, or ``None`` before its publication."""
    rows = handle.all("SELECT nominee, comments, published_at, published_by FROM published_figures"
                      " WHERE batch = ? ORDER BY nominee", (batch,))
    if not rows:
        return None
    return Published({row[0]: row[1] for row in rows}, handle.moment(rows[0][2]), rows[0][3])


def freeze_figures(handle: Handle, batch: str, nominees: dict[str, int], at: datetime, by: str) -> None:
    """Store ``nominees``' figures as the batch's published ones (once: the key refuses a second time)."""
    for nominee, count in nominees.items():
        handle.execute("INSERT INTO published_figures (batch, nominee, comments, published_at, published_by)"
                       " VALUES (?, ?, ?, ?, ?)", (batch, nominee, count, at, by))


@dataclass(frozen=True)
class PublishedReceipt:
    """One row of a batch's public register: nothing about the person."""

    receipt: str
    nominee: str
    received: date
    status: Status
    counted: bool


@dataclass(frozen=True)
class PublishedRegister:
    """A batch's frozen register: its rows by receipt code, when, by whom."""

    rows: list[PublishedReceipt]
    published_at: datetime
    published_by: str


def published_register(handle: Handle, batch: str) -> PublishedRegister | None:
    """The register ``batch`` published, or ``None`` before its publication."""
    frozen = handle.one("SELECT published_at, published_by FROM published_registers WHERE batch = ?", (batch,))
    if frozen is None:
        return None
    rows = handle.all(f"SELECT {_PUBLISHED_COLUMNS} FROM published_receipts WHERE batch = ? ORDER BY receipt",
                      (batch,))
    return PublishedRegister([_published_receipt(row) for row in rows], handle.moment(frozen[0]), frozen[1])


def register_rows(handle: Handle, batch: str) -> list[PublishedReceipt]:
    """Every comment of ``batch`` as the public register shows it now; counted by :data:`.register.COUNTED`."""
    rows = handle.all(f"SELECT receipt, nominee, received_at, status, CASE WHEN {COUNTED} THEN 1 ELSE 0 END"
                      " FROM comments WHERE batch = ? ORDER BY receipt", (batch,))
    return [PublishedReceipt(code, nominee, handle.moment(at).astimezone(VIETNAM).date(), status, bool(counted))
            for code, nominee, at, status, counted in rows]


def freeze_register(handle: Handle, batch: str, rows: list[PublishedReceipt], at: datetime, by: str) -> None:
    """Store ``rows`` as the batch's published register (once: the keys refuse a second time)."""
    handle.execute("INSERT INTO published_registers (batch, published_at, published_by) VALUES (?, ?, ?)",
                   (batch, at, by))
    for row in rows:
        handle.execute("INSERT INTO published_receipts (batch, receipt, nominee, received, status, counted)"
                       " VALUES (?, ?, ?, ?, ?, ?)",
                       (batch, row.receipt, row.nominee, row.received.isoformat(), row.status, row.counted))


def published_receipt(handle: Handle, code: str) -> PublishedReceipt | None:
    """The row of a published register with receipt ``code``: the public, final word on it."""
    row = handle.one(f"SELECT {_PUBLISHED_COLUMNS} FROM published_receipts WHERE receipt = ?", (code,))
    return None if row is None else _published_receipt(row)


_PUBLISHED_COLUMNS = "receipt, nominee, received, status, counted"


def _published_receipt(row: tuple) -> PublishedReceipt:
    code, nominee, day, status, counted = row
    return PublishedReceipt(code, nominee, date.fromisoformat(day), status, bool(counted))
