"""The Vietnamese catalog is complete and compiled: every message officers can read has a
translation, and the committed ``.mo`` (what the program reads) says what the ``.po`` says."""

from __future__ import annotations

import re
import string

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from helpers import REPO

from site_builder.model.i18n import DOMAIN, LOCALE_DIR

PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO = PO.with_suffix(".mo")


def _catalog():
    with PO.open("rb") as file:
        return read_po(file, locale="vi")


def _extracted() -> set[str | tuple[str, str]]:
    """What ``pybabel extract -F babel.cfg`` finds in the package, as the README tells to run it."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    return {message for _file, _line, message, _comments, _context
            in extract_from_dir(REPO / "site_builder", method_map, options_map)}


def _key(message_id) -> str:
    return message_id[0] if isinstance(message_id, (tuple, list)) else message_id


def test_every_message_in_the_code_has_a_vietnamese_translation():
    catalog = _catalog()
    translated = {_key(message.id): message for message in catalog if message.id}
    missing = sorted(_key(found) for found in _extracted() if _key(found) not in translated)
    assert missing == [], "run pybabel extract/update (README, 'Messages and translations') and translate"
    empty = [key for key, message in translated.items()
             if not all(message.string if isinstance(message.string, tuple) else [message.string])
             or message.fuzzy]
    assert empty == []


def test_the_catalog_holds_no_message_the_code_no_longer_has():
    extracted = {_key(found) for found in _extracted()}
    assert sorted(_key(message.id) for message in _catalog() if message.id and _key(message.id) not in extracted) == []


def test_the_compiled_catalog_matches_the_po_file():
    with MO.open("rb") as file:
        compiled = {_key(message.id): _strings(message.string) for message in read_mo(file) if message.id}
    written = {_key(message.id): _strings(message.string) for message in _catalog() if message.id}
    assert compiled == written, "run pybabel compile -d site_builder/locale -D site_builder"


def _strings(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def _fields(text: str) -> set[str]:
    """The ``{…}`` fields of ``text``, and the ``%(…)s`` ones (argparse's messages, help texts)."""
    named = {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}
    return named | {f"%({name})" for name in re.findall(r"%\((\w+)\)", text)}


def test_each_translation_fills_the_same_blanks_as_its_message():
    for message in _catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(_fields(text) == _fields(ids[-1]) for text in strings), message.id


def test_vietnamese_messages_are_written_with_diacritics():
    """A translation typed without accents reads badly to officers; each has at least one
    Vietnamese letter unless it is a mere name or code."""
    plain = [message.id for message in _catalog() if message.id and len(str(message.string)) > 12
             and not re.search(r"[à-ỹđĐ]", str(message.string))]
    assert plain == []
