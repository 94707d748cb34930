"""Failed sign-ins, counted per account name and per client address (or per device, see
:mod:`.staff_devices`).

The keys are kept as SHA-256 hashes: no address and no mistyped name (which is
often a password typed in the wrong box) is stored in clear. Rows older than a
day are deleted as new ones come, since only the last minutes matter.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Literal

from .handle import Handle

Kind = Literal["account", "address", "device"]
_KEEP = timedelta(days=1)


def throttle_key(kind: Kind, value: str) -> str:
    """The hash a name, an address or a device cookie is counted under."""
    return hashlib.sha256(f"site-builder staff {kind}\0{value}".encode()).hexdigest()


def record_failure(handle: Handle, kind: Kind, key_hash: str, now: datetime) -> int:
    """Count one failure; its row id, so a sign-in that turns out right can take it back."""
    handle.execute("DELETE FROM staff_sign_in_failures WHERE at < ?", (now - _KEEP,))
    handle.execute("INSERT INTO staff_sign_in_failures (kind, key_hash, at) VALUES (?, ?, ?)",
                   (kind, key_hash, now))
    row = handle.one("SELECT max(id) FROM staff_sign_in_failures WHERE kind = ? AND key_hash = ?",
                     (kind, key_hash))
    assert row is not None
    return int(row[0])


def take_back(handle: Handle, failure_ids: list[int]) -> None:
    """Forget failures counted in advance for an attempt that succeeded."""
    for failure_id in failure_ids:
        handle.execute("DELETE FROM staff_sign_in_failures WHERE id = ?", (failure_id,))


def failures_since(handle: Handle, kind: Kind, key_hash: str, since: datetime) -> int:
    row = handle.one("SELECT count(*) FROM staff_sign_in_failures WHERE kind = ? AND key_hash = ?"
                     " AND at > ?", (kind, key_hash, since))
    return int(row[0]) if row else 0
