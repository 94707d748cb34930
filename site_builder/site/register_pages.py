"""The published registers of receipts on the site: a page per batch, and small files for the look-up.

A batch's register page (``lay-y-kien/<batch>/so-y-kien/``) lists its receipt
codes sorted, so that a citizen finds theirs, with the nominee, the day received,
the handling status in public words and whether the figures count it (and,
when not, why: :mod:`site_builder.model.uncounted_reasons`); above
them, per nominee, the rows counted — the very figures the batch's page shows
(the loader refuses a register that disagrees). A register longer than
``page_rows`` is split into a page per first character of the code, so that a
phone never loads thousands of rows.

The look-up page's script finds a code the comment service does not know (or
when it cannot be reached) in ``tra-cuu-y-kien/ma/<first two characters>.json``:
a few rows, not the whole register. Each answer is worded by
:func:`site_builder.model.receipt_states.published_state`: as the service words it, but for a comment
the register does not count, which reads as such.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from site_builder.model import urls
from site_builder.model.catalogue import Catalogue
from site_builder.model.nomination import NominationBatch
from site_builder.model.receipt_register import ReceiptRegister, RegisterRow
from site_builder.model.receipt_states import published_state
from site_builder.model.vntime import format_date, format_moment

from .specs import PageSpec

PAGE_ROWS = 300
TITLE = "Sổ ý kiến công khai"


@dataclass(frozen=True)
class RowView:
    """One row as the page shows it."""

    code: str
    nominee_name: str
    received_on: str
    status_text: str
    counted: bool
    reason: str | None  # why it is not counted, in words (site_builder.model.uncounted_reasons)


@dataclass(frozen=True)
class NomineeTally:
    name: str
    counted: int
    not_counted: int


def register_pages(catalogue: Catalogue, lookup: bool, page_rows: int = PAGE_ROWS) -> Iterator[PageSpec]:
    """The register page of each batch that published one (and its pages by first character);
    ``lookup`` when the site has a look-up page (a comment service) to link to."""
    for batch_id, register in sorted(catalogue.receipt_registers.items()):
        yield from _pages_of(catalogue.batches[batch_id], register, lookup, page_rows)


def _pages_of(batch: NominationBatch, register: ReceiptRegister, lookup: bool,
              page_rows: int) -> Iterator[PageSpec]:
    names = {nominee.id: nominee.name for nominee in batch.nominees}
    rows = [_view(row, names, register) for row in register.sorted_rows()]
    split = len(rows) > page_rows
    groups = [(first, list(items)) for first, items in groupby(rows, key=lambda row: row.code[0])] if split else []
    letters = [(first, urls.receipt_register(batch.id, first), len(items)) for first, items in groups]
    context = {"batch": batch, "tallies": _tallies(batch, register), "letters": letters,
               "rows": [] if split else rows, "register_url": urls.receipt_register(batch.id),
               "receipts": len(rows), "rule": register.rule, "published_on": format_moment(register.published_at),
               "lookup": lookup}
    description = f"Mã biên nhận các ý kiến góp ý của đợt: {batch.title}."
    yield PageSpec(urls.receipt_register(batch.id), "receipt-register.html", f"{TITLE}: {batch.title}",
                   description, context=context, hide=("navigation", "toc"))
    for first, items in groups:
        shown = {**context, "rows": items, "first": first}
        yield PageSpec(urls.receipt_register(batch.id, first), "receipt-register.html",
                       f"{TITLE}: mã bắt đầu bằng {first} — {batch.title}", description, context=shown,
                       hide=("navigation", "toc"))


def _view(row: RegisterRow, names: dict[str, str], register: ReceiptRegister) -> RowView:
    reason = register.reason(row)
    return RowView(row.receipt, names.get(row.nominee, row.nominee), format_date(row.received), row.status_text,
                   row.counted, reason.text if reason else None)


def _tallies(batch: NominationBatch, register: ReceiptRegister) -> list[NomineeTally]:
    """Per nominee of the batch, in its order: the rows counted and the others (one pass over the rows)."""
    counted = register.counted_per_nominee()
    rows: dict[str, int] = {}
    for row in register.receipts:
        rows[row.nominee] = rows.get(row.nominee, 0) + 1
    return [NomineeTally(nominee.name, counted.get(nominee.id, 0), rows.get(nominee.id, 0) - counted.get(nominee.id, 0))
            for nominee in batch.nominees]


def register_links(catalogue: Catalogue) -> list[tuple[str, str]]:
    """(batch title, register page) of every published register, newest publication first."""
    registers = sorted(catalogue.receipt_registers.items(), key=lambda item: (item[1].published_at, item[0]),
                       reverse=True)
    return [(catalogue.batches[batch_id].title, urls.receipt_register(batch_id)) for batch_id, _ in registers]


def lookup_files(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    """(path, JSON text) per first two characters of the codes: each code's answer, in the service's words."""
    answers: dict[str, dict[str, dict[str, object]]] = {}
    for batch_id, register in sorted(catalogue.receipt_registers.items()):
        batch = catalogue.batches[batch_id]
        for row in register.receipts:
            answers.setdefault(row.receipt[:2], {})[row.receipt] = _answer(batch, row, register)
    for prefix, found in sorted(answers.items()):
        text = json.dumps(dict(sorted(found.items())), ensure_ascii=False, separators=(",", ":"))
        yield f"{urls.REGISTER_LOOKUP}{prefix}.json", text + "\n"


def _answer(batch: NominationBatch, row: RegisterRow, register: ReceiptRegister) -> dict[str, object]:
    """What the service's JSON look-up says of a receipt (the fields the page shows), and the register's row
    with, when it is not counted, why."""
    nominee = batch.nominee(row.nominee)
    state = published_state(row.status, row.counted, nominee is not None and nominee.outcome is not None)
    reason = register.reason(row)
    return {"receipt": row.receipt, "state": state.key, "state_text": state.text, "state_help": state.help,
            "batch_title": batch.title, "nominee_name": nominee.name if nominee else row.nominee,
            "received_on": format_date(row.received), "register_status": row.status_text,
            "counted": row.counted, "not_counted_reason": reason.text if reason else None,
            "register_url": urls.receipt_register(batch.id),
            "register_published_on": format_date(register.published_at)}
