"""Counts of comments per nominee, as a file staff commit so the site can show them.

The file lives next to the records, in ``<records>/_comment-counts/<batch>.yml``
(the loader skips folders starting with ``_``). The site build reads it to show
"Đã nhận N ý kiến" on a closed batch's page. Which comments count is said in
the file itself (``rule``): those received within the period, spam and
duplicates left out (:data:`site_builder.comments.store.register.COUNTED`).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import yaml

from site_builder.comments.store.register import COUNTING_RULE
from site_builder.records.count_files import COUNTS_FOLDER  # noqa: F401 - where the build reads them

_YAML_HEADER = (
    "# Số ý kiến nhân dân đã nhận cho từng tập thể, cá nhân (quy tắc tính: xem dòng rule).\n"
    "# Tạo bởi `site-builder comments counts --output`; không sửa tay.\n"
)


def counts_document(batch: str, nominee_ids: list[str], counted: dict[str, int],
                    now: datetime, published_at: datetime | None = None) -> dict[str, object]:
    """``{"batch", "counted_at", "total", "nominees": {id: n}, "rule"}``, every nominee listed, zeros too.

    ``published_at`` is set for the frozen figures of :mod:`site_builder.comments.handling.figures`.
    """
    # Comments about a nominee no longer in the record still count, listed after the others.
    ids = nominee_ids + sorted(set(counted) - set(nominee_ids))
    nominees = {nominee: counted.get(nominee, 0) for nominee in ids}
    document: dict[str, object] = {"batch": batch, "counted_at": now.isoformat(timespec="seconds"),
                                   "total": sum(counted.values()), "nominees": nominees, "rule": COUNTING_RULE}
    if published_at is not None:
        document["published_at"] = published_at.isoformat(timespec="seconds")
    return document


def write_counts(path: Path, document: dict[str, object]) -> None:
    """JSON when the file name ends in ``.json``, YAML otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, default_flow_style=False)
    path.write_text(_YAML_HEADER + body, encoding="utf-8")


def render_table(document: dict[str, object]) -> str:
    """Counts as a plain text table for the terminal."""
    nominees: dict[str, int] = document["nominees"]  # type: ignore[assignment]
    width = max([len(nominee) for nominee in nominees] + [len("total")])
    lines = [f"{nominee:<{width}}  {count:>6}" for nominee, count in nominees.items()]
    lines.append(f"{'total':<{width}}  {document['total']:>6}")
    return "\n".join(lines)
