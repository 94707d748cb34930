"""The audit trail: who did what, when, from which value to which, and why.

Every staff action appends one entry in the same transaction as the change
(:meth:`.register.Store.transaction`), so there is never a change without its
entry nor an entry for a change that was rolled back. The table is
append-only: no code here updates or deletes, and the database refuses it
(triggers, migrations 5 and 6).

Each entry's ``hash`` is the SHA-256 of its fields in a canonical form plus the
previous entry's hash, so editing any stored entry breaks the chain from there
on; :func:`verify_audit_chain` names the first broken one. Appending holds a
lock until commit (SQLite's write lock, a PostgreSQL advisory lock), so with
several service processes the chain stays one line. The chain cannot show that
the *newest* entries were removed by someone who also dropped the triggers:
keep a copy of the latest hash elsewhere (the printout of ``audit verify``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from datetime import UTC, datetime

from .handle import Handle

GENESIS = "0" * 64
# Any constant: it only keeps two processes from appending at the same time.
_AUDIT_LOCK = 46202027


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit trail; ``old_value`` and ``new_value`` are JSON text or ``None``."""

    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    batch: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None
    prev_hash: str
    hash: str


_COLUMNS = ", ".join(field.name for field in fields(AuditEntry))


def append_audit(handle: Handle, at: datetime, actor: str, action: str, subject: str, *,
                 old: object = None, new: object = None, reason: str | None = None,
                 batch: str | None = None) -> str:
    """Append one entry inside the caller's transaction; its hash.

    ``old`` and ``new`` are any JSON-able values (a status, a dict of fields);
    ``None`` means "nothing" (no value before a creation, for instance).
    """
    handle.serialise(_AUDIT_LOCK)
    last = handle.one("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
    prev_hash = last[0] if last else GENESIS
    values = (at, actor, action, subject, batch, _json(old), _json(new), reason)
    digest = entry_hash(*values, prev_hash=prev_hash)
    handle.execute("INSERT INTO audit_log (at, actor, action, subject, batch, old_value, new_value, reason,"
                   " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*values, prev_hash, digest))
    return digest


def audit_entries(handle: Handle, batch: str | None = None) -> list[AuditEntry]:
    """The trail in the order it was written; only one batch's entries when ``batch`` is given."""
    where, parameters = ("WHERE batch = ?", (batch,)) if batch is not None else ("", ())
    rows = handle.all(f"SELECT {_COLUMNS} FROM audit_log {where} ORDER BY id", parameters)
    return [AuditEntry(row[0], handle.moment(row[1]), *row[2:]) for row in rows]


def verify_audit_chain(handle: Handle) -> AuditEntry | None:
    """The first entry whose hash or link to the one before is wrong; ``None`` if all hold."""
    previous = GENESIS
    for entry in audit_entries(handle):
        expected = entry_hash(entry.at, entry.actor, entry.action, entry.subject, entry.batch,
                              entry.old_value, entry.new_value, entry.reason, prev_hash=entry.prev_hash)
        if entry.prev_hash != previous or entry.hash != expected:
            return entry
        previous = entry.hash
    return None


def entry_hash(at: datetime, actor: str, action: str, subject: str, batch: str | None,
               old_value: str | None, new_value: str | None, reason: str | None, *,
               prev_hash: str) -> str:
    """SHA-256 of the fields as a compact JSON array: one spelling per entry, whatever the database."""
    canonical = json.dumps([at.astimezone(UTC).isoformat(timespec="microseconds"), actor, action,
                            subject, batch, old_value, new_value, reason, prev_hash],
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _json(value: object) -> str | None:
    """JSON text with sorted keys (stable for the hash), or ``None`` for no value."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def audit_entries_about(handle: Handle, subject: str) -> list[AuditEntry]:
    """The entries about one subject (a receipt code, an account), oldest first: its history."""
    rows = handle.all(f"SELECT {_COLUMNS} FROM audit_log WHERE subject = ? ORDER BY id", (subject,))
    return [AuditEntry(row[0], handle.moment(row[1]), *row[2:]) for row in rows]
