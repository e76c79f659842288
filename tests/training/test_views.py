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


@pytest.fixture
def session(head, staff):
    from zhifa.training.services import leader_study

    return leader_study.leader_study_record(
        actor=head,
        data=leader_study.StudyInput(held_on=date(2026, 5, 20), topic="民法典", hours="2",
                                     attendee_ids=[staff[0].pk, staff[1].pk]),
    )  # fmt: skip


def _report(client) -> list:
    return client.get("/api/training/studies/report", {"year": 2026}).json()


def test_study_page_corrects_a_session(client, head, staff, session):
    client.force_login(head)
    page = client.get(f"/training/studies/{session.pk}/correct/")
    assert page.status_code == 200
    assert page.context["form"]["topic"].value() == "民法典"
    assert "agency" not in page.context["form"].fields
    detail = client.get(f"/training/studies/{session.pk}/").content.decode()
    assert f'href="/training/studies/{session.pk}/correct/"' in detail
    data = {"held_on": "2026-05-20", "topic": "民法典", "hours": "2.5", "attendees": [o.pk for o in staff],
            "correction_reason": "漏记赵敏"}  # fmt: skip
    response = client.post(f"/training/studies/{session.pk}/correct/", data)
    assert response.status_code == 302 and response.url == f"/training/studies/{session.pk}/"
    session.refresh_from_db()
    assert (session.hours, session.attendees.count()) == (Decimal("2.5"), 3)
    assert _report(client)[0]["hours"] == "2.5" and _report(client)[0]["attendances"] == 3
    assert "更正领导干部学法" in client.get(f"/training/studies/{session.pk}/").content.decode()


def test_a_refused_correction_is_shown_by_its_field(client, head, staff, session, writes):
    client.force_login(head)
    before = writes()
    data = {"held_on": "2026-05-20", "topic": "民法典", "hours": "2.5", "attendees": [staff[0].pk]}
    response = client.post(f"/training/studies/{session.pk}/correct/", data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"correction_reason": ["请填写更正理由"]}
    assert before.none


def test_study_page_deletes_a_session_after_confirmation(client, head, session, writes):
    client.force_login(head)
    confirm = client.get(f"/training/studies/{session.pk}/delete/")
    assert confirm.status_code == 200 and "确认删除" in confirm.content.decode()
    before = writes()
    refused = client.post(f"/training/studies/{session.pk}/delete/", {"reason": ""})
    assert refused.context["form"].errors == {"reason": ["请填写删除理由"]}
    assert before.none
    response = client.post(f"/training/studies/{session.pk}/delete/", {"reason": "重复录入"})
    assert response.status_code == 302 and response.url == "/training/studies/"
    assert not LeaderStudy.objects.exists()
    assert _report(client) == []
    assert client.get(f"/training/studies/{session.pk}/").status_code == 404


def test_study_api_corrects_and_deletes(client, head, staff, session, writes):
    client.force_login(head)
    body = {"held_on": "2026-05-19", "topic": "民法典总则", "hours": "3", "lecturer": "陈律",
            "attendee_ids": [staff[1].pk], "correction_reason": "日期与主题有误"}  # fmt: skip
    response = client.put(f"/api/training/studies/{session.pk}", body, content_type="application/json")
    assert response.status_code == 200
    got = response.json()
    assert {k: got[k] for k in ("held_on", "topic", "hours", "lecturer", "attendee_count")} == {
        "held_on": "2026-05-19",
        "topic": "民法典总则",
        "hours": "3.0",
        "lecturer": "陈律",
        "attendee_count": 1,
    }
    assert [a["name"] for a in got["attendees"]] == ["王强"]
    before = writes()
    refused = client.put(
        f"/api/training/studies/{session.pk}", {**body, "hours": "0"}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert [(e["loc"][-1], e["msg"]) for e in refused.json()["detail"]] == [("hours", "学时应大于0")]
    refused = client.delete(f"/api/training/studies/{session.pk}", {}, content_type="application/json")
    assert [(e["loc"][-1], e["msg"]) for e in refused.json()["detail"]] == [("reason", "请填写删除理由")]
    assert before.none
    gone = client.delete(
        f"/api/training/studies/{session.pk}", {"reason": "重复录入"}, content_type="application/json"
    )
    assert gone.status_code == 204
    assert _report(client) == []
    assert client.get(f"/api/training/studies/{session.pk}").status_code == 404


def test_another_agencys_session_is_404_and_a_reader_403(client, west_head, clerk, session, writes):
    before = writes()
    body = {
        "held_on": "2026-05-20",
        "topic": "民法典",
        "hours": "3",
        "attendee_ids": [],
        "correction_reason": "x",
    }
    for user, page_status, api_status in ((west_head, 404, 404), (clerk, 403, 403)):
        client.force_login(user)
        for path in ("correct", "delete"):
            assert client.get(f"/training/studies/{session.pk}/{path}/").status_code == page_status
            assert (
                client.post(f"/training/studies/{session.pk}/{path}/", {"reason": "x"}).status_code
                == page_status
            )
        assert client.put(f"/api/training/studies/{session.pk}", body,
                          content_type="application/json").status_code == api_status  # fmt: skip
        assert client.delete(f"/api/training/studies/{session.pk}", {"reason": "x"},
                             content_type="application/json").status_code == api_status  # fmt: skip
    assert before.none


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
