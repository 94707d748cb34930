"""Receipt codes: short, random, and easy to read out over the phone.

A citizen may call the board and read the code aloud, so the alphabet leaves
out the characters that sound or look alike (0/O, 1/I/L). Eight symbols from
31 give about 8.5 × 10¹¹ codes: guessing one is hopeless, and the rare
collision is caught by the database's unique constraint and retried.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
GROUP = 4

_SEPARATORS = re.compile(r"[\s\-_.]+")
_CANONICAL = re.compile(rf"^[{ALPHABET}]{{{GROUP}}}-[{ALPHABET}]{{{LENGTH - GROUP}}}$")


def new_receipt() -> str:
    """A fresh random code such as ``K7QX-M4TN``."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{symbols[:GROUP]}-{symbols[GROUP:]}"


def normalise_receipt(text: str) -> str | None:
    """The canonical form of a code as a person typed it, or ``None`` if it cannot be one.

    Lower case, spaces and a missing or extra hyphen are forgiven
    (``k7qx m4tn`` → ``K7QX-M4TN``).
    """
    symbols = _SEPARATORS.sub("", text).upper()
    if len(symbols) != LENGTH:
        return None
    code = f"{symbols[:GROUP]}-{symbols[GROUP:]}"
    return code if _CANONICAL.match(code) else None
