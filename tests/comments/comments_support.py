"""Factories for the comment-service tests: small batches in YAML, valid comments, a clock."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from site_builder.model.vntime import VIETNAM

POSTGRES_ENV = "COMMENTS_TEST_POSTGRES_URL"
NO_POSTGRES_ENV = "SITE_BUILDER_NO_POSTGRES"

ORIGIN = "https://thiduakhenthuong.example.gov.vn"
OPEN = "dang-lay-y-kien"
UPCOMING = "sap-lay-y-kien"
CLOSED = "da-het-han"
NOMINEE = "htx-hai-dong"
OTHER_NOMINEE = "truong-tieu-hoc-kim-dong"
# Inside the open batch's period (01/11/2026 to 30/11/2026 17:00).
DEFAULT_NOW = datetime(2026, 11, 20, 10, 0, tzinfo=VIETNAM)

_BATCH = """\
title: {title}
award: Huân chương Lao động
proposed_by: Ủy ban nhân dân tỉnh Ninh Bình
decided_by: Chủ tịch nước
legal_basis:
  - Nghị định số 98/2023/NĐ-CP, Điều 46
opens: {opens}
closes: {closes}
contact:
  email: thiduakhenthuong@example.gov.vn
nominees:
  - id: {nominee}
    kind: collective
    name: Hợp tác xã Nông nghiệp Hải Đông
    place:
      province: Ninh Bình
    award: Huân chương Lao động hạng Ba
    summary: Dẫn đầu phong trào xây dựng cánh đồng mẫu lớn.
  - id: {other}
    kind: collective
    name: Trường Tiểu học Kim Đồng
    place:
      province: Ninh Bình
    award: Huân chương Lao động hạng Ba
    summary: Nhiều năm liền đạt danh hiệu Tập thể lao động xuất sắc.
"""


def write_batch(records: Path, batch_id: str, opens: str, closes: str,
                title: str = "Lấy ý kiến nhân dân về đề nghị tặng Huân chương Lao động") -> Path:
    """One nomination batch with two collective nominees, as staff would write it."""
    folder = records / "nominations"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{batch_id}.yml"
    path.write_text(_BATCH.format(title=title, opens=opens, closes=closes, nominee=NOMINEE,
                                  other=OTHER_NOMINEE), encoding="utf-8")
    return path


def write_records(records: Path) -> Path:
    """Three batches: one open, one upcoming, one closed at :data:`DEFAULT_NOW`."""
    write_batch(records, OPEN, "01/11/2026", "30/11/2026 17:00")
    write_batch(records, UPCOMING, "01/12/2026", "15/12/2026")
    write_batch(records, CLOSED, "01/10/2026", "31/10/2026")
    return records


def comment(**overrides: object) -> dict[str, object]:
    """A valid comment on the open batch; ``None`` values remove a field."""
    data: dict[str, object] = {
        "batch": OPEN,
        "nominee": NOMINEE,
        "name": "Nguyễn Văn Thành",
        "contact": "0912 345 678",
        "address": "Thôn Đông, xã Hải Hậu, tỉnh Ninh Bình",
        "text": "Tôi là xã viên, xác nhận hợp tác xã đã giúp bà con tiêu thụ lúa với giá ổn định.",
        "consent": True,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def distinct(**overrides: object) -> dict[str, object]:
    """A valid comment whose text no other comment has: not a resend of an earlier one."""
    text = f"Tôi xác nhận thành tích của hợp tác xã (ý kiến {uuid.uuid4().hex[:8]})."
    return comment(**{"text": text, **overrides})


def form(**overrides: object) -> dict[str, str]:
    """The same comment as a browser posts it: strings only, a ticked checkbox is ``on``."""
    data = comment(consent="on", **overrides)
    return {key: str(value) for key, value in data.items()}


@dataclass
class Clock:
    """A clock the tests move by hand; the app reads it through ``Settings.clock``."""

    now: datetime = field(default=DEFAULT_NOW)

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@contextmanager
def fresh_database(kind: str, folder: Path) -> Iterator[str]:
    """The URL of an empty register: an SQLite file in ``folder``, or a PostgreSQL schema of its own
    on the server of ``COMMENTS_TEST_POSTGRES_URL`` (dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'comments.sqlite3'}"
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.fail(f"{POSTGRES_ENV} is not set, so the PostgreSQL half of the suite cannot run. "
                    f"Start a server with: export {POSTGRES_ENV}=\"$(.ci/start-postgres)\" — or, for a "
                    f"local run without PostgreSQL, set {NO_POSTGRES_ENV}=1.", pytrace=False)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


BOARD_EMAIL = "bantdkt@example.gov.vn"
BOARD_FULL_NAME = "Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Thử Nghiệm"
_SITE_CONFIG = f"""\
site_name: Thử
site_url: {ORIGIN}/
plugins:
  - search
  - site_builder:
      board:
        name: Ban Thi đua – Khen thưởng
        parent: Sở Nội vụ tỉnh Thử Nghiệm
        address: Số 9 phố Thử, tỉnh Thử Nghiệm
        phone: 0229 111 222
        email: {BOARD_EMAIL}
        responsible: Trưởng ban
"""


def write_site_config(folder: Path) -> Path:
    """A ``mkdocs.yml`` with the board (``BOARD_FULL_NAME``, ``BOARD_EMAIL``) and ``site_url``."""
    path = folder / "mkdocs.yml"
    path.write_text(_SITE_CONFIG, encoding="utf-8")
    return path
