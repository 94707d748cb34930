"""argparse's own words (``usage:``, its errors, the ``--help`` headings) in the officer's language.

argparse asks the standard library's ``gettext.gettext`` for each of its messages, which looks
them up in the process-wide text domain, in the languages of the ``LANGUAGE`` variable (Python's
argparse howto, "How to translate the argparse output"). So the messages argparse can show an
officer are listed below for ``pybabel extract``, translated in our own catalog beside the
others, and :func:`argparse_speaks` points the standard library at that catalog, in our
language, while the parser is built and reads the command line: Vietnamese by default,
English (the messages as argparse writes them) with ``--lang en``. Outside that block the
process's gettext is as it was.

Left out: argparse's messages about mistakes in a parser's definition, which only a developer
can meet, and the plural "expected N arguments" (no option of ours takes a fixed number >1).
"""

from __future__ import annotations

import gettext as stdlib_gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager

from .i18n import DOMAIN, LOCALE_DIR, current_language
from .i18n import mark as N_

# The variable the standard library's gettext reads first for the languages to look up.
_LANGUAGES_VARIABLE = "LANGUAGE"

MESSAGES = (
    N_("usage: "),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
)


@contextmanager
def argparse_speaks(language: str | None = None) -> Iterator[None]:
    """argparse's messages in ``language`` (``vi`` or ``en``; the current one when None) until the
    block ends: our catalog as the standard library's text domain, ``LANGUAGE`` set to the language.

    Process-wide state, so kept to the parsing of a command line (a parse error or ``--help``
    leaves the block through ``SystemExit``, which restores it too).
    """
    domain, bound = stdlib_gettext.textdomain(), stdlib_gettext.bindtextdomain(DOMAIN)
    before = os.environ.get(_LANGUAGES_VARIABLE)
    stdlib_gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    stdlib_gettext.textdomain(DOMAIN)
    os.environ[_LANGUAGES_VARIABLE] = language or current_language()  # "en": no catalog, argparse's words
    try:
        yield
    finally:
        stdlib_gettext.textdomain(domain)
        stdlib_gettext.bindtextdomain(DOMAIN, bound)
        if before is None:
            os.environ.pop(_LANGUAGES_VARIABLE, None)
        else:
            os.environ[_LANGUAGES_VARIABLE] = before
