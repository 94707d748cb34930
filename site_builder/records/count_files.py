"""Reading the published comment counts, ``<records>/_comment-counts/<batch-id>.yml``.

Each file is a :class:`~site_builder.model.comment_counts.CommentCounts`,
checked against the batch it names; problems are reported with file and line
like any record's.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.model.comment_counts import CommentCounts
from site_builder.model.i18n import gettext as _

from .errors import RecordError, display_path
from .validation import validate_document
from .yamlsource import parse_yaml

COUNTS_FOLDER = "_comment-counts"


def load_comment_counts(folder: Path, base: Path, batches: dict) -> tuple[dict[str, CommentCounts], list[RecordError]]:
    """Every counts file, checked against the batches it names."""
    found: dict[str, CommentCounts] = {}
    errors: list[RecordError] = []
    for path in sorted((folder / COUNTS_FOLDER).glob("*.y*ml")):
        shown = display_path(path, base)
        doc, problems = parse_yaml(path.read_text(encoding="utf-8"), shown)
        if doc is None:
            errors.extend(problems)
            continue
        counts, problems = validate_document(CommentCounts, doc)
        if counts is None:
            errors.extend(problems)
            continue
        problems = _check(counts, path, batches)
        errors.extend(RecordError(shown, *doc.locate(where), ".".join(map(str, where)), message)
                      for where, message in problems)
        if not problems:
            found[counts.batch] = counts
    return found, errors


def _check(counts: CommentCounts, path: Path, batches: dict) -> list[tuple[tuple, str]]:
    batch = batches.get(counts.batch)
    if batch is None:
        return [(("batch",), _('no nomination batch has the id "{id}"').format(id=counts.batch))]
    if path.stem != counts.batch:
        return [(("batch",), _("the file must be named {name}").format(name=f"{counts.batch}.yml"))]
    known = {nominee.id for nominee in batch.nominees}
    return [(("nominees", nominee_id), _('"{nominee}" is not a nominee of batch "{batch}"').format(
        nominee=nominee_id, batch=counts.batch))
            for nominee_id in counts.nominees if nominee_id not in known]
