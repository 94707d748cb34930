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
