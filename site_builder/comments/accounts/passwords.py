"""Staff passwords: Argon2id hashes (argon2-cffi), a minimum length, never logged.

argon2-cffi's defaults follow RFC 9106's recommended profile (Argon2id,
64 MiB, 3 passes); a hash records its own parameters, so raising them later
still verifies old hashes, and :func:`needs_rehash` says when to store a new one.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from site_builder.model.i18n import Explained, Phrase
from site_builder.model.i18n import mark as N_

MIN_LENGTH = 12
MAX_LENGTH = 1024  # a longer "password" is an attempt to make the server hash megabytes


class PasswordRefused(Explained, ValueError):
    """The new password breaks a rule, said in the command line's language (the console says its own)."""


def check_new_password(password: str) -> None:
    """Raise :class:`PasswordRefused` unless ``password`` is acceptable as a new password."""
    if len(password) < MIN_LENGTH:
        raise PasswordRefused(Phrase(N_("the password must be at least {length} characters long (a sentence "
                                        "that is easy to remember will do); nothing was changed"), length=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        raise PasswordRefused(Phrase(N_("the password must be at most {length} characters long; nothing was "
                                        "changed"), length=MAX_LENGTH))


def hash_password(password: str) -> str:
    """The Argon2id hash to store, after the rules of :func:`check_new_password`."""
    check_new_password(password)
    return _hasher().hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored``; with no account (``None``) a dummy hash is checked,
    so an unknown name takes as long to refuse as a wrong password."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher().verify(stored or _dummy_hash(), password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher().check_needs_rehash(stored)


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash of nothing anyone can type, made with today's parameters (so it costs the same)."""
    return _hasher().hash("\0 no account has this password \0")
