"""Hostile records: every text field of every record kind holds an HTML/JS payload.

Used by ``tests/test_hostile.py`` (validation and the built HTML) and
``tests/browser/test_hostile_pages.py`` (what Chromium runs and shows). Each
payload that could run calls ``alert("xss-<name>")`` or loads ``/xss-<name>``,
so a dialog or a request names the payload that got through.
"""

from __future__ import annotations

import copy
import functools
import io
import json
from collections.abc import Iterator
from pathlib import Path

import yaml
from PIL import Image

PAYLOADS: dict[str, str] = {
    "script": '<script>alert("xss-script")</script>',
    "img-onerror": 'ảnh <img src=/xss-img-onerror onerror=alert("xss-img-onerror")>',
    "svg-onload": 'tên "><svg onload=alert("xss-svg-onload")>',
    "attribute-breakout": "' \" onmouseover=alert(\"xss-attribute\") data-x=\"",
    "javascript-link": '<a href="javascript:alert(\'xss-javascript-link\')">bấm vào đây</a>',
    "markdown-link": '[bấm vào đây](javascript:alert("xss-markdown-link")) và ![ảnh](javascript:alert("xss-md-img"))',
    "markdown-image-breakout": '![x](/xss-md-breakout" onerror="alert(\'xss-md-breakout\'))',
    "iframe": "<iframe src=\"javascript:alert('xss-iframe')\"></iframe><object data=\"/xss-object\"></object>",
    "close-tags": '</textarea></title></style></script><script>alert("xss-close-tags")</script>',
    "meta-base": '<meta http-equiv="refresh" content="0;url=/xss-meta"><base href="https://evil.example/">',
    "form": '<form action="https://evil.example/xss-form"><button>Gửi</button></form><input autofocus onfocus=alert("xss-form")>',
    "style": '<style>body{display:none}</style><div style="position:fixed;inset:0;background:url(/xss-style)">che</div>',
    "mutation": '<math><mtext><table><mglyph><style><img src=/xss-mutation onerror=alert("xss-mutation")>',
    "broken-markup": "<div><p>không đóng <b>thẻ <i>nghiêng <!-- chú thích ]]> <![CDATA[ x ]]> &amp &lt;b&gt;",
    "template": "{{ config.extra }} {% include 'base.html' %} ${alert('xss-template')} #{7*7}",
    # Within the 300 characters of short fields, yet far wider than a phone.
    "long-word": "Rất" + "dài" * 80,
    "long-address": "https://example.gov.vn/" + "duong-dan-rat-dai/" * 12,
    "rtl-override": "\u202eNguyễn Văn An\u202c \u2067cộng\u2069 \u200f‏",
    "zero-width": "Ngu\u200byễn\u200c Văn\u200d An\ufeff\u2060",
    "entities": "&lt;script&gt;alert('xss-entities')&lt;/script&gt; &#60;img&#62;",
}

# The board's identity (the plugin's board option) is printed on every page: hostile too.
HOSTILE_BOARD = {
    "name": PAYLOADS["script"], "parent": PAYLOADS["svg-onload"], "address": PAYLOADS["attribute-breakout"],
    "phone": PAYLOADS["javascript-link"], "email": PAYLOADS["close-tags"], "responsible": PAYLOADS["img-onerror"],
}

# Payloads for the fields that must be web addresses: still addresses to the validator.
URL_PAYLOADS: dict[str, str] = {
    "url-breakout": 'https://example.gov.vn/"><script>alert("xss-url-breakout")</script>',
    "url-javascript": "javascript:alert('xss-url-javascript')",
    "url-data": "data:text/html,<script>alert('xss-url-data')</script>",
}

# Values that must keep their meaning (ids, dates, kinds, provinces, files): never poisoned.
FIXED_KEYS = {"kind", "province", "date", "published", "updated", "starts", "ends", "opens", "closes", "file",
              "url", "id", "exemplar", "campaigns", "scope", "result", "priority_groups", "aliases",
              "closes_after_working_days", "comments_received"}

