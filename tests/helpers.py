"""Factories for records and small sites written into a temporary folder."""

from __future__ import annotations

import textwrap
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SAMPLE_NOW = "2026-11-25T12:00"
# Where the comment form of the repository's site posts in tests that never send it.
UNUSED_COMMENTS_URL = "http://127.0.0.1:9/y-kien"


def sample_environment(cache: Path) -> dict[str, str]:
    """The variables the sample site is built with: as if at SAMPLE_NOW (Vietnam time), for the
    plugin and for the engine (the date it gives pages in the sitemap), with its cache in
    ``cache``."""
    from site_builder.model.vntime import VIETNAM

    moment = datetime.fromisoformat(SAMPLE_NOW).replace(tzinfo=VIETNAM)
    return {"SITE_BUILDER_NOW": SAMPLE_NOW, "SOURCE_DATE_EPOCH": str(int(moment.timestamp())),
            "SITE_BUILDER_CACHE_DIR": str(cache)}


# The plugin's `board:` settings, indented to sit under `- site_builder:` in a test's mkdocs.yml.
BOARD = """\
      board:
        name: Ban Thi đua – Khen thưởng
        parent: Sở Nội vụ tỉnh Ninh Bình
        address: Số 1 đường Lê Hồng Phong, phường Hoa Lư, tỉnh Ninh Bình
        phone: 0229 3871 000
        email: thiduakhenthuong@example.gov.vn
        responsible: Trưởng ban
"""

CAMPAIGN = """\
name: Cả nước chung sức xây dựng nông thôn mới
scope: national
launched_by: Thủ tướng Chính phủ
launch_document:
  number: 1620/QĐ-TTg
  date: 20/09/2011
starts: 20/09/2011
summary: Phong trào huy động toàn dân chung sức xây dựng nông thôn mới.
description: Mô tả phong trào.
"""

EXEMPLAR = """\
kind: individual
name: Nguyễn Thị Hoà
position: Chủ nhiệm Hợp tác xã
unit: Hợp tác xã Nông nghiệp Hải Đông
place:
  province: Nam Định
  commune: xã Hải Đông
sector: Nông nghiệp
summary: Nữ chủ nhiệm hợp tác xã giúp hơn 600 hộ xã viên tăng thu nhập.
story: |
  Câu chuyện của chị Hoà.

  ## Dồn điền, đổi thửa

  Chị vận động xã viên dồn điền, đổi thửa.
honours:
  - award: Bằng khen của Thủ tướng Chính phủ
    decision:
      number: 612/QĐ-TTg
      date: 12/05/2021
      issued_by: Thủ tướng Chính phủ
campaigns: [nong-thon-moi]
published: 15/06/2021
"""

BATCH = """\
title: Lấy ý kiến nhân dân về đề nghị tặng Huân chương Lao động
award: Huân chương Lao động
proposed_by: Ủy ban nhân dân tỉnh Ninh Bình
decided_by: Chủ tịch nước
legal_basis:
  - Nghị định số 98/2023/NĐ-CP
opens: 02/11/2026
closes: 16/11/2026
contact:
  email: thiduakhenthuong@example.gov.vn
nominees:
  - id: nguyen-thi-hoa
    kind: individual
    name: Nguyễn Thị Hoà
    position: Chủ nhiệm Hợp tác xã
    unit: Hợp tác xã Nông nghiệp Hải Đông
    place:
      province: Ninh Bình
    award: Huân chương Lao động hạng Ba
    summary: Có nhiều đóng góp cho hợp tác xã.
    exemplar: nguyen-thi-hoa
"""


def write(folder: Path, relative: str, text: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def write_records(folder: Path, *, exemplar: str = EXEMPLAR, campaign: str = CAMPAIGN,
                  batch: str = BATCH) -> Path:
    """A minimal valid records folder: one exemplar, one campaign, one batch."""
    records = folder / "exemplars"
    write(records, "ca-nhan/nguyen-thi-hoa.yml", exemplar)
    write(records, "campaigns/nong-thon-moi.yml", campaign)
    write(records, "nominations/dot-1.yml", batch)
    return records


def write_site(folder: Path, now: str = "2026-11-10T12:00", **records: str) -> Path:
    """A small site using the project's theme, built as if at ``now`` (Vietnam time).

    Returns the path of its mkdocs.yml.
    """
    write_records(folder, **records)
    write(folder, "content/index.md", "---\ntemplate: records/home.html\n---\n\n# Trang chủ\n")
    config = f"""\
site_name: Thử nghiệm
site_url: https://example.gov.vn/
docs_dir: content
theme:
  name: material
  custom_dir: {REPO / "theme"}
  language: vi
  font: false
plugins:
  - site_builder:
      records_dir: exemplars
      page_size: 2
      build_time: "{now}"
"""
    return write(folder, "mkdocs.yml", config)
