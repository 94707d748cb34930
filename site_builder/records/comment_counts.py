"""Published comment counts: ``<records>/_comment-counts/<batch-id>.yml``.

Written by ``site-builder comments counts --output`` and committed by staff; the
build shows them on the batch's page as "Đã nhận N ý kiến". A count written in
the batch record itself (``comments_received``) takes precedence.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

from pydantic import Field

from site_builder.model.fields import Slug, Strict

from .errors import RecordError, display_path
from .validation import validate_document
from .yamlsource import parse_yaml

COUNTS_FOLDER = "_comment-counts"

Count = Annotated[int, Field(ge=0)]


class CommentCounts(Strict):
    """How many comments each nominee of a batch received (spam not counted)."""

    batch: Slug = Field(description="The batch id; must be the file's name.")
    counted_at: datetime = Field(description="When the register was counted (ISO 8601).")
    total: Count = Field(description="Comments received for the whole batch.")
    nominees: dict[str, Count] = Field(description="Comments received per nominee id.")


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
        return [(("batch",), f'no nomination batch has the id "{counts.batch}"')]
    if path.stem != counts.batch:
        return [(("batch",), f'the file must be named {counts.batch}.yml')]
    known = {nominee.id for nominee in batch.nominees}
    return [(("nominees", nominee_id), f'"{nominee_id}" is not a nominee of batch "{counts.batch}"')
            for nominee_id in counts.nominees if nominee_id not in known]