EXEMPLAR = """\
kind: individual
name: Nguyễn Thị Hoà
position: Chủ nhiệm Hợp tác xã
unit: Hợp tác xã Nông nghiệp Hải Đông
ethnicity: Kinh
place:
  province: Nam Định
  district: huyện Hải Hậu
  commune: xã Hải Đông
sector: Nông nghiệp
priority_groups: [farmer]
summary: Nữ chủ nhiệm hợp tác xã giúp hơn 600 hộ xã viên tăng thu nhập.
story: |
  Câu chuyện của chị Hoà.

  ## Dồn điền, đổi thửa

  Chị vận động xã viên dồn điền, đổi thửa.
honours:
  - award: Bằng khen của Thủ tướng Chính phủ
    grade: hạng Nhất
    decision:
      number: 612/QĐ-TTg
      date: 12/05/2021
      issued_by: Thủ tướng Chính phủ
  - award: Huân chương Lao động
    grade: hạng Ba
    decision:
      number: 100/QĐ-CTN
      date: 01/02/2022
      issued_by: Chủ tịch nước
    revoked:
      number: 200/QĐ-CTN
      date: 01/03/2023
      issued_by: Chủ tịch nước
      reason: Kê khai thành tích không đúng.
campaigns: [phong-trao]
photos:
  - file: photos/anh.png
    alt: Chị Hoà trên cánh đồng lúa
    caption: Cánh đồng mẫu lớn.
    credit: "Ảnh: Ban Thi đua – Khen thưởng"
sources:
  - title: Quyết định tặng Bằng khen
    url: https://example.gov.vn/van-ban/612
published: 15/06/2021
"""

CAMPAIGN = """\
name: Cả nước chung sức xây dựng nông thôn mới
scope: national
launched_by: Thủ tướng Chính phủ
launch_document:
  number: 1620/QĐ-TTg
  date: 20/09/2011
  title: Kế hoạch tổ chức phong trào thi đua
starts: 20/09/2011
summary: Phong trào huy động toàn dân chung sức xây dựng nông thôn mới.
description: |
  Mô tả phong trào.

  - Mục một
goals:
  - Mục tiêu thứ nhất
"""

BATCH = """\
title: Lấy ý kiến nhân dân về đề nghị tặng Huân chương Lao động
award: Huân chương Lao động
proposed_by: Ủy ban nhân dân tỉnh Ninh Bình
decided_by: Chủ tịch nước
legal_basis:
  - Nghị định số 98/2023/NĐ-CP
introduction: |
  Thông báo lấy ý kiến nhân dân.
opens: {opens}
closes: {closes}
contact:
  officer: Ông Trần Văn Bình, chuyên viên
  address: Số 1 đường Trần Hưng Đạo, Ninh Bình
  email: thiduakhenthuong@example.gov.vn
  phone: 0229 3871 234
attachment:
  file: docs/thong-bao.pdf
  title: Thông báo số 12/TB-BTĐKT
nominees:
  - id: nguyen-thi-hoa
    kind: individual
    name: Nguyễn Thị Hoà
    position: Chủ nhiệm Hợp tác xã
    unit: Hợp tác xã Nông nghiệp Hải Đông
    place:
      province: Ninh Bình
      commune: xã Hải Đông
    award: Huân chương Lao động hạng Ba
    summary: |
      Có nhiều đóng góp cho hợp tác xã.

      - Năm 2024: hoàn thành xuất sắc nhiệm vụ.
    exemplar: {exemplar}
    attachment:
      file: docs/bao-cao.pdf
      title: Báo cáo thành tích
{outcome}"""

OUTCOME = """\
    outcome:
      result: awarded
      decision:
        number: 300/QĐ-CTN
        date: 10/01/2026
        issued_by: Chủ tịch nước
      note: Đã được khen thưởng.
"""


def poison(data: object, payload: str, key: str | None = None) -> object:
    """``data`` with the payload added to every free-text value (ids, dates, files kept)."""
    if isinstance(data, dict):
        return {name: poison(value, payload, name) for name, value in data.items()}
    if isinstance(data, list):
        return [poison(item, payload, key) for item in data]
    if isinstance(data, str) and key not in FIXED_KEYS:
        return f"{data} {payload}"
    return data


def text_fields(data: object, path: tuple = ()) -> Iterator[tuple]:
    """The path of every free-text value of ``data``."""
    if isinstance(data, dict):
        for name, value in data.items():
            if name not in FIXED_KEYS or isinstance(value, (dict, list)):
                yield from text_fields(value, (*path, name))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from text_fields(item, (*path, index))
    elif isinstance(data, str):
        yield path


def with_value(data: object, path: tuple, value: str) -> object:
    """A copy of ``data`` with the value at ``path`` replaced."""
    data = copy.deepcopy(data)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def base_records(exemplar_id: str = "nguyen-thi-hoa") -> dict[str, dict]:
    """The three record kinds, valid and complete, as data."""
    return {
        "exemplar": yaml.safe_load(EXEMPLAR),
        "campaign": yaml.safe_load(CAMPAIGN),
        "open batch": yaml.safe_load(BATCH.format(opens="01/01/2026", closes="31/12/2099", exemplar=exemplar_id,
                                                  outcome="")),
        "closed batch": yaml.safe_load(BATCH.format(opens="01/01/2025", closes="31/01/2025", exemplar=exemplar_id,
                                                    outcome=OUTCOME)),
    }


def dump(data: object) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                     sort_keys=False, width=1000)


