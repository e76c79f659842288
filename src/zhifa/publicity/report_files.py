"""统计年报 as DOCX (python-docx) and XLSX (openpyxl) downloads."""

from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from docx import Document

from zhifa.core.exports import xlsx_response

from .annual_report import sections

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def title_of(report) -> str:
    return f"{report.agency.name}{report.year}年度行政执法统计年报"


def docx_response(report) -> HttpResponse:
    document = Document()
    document.add_heading(title_of(report), level=1)
    if report.note:
        document.add_paragraph(report.note)
    for section, rows in sections(report.figures):
        document.add_heading(section, level=2)
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "项目", "数值"
        for row in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = row["label"], row["value"]
    buffer = BytesIO()
    document.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(title_of(report) + '.docx')}"
    return response


def xlsx_report_response(report) -> HttpResponse:
    rows = [(r["section"], r["label"], r["value"]) for r in report.figures]
    return xlsx_response(f"{report.year}年度统计年报.xlsx", ["类别", "项目", "数值"], rows)
