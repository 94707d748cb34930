"""Spam control that needs no third-party CAPTCHA: honeypot, minimum time, rate limit.

- The honeypot is a form field hidden from people (the site hides it with CSS
  and ``aria-hidden``); a bot fills it. Such a comment is still stored, as
  ``spam``, and still gets a receipt: the bot learns nothing, and a person
  whose browser autofilled the field by mistake loses nothing.
- ``rendered_at`` is when the page showed the form; a submission sooner than
  ``min_seconds`` later is refused with a message asking to wait. Clocks of
  phones drift, so a time in the future is not held against anyone.
- The rate limits (:mod:`.limits`) count admitted posts, refused posts and
  receipt look-ups per client in the register, keyed by a daily-keyed hash of
  the address, never the address itself.
"""

from __future__ import annotations

from datetime import datetime


def too_fast(rendered_at: datetime | None, now: datetime, min_seconds: float) -> bool:
    """True when the form was submitted less than ``min_seconds`` after it was shown."""
    if rendered_at is None or min_seconds <= 0:
        return False
    elapsed = (now - rendered_at).total_seconds()
    return 0 <= elapsed < min_seconds
