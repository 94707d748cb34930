"""Setting up the second factor from the console: a secret shown once, switched on by a valid code.

The secret travels in the enrolment form (the page shows it, as text and as a
QR code, to the person signed in); nothing is stored until a code made from it
is typed back. Showing the page changes nothing, so reloading it just draws
another secret. Once enrolled, the page never shows a secret again.
"""

from __future__ import annotations

import re
from datetime import datetime

from site_builder.comments.settings import StaffRules
from site_builder.comments.store.register import Store
from site_builder.comments.store.staff_accounts import account_by_id, update_account
from site_builder.comments.store.staff_sessions import StaffSession

from .second_factor import accepted_step
from .signin import Opened, rotate_session

_SECRET = re.compile(r"[A-Z2-7]{32}")


def confirm_enrolment(store: Store, rules: StaffRules, session: StaffSession, secret: str, code: str,
                      now: datetime) -> Opened | None:
    """Switch the second factor on if ``code`` is valid for ``secret``; a new signed-in session.

    ``None`` when the code is wrong (or the secret is not one this page made).
    """
    step = accepted_step(secret, code, now, None) if _SECRET.fullmatch(secret) else None
    if step is None:
        return None
    with store.transaction() as handle:
        account = account_by_id(handle, session.account_id)
        if account is None or account.totp_enrolled:
            return None
        update_account(handle, account.id, now, totp_secret=secret, totp_enrolled=True, totp_last_step=step)
        return rotate_session(handle, rules, session, account, "signed-in", now,
                              "second-factor-enrolled", {"second_factor": True})
