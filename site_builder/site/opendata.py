"""Open data: the public records as JSON and CSV, each with a JSON Schema.

Rows are pydantic models, so the published schemas come from the same
definitions as the data (never hand-copied). CSV is UTF-8 with a BOM so that
Excel shows Vietnamese text correctly. Only what the site publishes is here:
never anything about commenters. The published registers of receipts are a
dataset too: one row per comment (code, nominee id, day, status, counted, why not) —
the names of batches and nominees are in the nominations dataset, joined on
``batch`` and ``nominee``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, TypeAdapter

from site_builder.model import urls
from site_builder.model.campaign import Campaign
from site_builder.model.catalogue import Catalogue
from site_builder.model.exemplar import Exemplar
from site_builder.model.nomination import NominationBatch
from site_builder.model.receipt_register import STATUS_WORDS, ReceiptRegister, RegisterRow
from site_builder.model.uncounted_reasons import KEYS as REASON_KEYS

from .keeping import Kept
from .sharing import absolute
from .specs import PageSpec

DATA = "data/"


class HonourRow(BaseModel):
    award: str = Field(description="Danh hiệu, hình thức khen thưởng.")
    grade: str | None = Field(None, description="Hạng (nếu có).")
    decision_number: str = Field(description="Số quyết định.")
    decision_date: date = Field(description="Ngày quyết định (ISO 8601).")
    issued_by: str = Field(description="Cơ quan, người ký quyết định.")
    revoked: bool = Field(description="Đã bị huỷ bỏ hay chưa.")
    revoked_by_decision: str | None = Field(None, description="Số quyết định huỷ bỏ (nếu có).")


class ExemplarRow(BaseModel):
    id: str = Field(description="Mã định danh, cũng là địa chỉ trang.")
    url: str = Field(description="Địa chỉ trang điển hình.")
    kind: str = Field(description="individual (cá nhân) hoặc collective (tập thể).")
    name: str = Field(description="Họ tên hoặc tên tập thể.")
    position: str | None = Field(None, description="Chức vụ.")
    unit: str | None = Field(None, description="Đơn vị công tác.")
    ethnicity: str | None = Field(None, description="Dân tộc.")
    province: str = Field(description="Tỉnh, thành phố (tên tại thời điểm giới thiệu).")
    province_current: str = Field(description="Tỉnh, thành phố hiện nay (từ 01/07/2025).")
    district: str | None = Field(None, description="Huyện (trước 01/07/2025).")
    commune: str | None = Field(None, description="Xã, phường, đặc khu.")
    sector: str = Field(description="Lĩnh vực.")
    priority_groups: list[str] = Field(description="Đối tượng ưu tiên khen thưởng.")
    summary: str = Field(description="Tóm tắt (tối đa 60 từ).")
    honours: list[HonourRow] = Field(description="Danh hiệu, hình thức khen thưởng đã nhận.")
    campaigns: list[str] = Field(description="Mã các phong trào thi đua.")
    published: date = Field(description="Ngày đăng.")
    updated: date | None = Field(None, description="Ngày cập nhật.")


class NomineeRow(BaseModel):
    batch: str = Field(description="Mã đợt lấy ý kiến.")
    batch_title: str = Field(description="Tên đợt lấy ý kiến.")
    opens: datetime = Field(description="Bắt đầu nhận ý kiến (giờ Việt Nam, ISO 8601).")
    closes: datetime = Field(description="Hết hạn nhận ý kiến (giờ Việt Nam, ISO 8601).")
    nominee: str = Field(description="Mã người, tập thể được đề nghị (duy nhất trong đợt).")
    url: str = Field(description="Địa chỉ mục của người, tập thể trên trang đợt lấy ý kiến.")
    kind: str = Field(description="individual hoặc collective.")
    name: str = Field(description="Họ tên hoặc tên tập thể.")
    position: str | None = Field(None, description="Chức vụ.")
    unit: str | None = Field(None, description="Đơn vị công tác.")
    province: str = Field(description="Tỉnh, thành phố.")
    award: str = Field(description="Hình thức khen thưởng đề nghị.")
    summary: str = Field(description="Tóm tắt thành tích.")
    exemplar: str | None = Field(None, description="Mã trang điển hình liên quan (nếu có).")
    result: str | None = Field(None, description="Kết quả: awarded, not_awarded hoặc trống khi chưa có.")
    decision_number: str | None = Field(None, description="Số quyết định khen thưởng.")
    decision_date: date | None = Field(None, description="Ngày quyết định khen thưởng.")
    comments_received: int | None = Field(None, description="Số ý kiến đã nhận về người, tập thể này.")


class CampaignRow(BaseModel):
    id: str = Field(description="Mã phong trào.")
    url: str = Field(description="Địa chỉ trang phong trào.")
    name: str = Field(description="Tên phong trào.")
    scope: str = Field(description="Cấp phát động: national, ministry, province, local.")
    launched_by: str = Field(description="Cơ quan, người phát động.")
    launch_document: str = Field(description="Số văn bản phát động.")
    launch_date: date = Field(description="Ngày văn bản phát động.")
    starts: date = Field(description="Bắt đầu.")
    ends: date | None = Field(None, description="Kết thúc (trống khi đang diễn ra).")
    summary: str = Field(description="Tóm tắt.")
    goals: list[str] = Field(description="Mục tiêu.")


class ReceiptRow(BaseModel):
    batch: str = Field(description="Mã đợt lấy ý kiến.")
    receipt: str = Field(description="Mã biên nhận của ý kiến (ví dụ K7QX-M4TN).")
    nominee: str = Field(description="Mã người, tập thể được góp ý (như trong danh sách đề nghị).")
    received: date = Field(description="Ngày nhận ý kiến (giờ Việt Nam, ISO 8601); thư, điện thoại: ngày ghi "
                           "trên thư hoặc ngày gọi.")
    status: str = Field(description="Tình trạng xử lý: " + ", ".join(STATUS_WORDS) + ".")
    status_text: str = Field(description="Tình trạng xử lý bằng lời: " + "; ".join(STATUS_WORDS.values()) + ".")
    counted: bool = Field(description="Ý kiến có được tính vào số ý kiến đã công bố hay không.")
    not_counted_reason: str | None = Field(None, description="Vì sao ý kiến không được tính: " + ", ".join(
        REASON_KEYS) + " (nhận sau khi hết hạn, trước khi bắt đầu lấy ý kiến, ...); trống khi được tính.")
    not_counted_reason_text: str | None = Field(None, description="Lý do không được tính, bằng lời; trống khi "
                                                "được tính.")
    published_at: datetime = Field(description="Thời điểm Ban công bố sổ ý kiến của đợt (ISO 8601).")
    url: str = Field(description="Địa chỉ dòng của ý kiến trong sổ ý kiến công khai của đợt.")


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    row: type[BaseModel]
    csv: bool


DATASETS = (
    Dataset("exemplars", "Điển hình tiên tiến", ExemplarRow, True),
    Dataset("nominations", "Danh sách đề nghị khen thưởng đã lấy ý kiến", NomineeRow, True),
    Dataset("campaigns", "Phong trào thi đua", CampaignRow, False),
    Dataset("receipts", "Sổ ý kiến công khai: mã biên nhận các ý kiến của những đợt đã công bố", ReceiptRow, True),
)


# Each record's rows (a batch has one per nominee): the open data is made record by record,
# so that a record's rows can be kept between builds (see :class:`_Pieces`).
def _exemplar_rows(exemplar_id: str, e: Exemplar, site_url: str | None) -> list[ExemplarRow]:
    honours = [HonourRow(award=h.award, grade=h.grade, decision_number=h.decision.number,
                         decision_date=h.decision.date, issued_by=h.decision.issued_by,
                         revoked=h.revoked is not None,
                         revoked_by_decision=h.revoked.number if h.revoked else None) for h in e.honours]
    return [ExemplarRow(
        id=exemplar_id, url=absolute(site_url, urls.exemplar(exemplar_id)), kind=e.kind, name=e.name,
        position=e.position, unit=e.unit, ethnicity=e.ethnicity, province=e.place.province,
        province_current=e.place.province_info.current, district=e.place.district, commune=e.place.commune,
        sector=e.sector, priority_groups=list(e.priority_groups), summary=e.summary, honours=honours,
        campaigns=list(e.campaigns), published=e.published, updated=e.updated)]


def _batch_rows(batch_id: str, batch: NominationBatch, site_url: str | None) -> list[NomineeRow]:
    rows = []
    for n in batch.nominees:
        decision = n.outcome.decision if n.outcome else None
        rows.append(NomineeRow(
            batch=batch_id, batch_title=batch.title, opens=batch.opens_at, closes=batch.closes_at,
            nominee=n.id, url=absolute(site_url, urls.nominee(batch_id, n.id)), kind=n.kind, name=n.name,
            position=n.position, unit=n.unit, province=n.place.province, award=n.award, summary=n.summary,
            exemplar=n.exemplar, result=n.outcome.result if n.outcome else None,
            decision_number=decision.number if decision else None,
            decision_date=decision.date if decision else None, comments_received=n.comments_received))
    return rows


def _campaign_rows(cid: str, c: Campaign, site_url: str | None) -> list[CampaignRow]:
    return [CampaignRow(id=cid, url=absolute(site_url, urls.campaign(cid)), name=c.name, scope=c.scope,
                       launched_by=c.launched_by, launch_document=c.launch_document.number,
                       launch_date=c.launch_document.date, starts=c.starts, ends=c.ends, summary=c.summary,
                       goals=list(c.goals))]


def _receipt_rows(batch_id: str, register: ReceiptRegister, site_url: str | None) -> list[ReceiptRow]:
    page = urls.receipt_register(batch_id)
    return [_receipt_row(batch_id, register, row, absolute(site_url, f"{page}#ma-{row.receipt}"))
            for row in register.sorted_rows()]


def _receipt_row(batch_id: str, register: ReceiptRegister, row: RegisterRow, url: str) -> ReceiptRow:
    reason = register.reason(row)
    return ReceiptRow(batch=batch_id, receipt=row.receipt, nominee=row.nominee, received=row.received,
                      status=row.status, status_text=row.status_text, counted=row.counted,
                      not_counted_reason=reason.key if reason else None,
                      not_counted_reason_text=reason.text if reason else None,
                      published_at=register.published_at, url=url)


_LISTS = {dataset.row: TypeAdapter(list[dataset.row]) for dataset in DATASETS}
RowMaker = Callable[[str, Any, str | None], list[BaseModel]]
# Dataset → the catalogue's table of records it is made from, and the rows of one record.
_PER_RECORD: dict[str, tuple[str, RowMaker]] = {
    "exemplars": ("exemplars", _exemplar_rows),
    "nominations": ("batches", _batch_rows),
    "campaigns": ("campaigns", _campaign_rows),
    "receipts": ("receipt_registers", _receipt_rows),
}


Pieces = tuple[list[str], list[str]]  # a record's rows as JSON array elements, and as CSV lines


class _Pieces:
    """Each record's rows as JSON array elements and CSV lines, kept between builds.

    A rebuild after one edit then makes one record's rows, not 12,000 (a second at
    10,000 records). Records are known by id and file hash; only this build's are
    kept: in memory, and through ``kept_in`` for the next process (or for the build
    process, when the second process wrote the open data).
    """

    def __init__(self) -> None:
        self.kept: dict[tuple, Pieces] = {}
        self.kept_in: Kept | None = None

    def load(self, kept_in: Kept | None) -> None:
        """The rows kept in ``kept_in``, unless this process holds them already."""
        if kept_in is None:
            self.kept_in = None  # kept in memory only
            return
        if self.kept_in == kept_in and self.kept:
            return
        self.kept_in = kept_in
        self.kept = kept_in.read(dict) or {}

    def of(self, dataset: Dataset, catalogue: Catalogue, site_url: str | None,
           now: dict[tuple, Pieces]) -> Pieces:
        table, make = _PER_RECORD[dataset.name]
        elements: list[str] = []
        lines: list[str] = []
        for record_id, record in sorted(getattr(catalogue, table).items()):
            key = (dataset.name, record_id, record.digest, site_url)
            pieces = self.kept.get(key) if record.digest else None
            if pieces is None:
                rows = make(record_id, record, site_url)
                pieces = ([_element(row) for row in rows],
                          [_csv_line(row) for row in rows] if dataset.csv else [])
            now[key] = pieces
            elements.extend(pieces[0])
            lines.extend(pieces[1])
        return elements, lines

    def keep(self, now: dict[tuple, Pieces], in_memory: bool) -> None:
        if now.keys() != self.kept.keys() and self.kept_in is not None:
            self.kept_in.write(now)
        self.kept = now if in_memory else {}


_PIECES = _Pieces()


def data_files(catalogue: Catalogue, site_url: str | None, kept_in: Kept | None = None,
               in_memory: bool = True) -> Iterator[tuple[str, str]]:
    """(path, text) of every open-data file: JSON, CSV and JSON Schema per dataset.

    ``kept_in`` keeps the rows of this build for the next (the build layer's salted file);
    with ``in_memory`` they are also kept in this process (not in one that ends with the build).
    """
    _PIECES.load(kept_in)
    now: dict[tuple, Pieces] = {}
    for dataset in DATASETS:
        elements, lines = _PIECES.of(dataset, catalogue, site_url, now)
        yield f"{DATA}{dataset.name}.json", "[\n" + ",\n".join(elements) + "\n]\n" if elements else "[]\n"
        if dataset.csv:
            yield f"{DATA}{dataset.name}.csv", _csv_file(dataset.row, lines)
        yield f"{DATA}{dataset.name}.schema.json", schema(dataset, site_url)
    _PIECES.keep(now, in_memory)


def _element(row: BaseModel) -> str:
    """One row as an element of the indented JSON array (what :func:`to_json` writes for it)."""
    return to_json([row])[2:-3]  # without "[\n" and "\n]\n"


def _csv_line(row: BaseModel | list[str]) -> str:
    buffer = io.StringIO()
    values = row if isinstance(row, list) else [_cell(value) for value in row.model_dump(mode="json").values()]
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def to_json(rows: list[BaseModel]) -> str:
    """Indented JSON, as ``json.dumps(..., ensure_ascii=False, indent=1)`` writes it, by pydantic's
    serializer (six times faster at 10,000 rows)."""
    if not rows:
        return "[]\n"
    return _LISTS[type(rows[0])].dump_json(rows, indent=1).decode("utf-8") + "\n"


def to_csv(rows: list[BaseModel], row_type: type[BaseModel]) -> str:
    """UTF-8 CSV with a BOM (Excel); lists are joined with "; ", honours written out in words."""
    return _csv_file(row_type, [_csv_line(row) for row in rows])


def _csv_file(row_type: type[BaseModel], lines: list[str]) -> str:
    """The BOM, the header of ``row_type``'s fields, then the rows' lines."""
    return "\ufeff" + _csv_line(list(row_type.model_fields)) + "".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # as in the JSON file, not Python's True and False
        return "true" if value else "false"
    if isinstance(value, list):
        return _inert("; ".join(_honour_text(item) if isinstance(item, dict) else str(item) for item in value))
    return _inert(str(value))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """Excel runs a cell that starts like a formula; a leading apostrophe shows it as text (OWASP CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _honour_text(honour: dict) -> str:
    label = f"{honour['award']} {honour['grade']}" if honour.get("grade") else honour["award"]
    text = f"{label} (QĐ {honour['decision_number']}, {honour['decision_date']}, {honour['issued_by']})"
    return text + " [đã huỷ bỏ]" if honour["revoked"] else text


def schema(dataset: Dataset, site_url: str | None) -> str:
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute(site_url, f"{DATA}{dataset.name}.schema.json"),
        "title": dataset.title,
        **TypeAdapter(list[dataset.row]).json_schema(),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def open_data_page(licence: str) -> PageSpec:
    """The page that documents every dataset, its files, fields and licence."""
    datasets = [
        {
            "dataset": dataset,
            "files": [f"{DATA}{dataset.name}.json"] + ([f"{DATA}{dataset.name}.csv"] if dataset.csv else [])
            + [f"{DATA}{dataset.name}.schema.json"],
            "fields": [(name, field.description, field.is_required()) for name, field in dataset.row.model_fields.items()],
        }
        for dataset in DATASETS
    ]
    return PageSpec("du-lieu-mo/", "open-data.html", "Dữ liệu mở",
                    "Dữ liệu điển hình tiên tiến, danh sách đề nghị khen thưởng, phong trào thi đua và sổ ý "
                    "kiến công khai, tải về dạng JSON và CSV.",
                    context={"datasets": datasets, "licence": licence}, hide=("navigation",))
