"""Rate limits that hold under concurrency and across processes: counted in the register.

Three buckets, each a number of requests per window from one client:

- ``comments``: posts admitted for storing (``--rate-limit`` per ``--rate-window``);
- ``invalid``: posts refused as invalid (``--invalid-limit`` per ``--rate-window``),
  looser, so a citizen who corrects a form a few times is never blocked, but a
  script hammering the service with junk is;
- ``lookups``: receipt look-ups (``--lookup-limit`` per ``--lookup-window``).

**A slot is taken when a request is admitted**, before its body is read, and
given back if the request is then refused (invalid, period closed, a replayed
token, the database down). Checking at arrival and counting after the write,
as the first release did, let every request in flight pass together: 200
simultaneous posts were 200 stored comments.

**The counts live in the register** (table ``comments_rate_slots``), so every
service process on one database shares them. Taking a slot is one statement,
an upsert that increments only while under the limit
(``INSERT … ON CONFLICT DO UPDATE SET used = used + 1 WHERE used < limit
RETURNING used``): atomic on SQLite (its write lock) and on PostgreSQL (the
conflicting row is locked, so increments queue up), with no read-then-write
gap. The statement is committed without waiting for the disk: a count lost in
a power cut costs nothing.

**Fixed windows, not a sliding log.** A row per (bucket, client, window) holds
one integer, so a burst costs one row, not one per request, and the row can be
deleted the moment its window ends: nothing about a client is kept longer than
one window (expired rows are deleted at most once a minute by the process
that notices). The price is that a client may send up to twice the limit
around a window boundary; for a limit meant to stop floods, not to meter
citizens, that is the better trade.

**The client is an address hashed with a secret that changes daily**:
HMAC-SHA256 of the address under a key derived (HMAC again) from the server's
secret and the day of the window. The register never holds an address, and
keys of different days cannot be linked. The secret comes from the settings
(``--secret-file``); without one, a random one is made once and kept in the
register (``comments_secrets``), shared by every process. An IPv6 client is
keyed by its /64, since one subscriber usually gets a whole /64 and could
otherwise take a fresh address for every request.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from site_builder.comments.settings import SpamRules
from site_builder.comments.store.register import Slot, Store, StoreUnavailable

log = logging.getLogger(__name__)

COMMENTS = "comments"
INVALID = "invalid"
LOOKUPS = "lookups"
_PURGE_EVERY = 60.0  # seconds between deletions of expired slots, per process


@dataclass(frozen=True)
class Bucket:
    """``limit`` requests per ``window`` seconds; a limit of 0 turns the bucket off."""

    name: str
    limit: int
    window: int

    def slot(self, client: str, now: float) -> Slot:
        start = int(now // self.window) * self.window
        return Slot(self.name, client, start, start + self.window)


class RateLimited(Exception):
    """The client used up ``bucket``; it may try again in ``retry_after`` seconds."""

    def __init__(self, bucket: str, retry_after: float):
        super().__init__(bucket)
        self.bucket = bucket
        self.retry_after = retry_after


def buckets(rules: SpamRules) -> dict[str, Bucket]:
    """The three buckets of ``rules``, windows in whole seconds."""
    window = max(1, round(rules.rate_window))
    return {
        COMMENTS: Bucket(COMMENTS, rules.rate_limit, window),
        INVALID: Bucket(INVALID, rules.invalid_limit, window),
        LOOKUPS: Bucket(LOOKUPS, rules.lookup_limit, max(1, round(rules.lookup_window))),
    }


def client_network(address: str) -> str:
    """What a client is counted as: its IPv4 address, or its IPv6 /64."""
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address  # not an IP address (a test client, a Unix socket): counted as itself
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class AddressHasher:
    """The client key: HMAC of the client's network under a key that changes every day (UTC)."""

    def __init__(self, secret: str):
        self._secret = secret.encode("utf-8")

    def key(self, address: str, moment: float) -> str:
        day = datetime.fromtimestamp(moment, UTC).date().isoformat()
        daily = hmac.new(self._secret, f"rate-limit {day}".encode(), hashlib.sha256).digest()
        return hmac.new(daily, client_network(address).encode("utf-8"), hashlib.sha256).hexdigest()[:32]


class SharedLimiter:
    """The buckets of one app, counted in ``store``. Every method is synchronous (a worker thread)."""

    def __init__(self, store: Store, rules: SpamRules, secret: str,
                 monotonic: Callable[[], float] = time.monotonic):
        self._store = store
        self._buckets = buckets(rules)
        self._hasher = AddressHasher(secret)
        self._monotonic = monotonic
        self._next_purge = 0.0

    def admit_comment(self, address: str, now: float) -> Slot | None:
        """Take a comment slot; :class:`RateLimited` when the client sent too many, valid or not."""
        invalid = self._buckets[INVALID]
        if invalid.limit > 0:
            slot = self._slot(invalid, address, now)
            if self._store.slots_used(slot) >= invalid.limit:
                raise RateLimited(INVALID, slot.expires_at - now)
        return self._take(COMMENTS, address, now)

    def admit_lookup(self, address: str, now: float) -> None:
        """Take a look-up slot; :class:`RateLimited` when the client looked up too many receipts."""
        self._take(LOOKUPS, address, now)

    def give_back(self, slot: Slot | None, address: str, now: float, invalid: bool) -> None:
        """A post refused after admission: its comment slot back, and one more invalid post if so.

        Never raises: a slot that cannot be given back stays taken until its window ends.
        """
        try:
            if slot is not None:
                self._store.give_back_slot(slot)
            if invalid and self._buckets[INVALID].limit > 0:
                self._store.take_slot(self._slot(self._buckets[INVALID], address, now),
                                      self._buckets[INVALID].limit)
        except StoreUnavailable as exc:
            log.error("rate limit: a slot could not be given back (%s)", exc)

    def _take(self, name: str, address: str, now: float) -> Slot | None:
        bucket = self._buckets[name]
        if bucket.limit <= 0:
            return None
        self._forget_now_and_then(now)
        slot = self._slot(bucket, address, now)
        if not self._store.take_slot(slot, bucket.limit):
            raise RateLimited(name, slot.expires_at - now)
        return slot

    def _slot(self, bucket: Bucket, address: str, now: float) -> Slot:
        slot = bucket.slot("", now)
        return Slot(bucket.name, self._hasher.key(address, slot.window_start), slot.window_start,
                    slot.expires_at)

    def _forget_now_and_then(self, now: float) -> None:
        """Delete expired slots at most once a minute (two threads racing here just delete twice)."""
        moment = self._monotonic()
        if moment < self._next_purge:
            return
        self._next_purge = moment + _PURGE_EVERY
        self._store.forget_slots(int(now))
