"""The council's report as an Excel workbook (openpyxl): a summary sheet and a sheet per nominee.

Text from citizens is stored as text, never as a formula (as in the export).
Contacts are in the nominee sheets only when the report is for the council.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from site_builder.comments.store.register import CHANNEL_WORDS, STATUSES
from site_builder.model.vntime import VIETNAM

from .council_report import UNCOUNTED, CouncilReport, Section
from .status_changes import STATUS_LABELS

SUMMARY_SHEET = "Tổng hợp"
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
LINE_HEADERS = ["Mã biên nhận", "Ngày nhận", "Kênh", "Trạng thái", "Lý do", "Trong thời hạn", "Tóm tắt ý kiến"]
CONTACT_HEADER = "Người góp ý (họ tên, liên hệ, địa chỉ)"
COUNTED_HEADER = "Được tính"
UNCOUNTED_HEADERS = {"outside_period": "Không tính: ngoài thời hạn", "spam": "Không tính: thư rác",
                     "duplicate": "Không tính: trùng lặp"}


def report_xlsx(report: CouncilReport) -> bytes:
    """The report as the bytes of a .xlsx file."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = SUMMARY_SHEET
    workbook.properties.title = report.batch.title[:250]
    _summary(summary, report)
    used = {SUMMARY_SHEET}
    for number, section in enumerate(report.sections, start=1):
        _nominee_sheet(workbook.create_sheet(_sheet_title(number, section, used)), section, report.for_council)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary(sheet, report: CouncilReport) -> None:
    batch = report.batch
    sheet.append([f"{report.issuer.parent} {report.issuer.name}".strip()])
    sheet.append([f"Tổng hợp ý kiến nhân dân: {batch.title}"])
    sheet.append([f"Thời gian lấy ý kiến: {batch.opens_at:%d/%m/%Y %H:%M} đến {batch.closes_at:%d/%m/%Y %H:%M}; "
                  f"lập ngày {report.made_at.astimezone(VIETNAM):%d/%m/%Y}"])
    sheet.append([f"Cách tính số ý kiến công bố: {report.rule}"])
    sheet.append([])
    sheet.append(["Tập thể, cá nhân", *[STATUS_LABELS[s] for s in STATUSES], "Tổng", COUNTED_HEADER,
                  *[UNCOUNTED_HEADERS[why] for why in UNCOUNTED]])
    for cell in sheet[6]:
        cell.font = Font(bold=True)
    for section in report.sections:
        sheet.append([section.name, *[section.counts.get(s, 0) for s in STATUSES], section.total, section.counted,
                      *[section.uncounted.get(why, 0) for why in UNCOUNTED]])
    totals, uncounted = report.totals(), report.uncounted_totals()
    sheet.append(["Tổng cộng", *[totals[s] for s in STATUSES], sum(totals.values()),
                  sum(section.counted for section in report.sections), *[uncounted[why] for why in UNCOUNTED]])
    sheet.column_dimensions["A"].width = 40


def _nominee_sheet(sheet, section: Section, for_council: bool) -> None:
    sheet.append([section.name])
    sheet.append([f"Đề nghị: {section.award}; tổng số ý kiến: {section.total}"])
    sheet.append([*LINE_HEADERS, *([CONTACT_HEADER] if for_council else [])])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for line in section.lines:
        row = [line.receipt, line.received_at.astimezone(VIETNAM).replace(tzinfo=None, microsecond=0),
               CHANNEL_WORDS.get(line.channel, line.channel), STATUS_LABELS[line.status], line.reason or "",
               "Không" if line.outside_period else "Có", line.summary]
        sheet.append([_text(value) for value in row] + ([_text(line.commenter or "")] if for_council else []))
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            if cell.data_type == "f":  # a citizen's "=…" stays text
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[1].number_format = "dd/mm/yyyy hh:mm"
    for column, width in zip("ABCDEFGH", (12, 17, 14, 18, 30, 10, 70, 40), strict=True):
        sheet.column_dimensions[column].width = width


def _sheet_title(number: int, section: Section, used: set[str]) -> str:
    """At most 31 characters, none of ``[]:*?/\\``, unique in the workbook."""
    title = _SHEET_NAME.sub(" ", f"{number}. {section.name}")[:31].rstrip()
    while title in used:
        title = f"{title[:28]}~{number}"
    used.add(title)
    return title


def _text(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
