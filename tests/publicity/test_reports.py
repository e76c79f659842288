"""统计年报: generated from the data, published by January 31, as a page, DOCX and XLSX; the justice
bureau sees who has not published."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from zhifa.accounts.choices import RoleCode
from zhifa.core import annual
from zhifa.publicity import services
from zhifa.publicity.models import AnnualReport


def value(report, key):
    return next(r["value"] for r in report.figures if r["key"] == key)


def test_figures_come_from_the_cases_and_the_providers(simple_decision, reviewer, agencies, monkeypatch):
    simple_decision(fine="200")
    simple_decision(name="钱二", fine="100")

    def provider(ids, year):
        return {pk: [annual.Figure("行政复议", "review.count", "行政复议案件数", 4)] for pk in ids}

    annual.register(provider)
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2027, 1, 10))
    try:
        report = services.report_generate(actor=reviewer, agency=agencies["east_market"], year=2026)
    finally:
        annual._providers.remove(provider)
    assert value(report, "cases.penalties") == "2" and value(report, "cases.simple") == "2"
    assert value(report, "cases.fine_total") == "300.00"
    assert value(report, "review.count") == "4"


def test_current_year_cannot_be_reported_yet(reviewer, agencies):
    with pytest.raises(ValidationError, match="已结束年度"):
        services.report_generate(actor=reviewer, agency=agencies["east_market"], year=2026)


def test_officers_cannot_publish_reports(agencies, handler_user):
    with pytest.raises(PermissionDenied):
        services.report_generate(actor=handler_user, agency=agencies["east_market"], year=2025)


def test_published_report_page_docx_and_xlsx(client, reviewer, agencies):
    report = services.report_generate(
        actor=reviewer, agency=agencies["east_market"], year=2025, note="总体平稳"
    )
    base = f"/gs/reports/{report.agency_id}/2025/"
    assert client.get(base).status_code == 404  # a draft is not public
    services.report_publish(actor=reviewer, report=report)
    assert "罚款金额（元）" in client.get(base).content.decode()
    doc = Document(BytesIO(client.get(base + "report.docx").content))
    assert "2025年度行政执法统计年报" in doc.paragraphs[0].text
    sheet = load_workbook(BytesIO(client.get(base + "report.xlsx").content)).active
    assert [c.value for c in sheet[1]] == ["类别", "项目", "数值"]
    with pytest.raises(ValidationError):
        services.report_generate(actor=reviewer, agency=agencies["east_market"], year=2025)


def test_justice_bureau_sees_agencies_that_have_not_published(client, reviewer, agencies, make_user):
    report = services.report_generate(actor=reviewer, agency=agencies["east_market"], year=2025)
    supervisor = make_user(agencies["city_justice"], RoleCode.SUPERVISOR)
    client.force_login(supervisor)
    body = client.get("/publicity/reports/missing/?year=2025").content.decode()
    assert "东区市场监督管理局" in body and "西县市场监督管理局" in body and "已逾期" in body
    services.report_publish(actor=reviewer, report=report)
    body = client.get("/publicity/reports/missing/?year=2025").content.decode()
    assert "东区市场监督管理局" not in body and "西县市场监督管理局" in body


def test_another_agency_cannot_open_a_draft_report(client, reviewer, west_reviewer, agencies):
    report = services.report_generate(actor=reviewer, agency=agencies["east_market"], year=2025)
    client.force_login(west_reviewer)
    assert client.get(f"/publicity/reports/{report.pk}/").status_code == 404
    assert client.post(f"/publicity/reports/{report.pk}/").status_code == 404
    assert client.get(f"/publicity/reports/{report.pk}/report.docx").status_code == 404
    assert AnnualReport.objects.get().status == "draft"
