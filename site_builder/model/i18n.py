"""Messages for officers in their language: gettext catalogs, Vietnamese by default.

Every message an officer reads (validation, the list import, the comment commands) is
written in English in the code, marked with ``_()``, and translated in the Vietnamese
catalog ``site_builder/locale/vi/LC_MESSAGES/site_builder.po`` (compiled to the ``.mo``
beside it, which is committed so that an install needs no build step). Developers get the
English messages with ``site-builder --lang en …`` or ``SITE_BUILDER_LANG=en`` (which
``mkdocs build`` reads too). The language is read from the environment when a message is
made, so the processes a build forks speak the language of the command that started them.

Update the catalog after changing a message (see the README, "Messages and translations"):
``pybabel extract -F babel.cfg -o site_builder/locale/site_builder.pot site_builder``,
``pybabel update -i site_builder/locale/site_builder.pot -d site_builder/locale -D site_builder``,
translate, then ``pybabel compile -d site_builder/locale -D site_builder``.
"""

from __future__ import annotations

import errno
import gettext as stdlib_gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

LANGUAGE_VARIABLE = "SITE_BUILDER_LANG"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
DOMAIN = "site_builder"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def current_language() -> str:
    """``vi`` unless ``SITE_BUILDER_LANG`` asks for English (``en``, ``en_GB``…)."""
    asked = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    return "en" if asked.startswith("en") else DEFAULT_LANGUAGE


@cache
def translations(language: str) -> stdlib_gettext.NullTranslations:
    """The catalog of ``language``; English is the messages as written in the code."""
    if language == "en":
        return stdlib_gettext.NullTranslations()
    return stdlib_gettext.translation(DOMAIN, LOCALE_DIR, [language])


def gettext(message: str) -> str:
    """``message`` in the current language (import it as ``_``)."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return translations(current_language()).ngettext(singular, plural, count)


class Phrase:
    """A message kept in English until it is shown, so that each reader gets their language: ``str()``
    says it in the current language (the command line), :meth:`said` in a given one (the staff console
    always speaks Vietnamese). Build it as ``Phrase(N_("… {name} …"), name=…)`` so the catalog has it.
    A field may be a phrase, or a tuple of phrases (said joined by commas): said in the same language."""

    def __init__(self, message: str, **fields: object):
        self.message = message
        self.fields = fields

    def said(self, language: str | None = None) -> str:
        language = language or current_language()
        fields = {name: _said_in(value, language) for name, value in self.fields.items()}
        return translations(language).gettext(self.message).format(**fields)

    def __str__(self) -> str:
        return self.said()

    def __repr__(self) -> str:
        return f"Phrase({self.message!r})"


def _said_in(value: object, language: str) -> object:
    if isinstance(value, Phrase):
        return value.said(language)
    if isinstance(value, tuple) and all(isinstance(part, Phrase) for part in value):
        return ", ".join(part.said(language) for part in value)
    return value


class Explained(Exception):
    """A refusal an officer reads, said in the language of whoever shows it: ``str()`` in the command
    line's, :attr:`vietnamese` for the staff console, from the ``console`` phrase when the console's
    words differ (no command-line options to name there)."""

    def __init__(self, phrase: Phrase, console: Phrase | None = None):
        super().__init__(phrase.message)
        self.phrase = phrase
        self.console = console or phrase

    def __str__(self) -> str:
        return self.phrase.said()

    @property
    def vietnamese(self) -> str:
        return self.console.said("vi")


def file_problem(error: OSError) -> str:
    """Why a file could not be read or written, in the officer's language (the system's own words,
    ``strerror``, are English whatever the language; an unusual error keeps them)."""
    denied = gettext("permission denied (the account running the command may not use it)")
    reasons = {
        errno.ENOENT: gettext("it does not exist (check the path, and that each folder in it exists)"),
        errno.EACCES: denied,
        errno.EPERM: denied,
        errno.EISDIR: gettext("it is a folder, not a file"),
        errno.ENOTDIR: gettext("a part of the path is a file, not a folder"),
        errno.ENOSPC: gettext("the disk is full"),
        errno.EROFS: gettext("the disk is read-only"),
    }
    return reasons.get(error.errno or 0) or error.strerror or str(error)


def mark(message: str) -> str:
    """Mark a message for the catalog without translating it yet (import it as ``N_``):
    for constants defined at import time, translated with ``_()`` where they are used."""
    return message


@contextmanager
def language(name: str | None) -> Iterator[None]:
    """Speak ``name`` (``vi`` or ``en``; None keeps the current one) until the block ends.

    Set in the environment, so that forked processes and ``mkdocs`` in this process follow it.
    """
    if name is None:
        yield
        return
    before = os.environ.get(LANGUAGE_VARIABLE)
    os.environ[LANGUAGE_VARIABLE] = name
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(LANGUAGE_VARIABLE, None)
        else:
            os.environ[LANGUAGE_VARIABLE] = before
