"""评查报告: the campaign's results per agency and per file, as DOCX (python-docx) and XLSX (openpyxl)."""

from io import BytesIO

from docx import Document
from openpyxl import Workbook

from zhifa.core.exports import plain_value, safe_row

from ..models import Campaign
from . import selectors

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
AGENCY_HEADERS = ["办案机关", "抽取卷数", "已评定", "平均分", "优秀", "良好", "合格", "不合格", "触发否决项"]
FILE_HEADERS = ["抽取顺序", "办案机关", "案件编号", "案由", "状态", "得分", "等次", "触发否决项"]


def title_of(campaign: Campaign) -> str:
    return f"{campaign.agency.name}{campaign.title}评查报告"


def agency_rows(campaign: Campaign) -> list[list]:
    return [
        [
            r.agency_name,
            r.files,
            r.final,
            r.average if r.average is not None else "",
            r.excellent,
            r.good,
            r.passed,
            r.failed,
            r.vetoed,
        ]
        for r in selectors.results_by_agency(campaign.files.all())
    ]


def file_rows(campaign: Campaign):
    for f in campaign.files.select_related("agency", "case").order_by("order"):
        yield [
            f.order,
            f.agency.name,
            f.case.number,
            f.case.summary,
            f.get_status_display(),
            f.score if f.score is not None else "",
            f.get_grade_display(),
            "是" if f.vetoed else "否",
        ]


def _facts(campaign: Campaign) -> list[str]:
    version = campaign.template_version
    return [
        f"组织机关：{campaign.agency.name}；评查年度：{campaign.year}年；状态：{campaign.get_status_display()}",
        f"评查标准：{version.template.name}第{version.number}版（否决项、形式评查{version.form_points}分、内容评查{version.content_points}分；"
        f"优秀≥{version.excellent_from}分，良好≥{version.good_from}分，合格≥{version.pass_from}分）",
        f"抽取：每个机关{campaign.per_agency or '—'}卷（不足的全部抽取），候选案卷哈希{campaign.candidate_hash or '—'}，"
        f"种子承诺{campaign.seed_commitment or '—'}，随机种子{campaign.seed or '尚未公开'}",
    ]


def docx_bytes(campaign: Campaign) -> bytes:
    document = Document()
    document.add_heading(title_of(campaign), level=1)
    for line in _facts(campaign):
        document.add_paragraph(line)
    for heading, headers, rows in (
        ("一、各机关评查结果", AGENCY_HEADERS, agency_rows(campaign)),
        ("二、案卷评查结果", FILE_HEADERS, list(file_rows(campaign))),
    ):
        document.add_heading(heading, level=2)
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = text
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = str(plain_value(value))  # a document: no formula to defuse
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(campaign: Campaign) -> bytes:
    workbook = Workbook(write_only=True)
    for title, headers, rows in (
        ("各机关结果", AGENCY_HEADERS, agency_rows(campaign)),
        ("案卷结果", FILE_HEADERS, file_rows(campaign)),
    ):
        sheet = workbook.create_sheet(title=title)
        sheet.append(safe_row(headers))
        for row in rows:
            sheet.append(safe_row(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
