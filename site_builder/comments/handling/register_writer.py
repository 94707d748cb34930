"""The file of a batch's public register of receipts, ``<records>/_comment-register/<batch>.yml``.

Written by :func:`site_builder.comments.handling.figures.publish_figures` from the
rows frozen in the register, read by the site build
(:mod:`site_builder.records.register_files`). One row per line, sorted by
receipt code, so that a commit shows exactly what was published and the same
frozen rows always make the same file. Nothing personal is in it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml

from site_builder.comments.store.comment_handling import PublishedReceipt
from site_builder.comments.store.register import COUNTING_RULE
from site_builder.records.register_files import REGISTER_FOLDER

_HEADER = (
    "# Sổ ý kiến công khai: mỗi dòng là một ý kiến (mã biên nhận, người được đề nghị, ngày nhận, tình trạng\n"
    "# xử lý, có được tính hay không). Không có họ tên, liên hệ hay nội dung của người góp ý.\n"
    "# Tạo bởi `site-builder comments publish`; không sửa tay.\n"
)


def register_path(records: Path, batch_id: str) -> Path:
    """Where the site build reads a batch's register."""
    return records / REGISTER_FOLDER / f"{batch_id}.yml"


def register_document(batch_id: str, rows: list[PublishedReceipt], published_at: datetime) -> dict[str, object]:
    """``{"batch", "published_at", "rule", "receipts": [...]}``, the rows by receipt code."""
    receipts = [{"receipt": row.receipt, "nominee": row.nominee, "received": row.received.isoformat(),
                 "status": row.status, "counted": row.counted} for row in sorted(rows, key=lambda r: r.receipt)]
    return {"batch": batch_id, "published_at": published_at.isoformat(timespec="seconds"),
            "rule": COUNTING_RULE, "receipts": receipts}


def write_register(path: Path, document: dict[str, object]) -> None:
    """YAML, each row a one-line mapping."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
    path.write_text(_HEADER + body, encoding="utf-8")