def write_files(records: Path) -> None:
    """The photo and documents the records refer to."""
    (records / "photos").mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 160, 40)).save(buffer, format="PNG")
    (records / "photos" / "anh.png").write_bytes(buffer.getvalue())
    (records / "docs").mkdir(parents=True, exist_ok=True)
    for name in ("thong-bao.pdf", "bao-cao.pdf"):
        (records / "docs" / name).write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def slug(name: str) -> str:
    return name.replace("_", "-")


def write_hostile_records(records: Path, payloads: dict[str, str] = PAYLOADS) -> dict[str, list[str]]:
    """One exemplar, campaign and two batches (open, closed) per payload, every text field poisoned.

    Returns the ids written per kind.
    """
    write_files(records)
    written: dict[str, list[str]] = {"exemplar": [], "campaign": [], "batch": []}
    for name, payload in payloads.items():
        exemplar_id, campaign_id = f"doc-{slug(name)}", f"phong-trao-{slug(name)}"
        base = base_records(exemplar_id)
        exemplar = poison(base["exemplar"], payload)
        exemplar["campaigns"] = [campaign_id]
        # The other URL payloads are refused by validation (tests/test_hostile.py).
        exemplar["sources"].append({"title": f"Nguồn {payload}", "url": URL_PAYLOADS["url-breakout"]})
        _write(records / "ca-nhan" / f"{exemplar_id}.yml", exemplar)
        _write(records / "campaigns" / f"{campaign_id}.yml", poison(base["campaign"], payload))
        for batch_kind, prefix in (("open batch", "dot-mo"), ("closed batch", "dot-dong")):
            batch_id = f"{prefix}-{slug(name)}"
            _write(records / "nominations" / f"{batch_id}.yml", poison(base[batch_kind], payload))
            written["batch"].append(batch_id)
        written["exemplar"].append(exemplar_id)
        written["campaign"].append(campaign_id)
    return written


def _write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(data), encoding="utf-8")


NEWS_POST = """\
---
date: 2026-01-15
campaigns:
  - {campaign}
description: Tin có mã độc {payload_inline}
---

# Tin tức thử nghiệm {payload_inline}

{payload}

<script>alert("xss-news-script")</script>
<img src="/xss-news-img" onerror="alert('xss-news-img')">
<a href="javascript:alert('xss-news-link')">liên kết</a>

Đoạn văn có từ rất dài: {long_word}
"""


def write_hostile_site(folder: Path, repo: Path, now: str = "2026-11-25T12:00") -> Path:
    """A whole site (home, news with Material's blog, records) built from hostile records.

    Returns the path of its mkdocs.yml.
    """
    records = folder / "exemplars"
    written = write_hostile_records(records)
    content = folder / "content"
    (content / "tin-tuc" / "posts").mkdir(parents=True, exist_ok=True)
    (content / "index.md").write_text("---\ntemplate: records/home.html\n---\n\n# Trang chủ\n", encoding="utf-8")
    (content / "tin-tuc" / "index.md").write_text("# Tin tức\n", encoding="utf-8")
    (content / "tin-tuc" / "posts" / "tin-doc.md").write_text(NEWS_POST.format(
        campaign=written["campaign"][0], payload=PAYLOADS["img-onerror"] + "\n\n" + PAYLOADS["markdown-link"],
        payload_inline="<b>đậm</b> \u202e", long_word=PAYLOADS["long-word"]), encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(f"""\
site_name: Thử nghiệm
site_url: https://example.gov.vn/
docs_dir: content
theme:
  name: material
  custom_dir: {repo / "theme"}
  language: vi
  font: false
  features: [navigation.tabs, navigation.instant]
plugins:
  - blog:
      blog_dir: tin-tuc
      post_date_format: dd/MM/yyyy
      post_url_format: "{{slug}}"
      post_slugify: !!python/name:site_builder.model.text.slugify_for_url
      post_readtime: false
  - site_builder:
      records_dir: exemplars
      page_size: 5
      build_time: "{now}"
      comments_url: http://127.0.0.1:9/y-kien
      cache_dir: {folder / ".cache"}
      board: {json.dumps(HOSTILE_BOARD, ensure_ascii=False)}
nav:
  - Trang chủ: index.md
  - Điển hình tiên tiến: dien-hinh/index.md
  - Lấy ý kiến nhân dân: lay-y-kien/index.md
  - Phong trào thi đua: phong-trao/index.md
  - Tin tức: tin-tuc/index.md
  - Tìm kiếm: tim-kiem/index.md
validation:
  nav:
    omitted_files: ignore
""", encoding="utf-8")
    return config


@functools.cache
def built_hostile_site(folder: Path, repo: Path) -> Path:
    """Build the hostile site once per test session (both test files share it); returns the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder.mkdir(parents=True, exist_ok=True)
    config = write_hostile_site(folder, repo)
    build(load_config(config_file=str(config), site_dir=str(folder / "site"), strict=True))
    return folder / "site"
