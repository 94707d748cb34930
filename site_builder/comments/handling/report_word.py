"""The council's report as a Word document, in the form boards file (python-docx).

Title block (the issuing body and the national motto side by side), the place
and date line, the report's title with the batch, its legal basis and period,
then per nominee a table of comments by status and a summary line per
considered comment; contacts only when the report is for the council.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from site_builder.comments.store.register import CHANNEL_WORDS, STATUSES
from site_builder.model.vntime import VIETNAM

from .council_report import CouncilReport, Section
from .status_changes import STATUS_LABELS



def report_docx(report: CouncilReport) -> bytes:
    """The report as the bytes of a .docx file."""
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    _title_block(document, report)
    _opening(document, report)
    for number, section in enumerate(report.sections, start=1):
        _nominee(document, number, section, report.for_council)
    _closing(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _title_block(document, report: CouncilReport) -> None:
    table = document.add_table(rows=2, cols=2)
    left = [report.issuer.parent.upper(), report.issuer.name.upper()]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    for row, (first, second) in enumerate(zip(left, right, strict=True)):
        for column, text in enumerate((first, second)):
            paragraph = table.cell(row, column).paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).bold = row == 1 or column == 1
    made = report.made_at.astimezone(VIETNAM)
    date = document.add_paragraph(f"ngày {made:%d} tháng {made:%m} năm {made:%Y}")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date.runs[0].italic = True


def _opening(document, report: CouncilReport) -> None:
    batch = report.batch
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("BÁO CÁO\nTổng hợp ý kiến nhân dân").bold = True
    document.add_paragraph(batch.title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Căn cứ:")
    for basis in batch.legal_basis:
        document.add_paragraph(basis, style="List Bullet")
    document.add_paragraph(f"Hình thức khen thưởng đề nghị: {batch.award}.")
    document.add_paragraph(f"Thời gian lấy ý kiến: từ {batch.opens_at:%H:%M ngày %d/%m/%Y} đến "
                           f"{batch.closes_at:%H:%M ngày %d/%m/%Y}.")
    document.add_paragraph(f"Cách tính số ý kiến công bố: {report.rule}")
    if not report.for_council:
        document.add_paragraph("Bản này không ghi họ tên, địa chỉ, số điện thoại của người góp ý.")


def _nominee(document, number: int, section: Section, for_council: bool) -> None:
    document.add_heading(f"{number}. {section.name}", level=2)
    document.add_paragraph(f"Đề nghị: {section.award}. Tổng số ý kiến: {section.total}.")
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Trạng thái", "Số ý kiến"
    for status in STATUSES:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = STATUS_LABELS[status], str(section.counts.get(status, 0))
    if not section.lines:
        document.add_paragraph("Không có ý kiến nào cần Hội đồng xem xét.")
        return
    document.add_paragraph("Tóm tắt các ý kiến được xem xét:")
    for line in section.lines:
        document.add_paragraph(_summary(line, for_council), style="List Bullet")


def _summary(line, for_council: bool) -> str:
    when = line.received_at.astimezone(VIETNAM)
    text = (f"{line.receipt} ({when:%d/%m/%Y}, {CHANNEL_WORDS.get(line.channel, line.channel).lower()}, "
            f"{STATUS_LABELS[line.status]}{', ngoài thời hạn' if line.outside_period else ''}): {line.summary}")
    if line.reason:
        text += f" Lý do: {sentence(line.reason)}"
    if for_council and line.commenter:
        text += f" Người góp ý: {line.commenter}."
    return text


def sentence(text: str) -> str:
    """``text`` ending in one full stop: an officer's reason may end in one already (or in ?, !, …)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _closing(document, report: CouncilReport) -> None:
    totals = report.totals()
    parts = "; ".join(f"{STATUS_LABELS[s]}: {n}" for s, n in totals.items() if n)
    document.add_paragraph(f"Tổng cộng {sum(totals.values())} ý kiến ({parts or 'không có ý kiến nào'}).")
    signer = document.add_paragraph("NGƯỜI LẬP BÁO CÁO")
    signer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signer.runs[0].bold = True
