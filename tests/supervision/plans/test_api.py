"""/api/supervision/ of 监督计划、工作台账与督办: the same rules as the services, 422 keyed by field in Chinese
with nothing written, 404 for another agency's object, the actions each detail offers."""

import base64
from datetime import date

import pytest

from tests.helpers import Api, errors
from tests.supervision.plans.helpers import Wrote
from zhifa.supervision.models import LedgerEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return Api(client, "/api/supervision")


def test_plan_from_creation_to_publication(api, sv):
    api.login(sv["east_sup"])
    response = api.post(
        "/plans",
        {"agency_id": sv["agencies"]["east_justice"].pk, "year": 2026, "title": "计划", "milestones": False},
    )
    assert response.status_code == 201, response.content
    plan = response.json()
    assert (plan["status"], plan["tasks"], plan["actions"]) == ("draft", [], ["add-task", "publish"])
    wrote = Wrote()
    assert errors(api.post(f"/plans/{plan['id']}/publish")) == {
        "tasks": "监督计划中没有专项监督任务，不能印发：上级行政执法机关每年至少组织开展一次专项监督"
        "（《广东省提升行政执法质量三年行动实施计划》(十四)），请先添加专项监督任务"
    }
    past = {"title": "专项", "kind": "special", "owner": "监督科", "due": "2026-03-01", "targets": []}
    assert errors(api.post(f"/plans/{plan['id']}/tasks", past)) == {
        "due": "完成期限2026年3月1日已过，不能早于今天（2026年3月2日）"
    }
    assert errors(
        api.post(f"/plans/{plan['id']}/tasks", {**past, "due": "2026-04-01", "targets": [999999]})
    ) == {"targets": "报送单位不存在（编号：999999）"}
    assert wrote.none
    task = api.post(
        f"/plans/{plan['id']}/tasks",
        {**past, "due": "2026-04-04", "targets": [sv["agencies"]["east_market"].pk]},
    ).json()
    assert (task["due"], task["kind_label"]) == ("2026-04-07", "专项监督")
    published = api.post(f"/plans/{plan['id']}/publish").json()
    assert (published["status"], published["actions"]) == ("published", ["add-task"])
    assert [p["id"] for p in api.get("/plans", year=2026).json()["items"]] == [plan["id"]]


def test_ledger_report_access_and_refusals(api, published, sv):
    entry = LedgerEntry.objects.get(
        task__plan=published, agency=sv["agencies"]["east_market"], task__milestone="special_may"
    )
    api.login(sv["west_head"])
    assert api.get(f"/ledger/{entry.pk}").status_code == 404
    assert api.post(f"/ledger/{entry.pk}/reports", {"text": "x"}).status_code == 404
    api.login(sv["east_sup"])
    wrote = Wrote()
    assert errors(api.post(f"/ledger/{entry.pk}/reports", {"text": "代报"})) == {
        "agency": "东区司法局不是该任务的报送单位，应由东区市场监督管理局报送"
    }
    api.login(sv["east_head"])
    assert errors(api.post(f"/ledger/{entry.pk}/reports", {"text": "x", "attachment_base64": "%%%"})) == {
        "attachment_base64": "附件内容不是有效的Base64编码"
    }
    assert wrote.none
    assert api.get(f"/ledger/{entry.pk}").json()["actions"] == ["report"]
    body = {
        "text": "已完成",
        "attachment_name": "情况.pdf",
        "attachment_base64": base64.b64encode(b"%PDF").decode(),
    }
    response = api.post(f"/ledger/{entry.pk}/reports", body)
    assert response.status_code == 201
    detail = response.json()
    assert (detail["status"], detail["reported_on"], [r["attachment_name"] for r in detail["reports"]]) == (
        "reported",
        "2026-03-02",
        ["情况.pdf"],
    )
    listed = api.get("/ledger", status="reported").json()
    assert [e["id"] for e in listed["items"]] == [entry.pk]
    api.login(sv["east_sup"])
    rollup = api.get("/ledger/rollup", year=2026).json()
    assert [(r["name"], r["total"], r["done"], r["overdue"]) for r in rollup] == [("东区", 25, 1, 0)]


def test_oversight_through_the_api(api, case, sv):
    api.login(sv["east_sup"])
    body = {"title": "重大案件", "ground": "major", "description": "依法处理"}
    wrote = Wrote()
    assert errors(api.post(f"/cases/{case.pk}/oversight", {**body, "due": "2026-02-01"})) == {
        "due": "办理期限2026年2月1日已过，不能早于今天（2026年3月2日）"
    }
    assert wrote.none
    response = api.post(f"/cases/{case.pk}/oversight", body)
    assert response.status_code == 201, response.content
    oversight = response.json()
    assert (oversight["case_id"], oversight["due"], oversight["actions"]) == (
        case.pk,
        "2026-03-23",
        ["extend", "escalate", "close"],
    )
    path = f"/oversights/{oversight['id']}"
    wrote = Wrote()
    assert errors(api.post(f"{path}/extend", {"new_due": "2026-04-30", "reason": ""})) == {
        "reason": "延期须说明理由"
    }
    assert wrote.none
    extended = api.post(f"{path}/extend", {"new_due": "2026-04-30", "reason": "需检测"}).json()
    assert [(e["old_due"], e["new_due"]) for e in extended["extensions"]] == [("2026-03-23", "2026-04-30")]
    assert api.post(f"{path}/report", {"text": "x"}).status_code == 403
    api.login(sv["east_head"])
    assert api.get(path).json()["actions"] == ["report"]
    assert [r["text"] for r in api.post(f"{path}/report", {"text": "正在核查"}).json()["reports"]] == [
        "正在核查"
    ]
    api.login(sv["west_head"])
    assert api.get(path).status_code == 404
    assert api.get("/oversights").json()["count"] == 0
    api.login(sv["east_sup"])
    closed = api.post(f"{path}/close", {"conclusion": "已依法处理"}).json()
    assert (closed["status"], closed["closed_on"], closed["actions"]) == ("closed", "2026-03-02", [])
    assert date.fromisoformat(closed["due"]) == date(2026, 4, 30)
