"""培训管理 pages and API: lists scoped to the agency (another agency's row is a 404), the plan's 报送 from
the page, the refusal beside the field with nothing written, Excel exports with exact rows, and the
completion page and endpoint with exact rates."""

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import OfficerFactory, TrainingFactory
from tests.helpers import xlsx_rows
from zhifa.training.choices import PlanStatus
from zhifa.training.models import LeaderStudy, PlanItem
from zhifa.training.services import plans

pytestmark = pytest.mark.django_db


def test_plan_pages_add_an_item_and_report(client, head, plan):
    client.force_login(head)
    page = client.get("/training/plans/")
    assert "2026年度执法人员培训计划" in page.content.decode()
    response = client.post(f"/training/plans/{plan.pk}/items/", {"content": "执法文书", "hours": "8"})
    assert response.status_code == 302
    assert [i.content for i in plan.items.order_by("id")] == ["行政处罚法专题", "执法文书"]
    assert client.post(f"/training/plans/{plan.pk}/submit/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    detail = client.get(f"/training/plans/{plan.pk}/").content.decode()
    assert "已报送" in detail and "报送司法行政机关</button>" not in detail


def test_a_refused_item_is_shown_by_its_field_and_nothing_is_written(client, head, plan, writes):
    client.force_login(head)
    before = writes()
    response = client.post(f"/training/plans/{plan.pk}/items/", {"content": "执法文书", "hours": "0"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"hours": ["计划学时应大于0"]}
    assert before.none


def test_another_agencys_plan_is_404_on_page_and_api(client, west_head, plan, writes):
    client.force_login(west_head)
    before = writes()
    assert client.get(f"/training/plans/{plan.pk}/").status_code == 404
    assert client.post(f"/training/plans/{plan.pk}/submit/").status_code == 404
    assert client.get(f"/api/training/plans/{plan.pk}").status_code == 404
    assert client.post(f"/api/training/plans/{plan.pk}/submit").status_code == 404
    assert before.none


def test_plan_export_rows(client, head, plan):
    client.force_login(head)
    rows = xlsx_rows(client.get("/training/plans/export.xlsx"))
    assert rows[0] == ("机关", "年度", "计划名称", "培训内容项数", "计划学时", "状态", "报送时间")
    assert rows[1][:6] == ("东区市场监督管理局", 2026, "2026年度执法人员培训计划", 1, 16, "草稿")


def test_plan_api_round_trip(client, head):
    client.force_login(head)
    made = client.post(
        "/api/training/plans", {"year": 2027, "title": "2027年度计划"}, content_type="application/json"
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    added = client.post(f"/api/training/plans/{pk}/items", {"content": "行政复议法", "hours": "6.5"},
                        content_type="application/json")  # fmt: skip
    assert added.status_code == 201
    assert added.json()["planned_hours"] == "6.5"
    refused = client.post(f"/api/training/plans/{pk}/submit")
    assert refused.status_code == 200 and refused.json()["status"] == PlanStatus.SUBMITTED
    again = client.post(f"/api/training/plans/{pk}/items", {"content": "补充", "hours": "2"},
                        content_type="application/json")  # fmt: skip
    assert again.status_code == 422
    assert PlanItem.objects.filter(plan_id=pk).count() == 1


def test_trainer_list_searches_and_masks_phones(client, head, supervisor):
    from zhifa.training.services import trainers

    trainers.trainer_add(actor=supervisor, data=trainers.TrainerInput(
        name="陈律", unit="江州大学法学院", specialty="行政处罚法", phone="13905710021"))  # fmt: skip
    trainers.trainer_add(
        actor=head, data=trainers.TrainerInput(name="刘珂", unit="东区市场监督管理局", specialty="食品安全")
    )
    client.force_login(head)
    page = client.get("/training/trainers/", {"q": "处罚"}).content.decode()
    assert "陈律" in page and "刘珂" not in page and "13905710021" not in page
    rows = xlsx_rows(client.get("/training/trainers/export.xlsx", {"sort": "name"}))
    assert [r[0] for r in rows[1:]] == ["刘珂", "陈律"]
    api = client.get("/api/training/trainers", {"q": "食品"}).json()
    assert [t["name"] for t in api["items"]] == ["刘珂"]


def test_study_page_records_a_session(client, head, market):
    officer = OfficerFactory(agency=market, name="刘洋")
    client.force_login(head)
    response = client.post("/training/studies/new/", {"held_on": "2026-05-20", "topic": "民法典", "hours": "2",
                                                        "attendees": [officer.pk]})  # fmt: skip
    assert response.status_code == 302
    study = LeaderStudy.objects.get()
    assert list(study.attendees.all()) == [officer]
    report = client.get("/api/training/studies/report", {"year": 2026}).json()
    assert report == [{"agency_id": market.pk, "agency_name": "东区市场监督管理局", "sessions": 1,
                       "hours": "2.0", "attendances": 1}]  # fmt: skip
    rows = xlsx_rows(client.get("/training/studies/report/export.xlsx", {"year": 2026}))
    assert rows == [("机关", "学法次数", "学时合计", "参学人次"), ("东区市场监督管理局", 1, 2, 1)]


def test_completion_page_and_api(client, head, staff, city_supervisor):
    TrainingFactory(officer=staff[0], on=date(2026, 4, 1), hours=Decimal("60"))
    client.force_login(head)
    page = client.get("/training/completion/", {"year": 2026})
    assert [(r.agency_name, r.officers, r.reached, r.percent) for r in page.context["page"]] == [
        ("东区市场监督管理局", 3, 1, "33.3%")
    ]
    client.force_login(city_supervisor)
    api = client.get("/api/training/completion", {"year": 2026}).json()
    assert api["items"] == [{"agency_id": head.agency_id, "agency_name": "东区市场监督管理局", "officers": 3,
                             "reached": 1, "rate": 0.3333}]  # fmt: skip
    rows = xlsx_rows(client.get("/training/completion/export.xlsx", {"year": 2026}))
    assert rows == [("机关", "在岗执法人员", "学时达标人数", "完成率"), ("东区市场监督管理局", 3, 1, "33.3%")]


def test_a_draft_is_not_the_bureaus(client, supervisor, plan, head):
    client.force_login(supervisor)
    assert client.get(f"/training/plans/{plan.pk}/").status_code == 404
    plans.plan_submit(actor=head, plan=plan)
    assert client.get(f"/training/plans/{plan.pk}/").status_code == 200
