"""Whether the register takes writes: the truth ``/healthz`` tells, and the start-up check.

A database that answers reads may still refuse every write (a read-only file
or mount, a full disk, a PostgreSQL in read-only mode). Every post then gets
503, correctly, but a health check that only reads would keep answering 200
and nobody would look. So:

- at start-up the app writes a scratch row and removes it (``probe_write``);
  if that fails, the service does not start, with the cause;
- ``/healthz`` answers 503 while the last comment write failed, or when a
  probe write fails; probes run at most every ``PROBE_EVERY`` seconds and the
  result is cached, so a health checker polling hard cannot load the disk;
- every refused write is logged at ERROR with its cause: the database's
  message, never the comment or who sent it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from site_builder.comments.store.register import Store, StoreUnavailable

log = logging.getLogger(__name__)

PROBE_EVERY = 5.0


class RegisterNotWritable(StoreUnavailable):
    """The register refused the start-up probe write: the service must not start."""


def require_writable(store: Store, now: datetime) -> None:
    """Raise :class:`RegisterNotWritable`, with the cause, unless a write commits."""
    try:
        store.probe_write(now)
    except StoreUnavailable as exc:
        log.error("comment register: a test write was refused at start-up: %s", exc)
        raise RegisterNotWritable(
            f"the register of comments cannot take a write ({exc}); every comment would be refused. "
            "Check that the database file and its folder are writable by the service's user, that "
            "the disk is not full, and that PostgreSQL is not read-only; then start the service again"
        ) from exc


class WriteHealth:
    """The last comment write's outcome and a cached probe; shared by one app's requests."""

    def __init__(self, store: Store, every: float = PROBE_EVERY,
                 monotonic: Callable[[], float] = time.monotonic):
        self._store = store
        self._every = every
        self._monotonic = monotonic
        self._last_write_failed = False
        self._probed_at: float | None = None
        self._probe_failed = False

    def wrote(self) -> None:
        self._last_write_failed = False

    def refused(self, cause: StoreUnavailable) -> None:
        """A comment could not be stored: logged at ERROR with the database's reason only."""
        self._last_write_failed = True
        log.error("comment register: a comment was refused by the database (answered 503): %s", cause)

    def healthy(self, now: datetime) -> bool:
        """False while the last write failed or the (cached) probe write fails. Synchronous: a thread."""
        moment = self._monotonic()
        if self._probed_at is None or moment - self._probed_at >= self._every:
            self._probed_at = moment
            self._probe_failed = not self._probe(now)
        return not (self._last_write_failed or self._probe_failed)

    def _probe(self, now: datetime) -> bool:
        try:
            self._store.probe_write(now)
        except StoreUnavailable as exc:
            log.error("comment register: the health check's test write was refused: %s", exc)
            return False
        if self._last_write_failed:
            log.warning("comment register: writes succeed again")
        self._last_write_failed = False
        return True
