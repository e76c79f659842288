"""/api/supervision/ 突出问题: the same services as the pages — the loop to the 回头看, the one-action
监督事项, the device register and its summary, access (another agency: 404) and refusals with nothing
written."""

import base64

import pytest

from tests.helpers import Api, errors
from tests.supervision.problems.conftest import pdf_bytes
from zhifa.supervision.models import Problem, SupervisionItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return Api(client, "/api/supervision")


def test_the_loop_through_the_api(api, supervisor, head, market):
    api.login(supervisor)
    made = api.post(
        "/problems",
        {
            "agency_id": market.pk,
            "category": "devices",
            "title": "测速设备未公布",
            "description": "三处设备未公布",
        },
    )
    assert made.status_code == 201
    problem = made.json()
    assert (problem["source"], problem["source_label"], problem["category_label"], problem["year"]) == (
        "supervision",
        "监督发现",
        "电子技术监控设备设置不规范",
        2026,
    )
    task = api.post(f"/problems/{problem['id']}/tasks", {"measures": "公布设备位置", "due_on": "2026-03-20"})
    assert task.status_code == 201
    task_id = task.json()["id"]
    assert task.json()["actions"] == []  # the supervisor waits for the agency

    api.login(head)
    assert api.get(f"/rectifications/{task_id}").json()["actions"] == ["report", "submit"]
    content = base64.b64encode(pdf_bytes()).decode()
    done = api.post(
        f"/rectifications/{task_id}/submit",
        {"text": "已在政府网站公布", "files": [{"name": "公告.pdf", "content_base64": content}]},
    )
    assert done.status_code == 200
    body = done.json()
    assert (body["status"], body["status_label"]) == ("submitted", "待回头看")
    assert [f["name"] for f in body["reports"][0]["files"]] == ["公告.pdf"]

    api.login(supervisor)
    assert api.get(f"/rectifications/{task_id}").json()["actions"] == ["pass", "fail"]
    passed = api.post(f"/rectifications/{task_id}/pass", {"note": "已核实"})
    assert passed.json()["status"] == "closed"
    assert api.get(f"/problems/{problem['id']}").json()["status_label"] == "已整改销号"


def test_a_problem_opens_a_supervision_item(api, supervisor, problem):
    api.login(supervisor)
    made = api.post(f"/problems/{problem.pk}/supervise", {})
    assert made.status_code == 201
    item = SupervisionItem.objects.get()
    assert made.json() == {"item_id": item.pk}
    assert api.get(f"/problems/{problem.pk}").json()["supervision_item_id"] == item.pk


def test_refusals_with_nothing_written(api, supervisor, head, problem, task, writes):
    api.login(supervisor)
    before = writes()
    response = api.post(f"/problems/{problem.pk}/tasks", {"measures": "整改", "due_on": "2026-03-05"})
    assert errors(response) == {"due_on": "整改期限（2026-03-05）已过去，不能早于今天（2026-03-06）"}
    response = api.post(f"/rectifications/{task.pk}/pass", {})
    assert errors(response) == {"status": "整改任务当前为“整改中”，不能回头看通过，销号（应为：待回头看）"}
    api.login(head)
    response = api.post(
        "/problems", {"agency_id": problem.agency_id, "category": "x", "title": "a", "description": "b"}
    )
    assert errors(response) == {"category": "“问题类别”的取值无效"}
    assert before.none


def test_another_agency_sees_nothing_and_gets_404(api, third_head, problem, task, device):
    api.login(third_head)
    assert api.get("/problems").json()["items"] == []
    assert api.get("/devices").json()["items"] == []
    for url in (f"/problems/{problem.pk}", f"/rectifications/{task.pk}", f"/devices/{device.pk}"):
        assert api.get(url).status_code == 404, url
    assert api.post(f"/rectifications/{task.pk}/report", {"text": "x"}).status_code == 404
    assert api.post(f"/problems/{problem.pk}/tasks", {"measures": "x"}).status_code == 404
    assert Problem.objects.count() == 1


def test_devices_list_and_summary(api, supervisor, head, market, device):
    api.login(head)
    made = api.post(
        "/devices",
        {
            "agency_id": market.pk,
            "name": "电子警察",
            "location": "西湖路",
            "legal_basis": "依据",
            "status": "stopped",
        },
    )
    assert made.status_code == 201 and made.json()["status_label"] == "停用"
    api.login(supervisor)
    listed = api.get("/devices", sort="name", published="1").json()
    assert [d["name"] for d in listed["items"]] == ["东湖路口测速设备"]
    assert api.get("/devices/summary").json() == [
        {
            "agency_id": market.pk,
            "agency_name": "东区市场监督管理局",
            "total": 2,
            "in_use": 1,
            "stopped": 1,
            "cleared": 0,
            "unpublished": 0,
            "unapproved": 0,
        }
    ]
