"""社会监督 pages: lists with search, term filter, sort and Excel; masked phones; another county's rows are 404;
an agency reads its feedback and results without actions; the feedback's actions from its table; the
survey import all or nothing with row numbers."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.helpers import exported_rows, html, xlsx_rows
from zhifa.core.exports import XLSX_TYPE
from zhifa.social.choices import FeedbackStatus
from zhifa.social.models import SurveyResponse
from zhifa.social.services import supervisors, survey_import, surveys

from .conftest import supervisor_input

pytestmark = pytest.mark.django_db


def test_supervisor_list_shows_term_states_and_searches(client, supervisor, member):
    supervisors.supervisor_appoint(actor=supervisor, data=supervisor_input(name="秦文博", category="expert",
                                                                          term_end=date(2026, 3, 1)))  # fmt: skip
    client.force_login(supervisor)
    page = html(client.get("/social/supervisors/"))
    assert "郑海燕" in page and "秦文博" in page and "已到期" in page and "任期内" in page
    page = html(client.get("/social/supervisors/?term=expired"))
    assert "秦文博" in page and "郑海燕" not in page
    page = html(client.get("/social/supervisors/?q=郑"))
    assert "郑海燕" in page and "秦文博" not in page


def test_supervisor_export_masks_the_phone(client, supervisor, member):
    client.force_login(supervisor)
    rows = xlsx_rows(client.get("/social/supervisors/export.xlsx"))
    assert rows[0][:4] == ("姓名", "身份类别", "工作单位及职务", "联系电话")
    assert rows[1][:4] == ("郑海燕", "人大代表", "东区人大代表", "139****0021")
    assert rows[1][-1] == "任期内"


def test_full_phone_only_for_who_manages_the_register(client, supervisor, city_supervisor, member):
    client.force_login(supervisor)
    assert "13905710021" in html(client.get(f"/social/supervisors/{member.pk}/"))


def test_another_county_gets_404_on_every_page(client, west_supervisor, member, point, received, campaign):
    client.force_login(west_supervisor)
    for url in (
        f"/social/supervisors/{member.pk}/", f"/social/supervisors/{member.pk}/renew/",
        f"/social/points/{point.pk}/", f"/social/points/{point.pk}/revoke/",
        f"/social/feedback/{received.pk}/", f"/social/feedback/{received.pk}/answer/",
        f"/social/feedback/files/{received.files.get().pk}/",
        f"/social/surveys/{campaign.pk}/", f"/social/surveys/{campaign.pk}/import/",
    ):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.post(f"/social/feedback/{received.pk}/acknowledge/").status_code == 404


def test_agency_reads_its_feedback_without_actions(client, head, received):
    client.force_login(head)
    page = html(client.get(f"/social/feedback/{received.pk}/"))
    assert "检查时未出示执法证件" in page and 'data-testid="feedback-actions"' not in page
    assert client.get(f"/social/feedback/{received.pk}/answer/").status_code == 403
    assert client.post(f"/social/feedback/{received.pk}/acknowledge/").status_code == 403
    assert client.get(f"/social/feedback/files/{received.files.get().pk}/").status_code == 200


def test_feedback_page_actions_follow_the_table(client, supervisor, received):
    client.force_login(supervisor)
    page = html(client.get(f"/social/feedback/{received.pk}/"))
    assert "受理" in page and "答复" in page and "转为监督事项" in page and "2026-03-23" in page
    client.post(f"/social/feedback/{received.pk}/acknowledge/")
    received.refresh_from_db()
    assert received.status == FeedbackStatus.ACKNOWLEDGED
    response = client.post(f"/social/feedback/{received.pk}/supervise/", {"reason": "核查"})
    received.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/supervision/actions/{received.supervision_item_id}/"


def test_feedback_list_filters_overdue(client, supervisor, received, today):
    client.force_login(supervisor)
    assert "检查时未出示执法证件" not in html(client.get("/social/feedback/?overdue=1"))
    today(date(2026, 3, 24))
    page = html(client.get("/social/feedback/?overdue=1"))
    assert "检查时未出示执法证件" in page and "已逾期" in page
    rows = xlsx_rows(client.get("/social/feedback/export.xlsx"))
    assert rows[1][:4] == ("检查时未出示执法证件", "行政执法监督员", "郑海燕", "东区市场监督管理局")


def _xlsx(*rows) -> SimpleUploadedFile:
    workbook = load_workbook(BytesIO(survey_import.template()))
    sheet = workbook[survey_import.LABEL]
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("测评结果.xlsx", buffer.getvalue(), content_type=XLSX_TYPE)


def test_import_is_all_or_nothing_with_row_numbers(client, supervisor, campaign, writes):
    client.force_login(supervisor)
    before = writes()
    bad = _xlsx(
        ("东区市场监督管理局", "企业", "", "满意", 95, ""),
        ("东区市场监督管理局", "群众", "", "", 101, ""),
        ("西县市场监督管理局", "群众", "", "满意", "", ""),
        ("东区市场监督管理局", "路人", "", "", "", ""),
    )
    page = html(client.post(f"/social/surveys/{campaign.pk}/import/", {"file": bad}))
    assert "整个文件未导入" in page
    assert "“评分”应为0至100的整数，不能为101" in page
    assert "测评区域东区内没有“西县市场监督管理局”" in page
    assert "“受访者类别”只能填写" in page
    assert before.none
    good = _xlsx(
        ("东区市场监督管理局", "企业", "某公司", "满意", 95, "好"),
        ("东区市场监督管理局", "群众", "", "不满意", "", ""),
    )
    response = client.post(f"/social/surveys/{campaign.pk}/import/", {"file": good})
    assert response.status_code == 302
    assert list(SurveyResponse.objects.values_list("rating", "score")) == [
        ("satisfied", 95),
        ("dissatisfied", None),
    ]


def test_import_errors_carry_row_numbers(supervisor, campaign):
    upload = _xlsx(
        ("东区市场监督管理局", "企业", "", "满意", 95, ""), ("东区市场监督管理局", "企业", "", "", 100.5, "")
    )
    result = survey_import.responses_import(actor=supervisor, campaign=campaign, file=upload)
    assert [(e.row, e.column) for e in result.errors] == [(3, "评分")]
    assert str(result.errors[0]) == "第3行：“评分”应为0至100的整数，不能为100.5"


def test_results_page_shows_exact_rates(client, supervisor, head, campaign, market):
    for rating in ("satisfied", "satisfied", "basic", "dissatisfied", "dissatisfied", "basic"):
        surveys.response_add(actor=supervisor, campaign=campaign, data=surveys.ResponseInput(
            agency=market, respondent_kind="public", rating=rating))  # fmt: skip
    client.force_login(supervisor)
    client.post(f"/social/surveys/{campaign.pk}/close/")
    client.force_login(head)
    page = html(client.get("/social/results/?year=2026"))
    assert "66.67%" in page and "东区市场监督管理局" in page
    rows = xlsx_rows(client.get("/social/results/export.xlsx?year=2026"))
    assert rows[1] == ("东区市场监督管理局", 6, 2, 2, 2, "66.67%", 0, "—")


def test_new_supervisor_page_refuses_beside_the_field(client, supervisor, bureau, writes):
    client.force_login(supervisor)
    before = writes()
    response = client.post("/social/supervisors/new/", {"bureau": bureau.pk, "name": "郑海燕", "category": "npc",
                                                        "term_start": "2026-03-01", "term_end": "2026-02-01"})  # fmt: skip
    assert response.context["form"].errors["term_end"] == [
        "任期结束日期（2026-02-01）不能早于开始日期（2026-03-01）"
    ]
    assert before.none


def test_point_export_masks_the_liaisons_phone(client, supervisor, point):
    client.force_login(supervisor)
    assert exported_rows(client, "/social/points/export.xlsx") == [
        ("名称", "类型", "统一社会信用代码", "地址", "联络人", "联络人电话", "设立机关", "设立期限开始", "设立期限结束",
         "期限状态"),
        ("测试绿源食品有限公司", "企业", "91970102MA00003016", "东区兴业路8号", "马晓东", "134****0076", "东区司法局",
         datetime(2025, 3, 1), datetime(2027, 2, 28), "任期内"),
    ]  # fmt: skip
