"""Spam control that needs no third-party CAPTCHA: honeypot, minimum time, rate limit.

- The honeypot is a form field hidden from people (the site hides it with CSS
  and ``aria-hidden``); a bot fills it. Such a comment is still stored, as
  ``spam``, and still gets a receipt: the bot learns nothing, and a person
  whose browser autofilled the field by mistake loses nothing.
- ``rendered_at`` is when the page showed the form; a submission sooner than
  ``min_seconds`` later is refused with a message asking to wait. Clocks of
  phones drift, so a time in the future is not held against anyone.
- The rate limit counts stored comments per IP address in a sliding window.
  Addresses live only in this process's memory, for at most one window, and
  are never written to the database or the log.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from datetime import datetime


def too_fast(rendered_at: datetime | None, now: datetime, min_seconds: float) -> bool:
    """True when the form was submitted less than ``min_seconds`` after it was shown."""
    if rendered_at is None or min_seconds <= 0:
        return False
    elapsed = (now - rendered_at).total_seconds()
    return 0 <= elapsed < min_seconds


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds for each key (an IP address).

    ``limit`` 0 turns the limiter off. Not thread-safe: the app uses it from
    the event loop only.
    """

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic):
        self._limit = limit
        self._window = window
        self._clock = clock
        self._events: dict[str, deque[float]] = {}
        self._last_sweep = clock()

    def retry_after(self, key: str) -> float | None:
        """Seconds until ``key`` may send again, or ``None`` if it may send now."""
        if self._limit <= 0:
            return None
        now = self._clock()
        self._sweep_now_and_then(now)
        events = self._events.get(key)
        if events is None:
            return None
        self._forget_old(events, now)
        if len(events) < self._limit:
            return None
        return max(events[0] + self._window - now, 0.001)

    def record(self, key: str) -> None:
        """Count one event for ``key`` now."""
        if self._limit <= 0:
            return
        now = self._clock()
        self._sweep_now_and_then(now)
        self._events.setdefault(key, deque()).append(now)

    def tracked(self) -> int:
        """How many addresses are remembered right now (for tests and health checks)."""
        return len(self._events)

    def _forget_old(self, events: deque[float], now: float) -> None:
        while events and events[0] <= now - self._window:
            events.popleft()

    def _sweep_now_and_then(self, now: float) -> None:
        """Once per window, forget every address with no recent event.

        So an address is held at most about two windows, and memory stays bounded.
        """
        if now - self._last_sweep < self._window:
            return
        self._last_sweep = now
        for key in list(self._events):
            events = self._events[key]
            self._forget_old(events, now)
            if not events:
                del self._events[key]
