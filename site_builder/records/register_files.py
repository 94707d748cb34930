"""Reading the published registers of receipts, ``<records>/_comment-register/<batch-id>.yml``.

Each file is a :class:`~site_builder.model.receipt_register.ReceiptRegister`,
checked like any record (file, line, field) and against what it must agree
with: the batch it names, that batch's nominees, and the published counts —
the rows it counts for each nominee must be the published figure, or the site
would show two numbers for one thing. A register therefore needs its batch's
counts file (both are written by one ``site-builder comments publish``).

A register may hold thousands of rows, and parsing them with line numbers is
the slow part: with the build's record cache, a register file unchanged since
the last build is not parsed again (the checks against the batch and the
counts, which are cheap, always run).
"""

from __future__ import annotations

from pathlib import Path

from site_builder.model.comment_counts import CommentCounts
from site_builder.model.i18n import gettext as _
from site_builder.model.receipt_register import ReceiptRegister

from .count_files import COUNTS_FOLDER
from .errors import RecordError, display_path, format_field_path
from .file_identity import RecordStore, record_key, text_digest
from .validation import validate_document
from .yamlsource import parse_yaml

REGISTER_FOLDER = "_comment-register"

Problem = tuple[tuple, str]


def load_receipt_registers(folder: Path, base: Path, batches: dict, counts: dict[str, CommentCounts],
                           cache: RecordStore | None = None) -> tuple[dict[str, ReceiptRegister], list[RecordError]]:
    """Every register file, checked against its batch and the batch's published counts."""
    found: dict[str, ReceiptRegister] = {}
    errors: list[RecordError] = []
    for path in sorted((folder / REGISTER_FOLDER).glob("*.y*ml")):
        shown = display_path(path, base)
        text = path.read_text(encoding="utf-8")
        key = record_key(ReceiptRegister, path.stem, text_digest(text))
        register = cache.get(key) if cache is not None else None
        if register is None:
            register, problems = _validate(text, shown)
            if register is None:
                errors.extend(problems)
                continue
        if cache is not None:
            cache.put(key, register)  # type: ignore[arg-type] - the cache keeps any validated model
        checked = _check(register, path, batches, counts)
        if checked:
            errors.extend(_located(text, shown, checked))
            continue
        batch = batches[register.batch]
        register.bind(text_digest(text + batch.digest), (batch.opens_at, batch.closes_at))
        found[register.batch] = register
    return found, errors


def _validate(text: str, shown: str) -> tuple[ReceiptRegister | None, list[RecordError]]:
    doc, problems = parse_yaml(text, shown)
    if doc is None:
        return None, problems
    return validate_document(ReceiptRegister, doc)


def _located(text: str, shown: str, problems: list[Problem]) -> list[RecordError]:
    """The problems at their lines (the file is parsed again: only when something is wrong)."""
    doc, _problems = parse_yaml(text, shown)
    return [RecordError(shown, *(doc.locate(where) if doc is not None else (1, 1)), format_field_path(where),
                        message) for where, message in problems]


def _check(register: ReceiptRegister, path: Path, batches: dict,
           counts: dict[str, CommentCounts]) -> list[Problem]:
    batch = batches.get(register.batch)
    if batch is None:
        return [(("batch",), _('no nomination batch has the id "{id}"').format(id=register.batch))]
    if path.stem != register.batch:
        return [(("batch",), _("the file must be named {name}").format(name=f"{register.batch}.yml"))]
    known = {nominee.id for nominee in batch.nominees}
    unknown = [(("receipts", number, "nominee"), _('"{nominee}" is not a nominee of batch "{batch}"').format(
        nominee=row.nominee, batch=register.batch)) for number, row in enumerate(register.receipts)
               if row.nominee not in known]
    return unknown or _agrees_with_counts(register, batch, counts.get(register.batch))


def _agrees_with_counts(register: ReceiptRegister, batch, counts: CommentCounts | None) -> list[Problem]:
    """The counted rows of each nominee are the figure the batch's page shows: the batch record's own
    figure when it gives one, else the published counts (a mere count, not frozen, will not do)."""
    where = f"{COUNTS_FOLDER}/{register.batch}.yml"
    if counts is None or counts.published_at is None:
        return [(("batch",), _("the batch has no published figures ({file}): publish the register and the "
                               "figures together with `site-builder comments publish`").format(file=where))]
    rows = register.counted_per_nominee()
    problems = [_nominee_differs(batch, counts, where, nominee, rows.get(nominee, 0))
                for nominee in sorted(set(rows) | set(counts.nominees) | _hand_written(batch))
                if rows.get(nominee, 0) != _shown(batch, counts, nominee)]
    return problems + _total_differs(batch, counts, where, sum(rows.values()), bool(problems))


def _hand_written(batch) -> set[str]:
    return {nominee.id for nominee in batch.nominees if nominee.comments_received is not None}


def _shown(batch, counts: CommentCounts, nominee_id: str) -> int:
    """The figure the batch's page shows for a nominee: the record's own, else the published one."""
    nominee = batch.nominee(nominee_id)
    if nominee is not None and nominee.comments_received is not None:
        return nominee.comments_received
    return counts.nominees.get(nominee_id, 0)


def _nominee_differs(batch, counts: CommentCounts, where: str, nominee_id: str, rows: int) -> Problem:
    """The register is frozen: a hand-written figure is what to correct, at its line; a published
    figure cannot be, and publishing again would write the same files."""
    if nominee_id in _hand_written(batch):
        index = next(i for i, nominee in enumerate(batch.nominees) if nominee.id == nominee_id)
        return (("receipts",), _('nominee "{nominee}": the register counts {rows} comment(s) but comments_received '
                                 "of this nominee, written by hand at {file}:{line}, says {figure}: write {rows} "
                                 "there (the published register cannot change)").format(
            nominee=nominee_id, rows=rows, file=batch.source, line=_line(batch, ("nominees", index,
                                                                              "comments_received")),
            figure=_shown(batch, counts, nominee_id)))
    return (("receipts",), _('nominee "{nominee}": the register counts {rows} comment(s) but the published '
                             "figures ({file}) say {figure}").format(
        nominee=nominee_id, rows=rows, file=where, figure=counts.nominees.get(nominee_id, 0)))


def _total_differs(batch, counts: CommentCounts, where: str, rows: int, nominees_differ: bool) -> list[Problem]:
    """The batch's total: a hand-written one is always checked (nothing else says it is wrong); the
    published one only when no nominee's figure already explains the difference."""
    if batch.comments_received is not None and rows != batch.comments_received:
        return [(("receipts",), _("the register counts {rows} comment(s) in all but comments_received of the "
                                  "batch, written by hand at {file}:{line}, says {total}: write {rows} there (the "
                                  "published register cannot change)").format(
            rows=rows, file=batch.source, line=_line(batch, ("comments_received",)), total=batch.comments_received))]
    if batch.comments_received is None and not nominees_differ and rows != counts.total:
        return [(("receipts",), _("the register counts {rows} comment(s) in all but the published total "
                                  "({file}) is {total}").format(rows=rows, file=where, total=counts.total))]
    return []


def _line(batch, where: tuple) -> int:
    """The line of a field of the batch's file (parsed again: only when something is wrong)."""
    doc, _problems = parse_yaml(batch.path.read_text(encoding="utf-8"), batch.source)
    return doc.locate(where)[0] if doc is not None else 1
