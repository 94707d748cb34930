"""Who may do what in the console: one table, read by :class:`.guard.Guard` before every view.

A permission names the session stages it accepts (a half-finished sign-in may
only finish or sign out) and the roles that hold it. The comment screens use
the ``comments.*``, ``letters.*``, ``exports.*`` and ``figures.*`` rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.comments.store.staff_sessions import Stage


@dataclass(frozen=True)
class Rule:
    stages: frozenset[Stage]
    roles: frozenset[str]


_SIGNED_IN: frozenset[Stage] = frozenset({"signed-in"})
_ANY_STAGE: frozenset[Stage] = frozenset({"second-factor", "enrol", "signed-in"})
_STAFF = frozenset({"officer", "admin"})
_ADMIN = frozenset({"admin"})

PERMISSIONS: dict[str, Rule] = {
    "console.read": Rule(_SIGNED_IN, _STAFF),
    "comments.read": Rule(_SIGNED_IN, _STAFF),
    "comments.moderate": Rule(_SIGNED_IN, _STAFF),
    "letters.enter": Rule(_SIGNED_IN, _STAFF),
    "exports.make": Rule(_SIGNED_IN, _STAFF),
    "figures.publish": Rule(_SIGNED_IN, _STAFF),
    "accounts.manage": Rule(_SIGNED_IN, _ADMIN),
    "audit.read": Rule(_SIGNED_IN, _ADMIN),
    "second-factor.check": Rule(frozenset({"second-factor"}), _STAFF),
    "second-factor.enrol": Rule(frozenset({"enrol", "signed-in"}), _STAFF),
    "session.end": Rule(_ANY_STAGE, _STAFF),
}

# Where a session that is not done signing in belongs.
STAGE_PAGES: dict[Stage, str] = {
    "second-factor": "/staff/second-factor",
    "enrol": "/staff/second-factor/enrol",
    "signed-in": "/staff/",
}
