"""The second factor: time-based one-time codes (RFC 6238, pyotp) and the enrolment QR code.

A code is accepted for the current 30-second step and the one before or after
(clocks drift), and never twice: the step last used is stored with the
account, so a code seen over a shoulder cannot be replayed.
"""

from __future__ import annotations

from datetime import datetime

import pyotp
import segno

ISSUER = "Ban Thi đua – Khen thưởng"
_DRIFT_STEPS = (0, -1, 1)


def new_secret() -> str:
    """A fresh base32 secret (160 bits, as RFC 4226 recommends)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, account: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as an inline ``<svg>`` element (made here: no image host sees it)."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=4, dark="#1f2328", light="#ffffff",
                                                 title="Mã QR để thêm tài khoản vào ứng dụng xác thực")


def accepted_step(secret: str, code: str, now: datetime, last_step: int | None) -> int | None:
    """The time step ``code`` belongs to if it is valid at ``now`` and newer than ``last_step``."""
    code = "".join(code.split())
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current + drift for drift in _DRIFT_STEPS):
        if (last_step is None or step > last_step) and _same(totp.generate_otp(step), code):
            return step
    return None


def _same(expected: str, given: str) -> bool:
    return pyotp.utils.strings_equal(expected, given)


def code_at(secret: str, moment: datetime) -> str:
    """The code an authenticator app shows at ``moment`` (for tests and the enrolment check)."""
    return pyotp.TOTP(secret).at(moment)
