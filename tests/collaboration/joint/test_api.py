"""/api/collaboration/: the same rules through the API — a 专项 application less than 5 days ahead is a 422
naming the field, nothing written; another county's user gets a 404; the officer search returns matches
only; a meeting and its decisions."""

import pytest

from tests.helpers import Api, errors
from zhifa.collaboration.joint.choices import ActionStatus

from .conftest import JointWrites

pytestmark = pytest.mark.django_db


def body(agencies, ecology, zhang, hu, starts_on="2026-03-11"):
    return {
        "title": "专项整治", "place": "城乡结合部", "starts_on": starts_on, "ends_on": "2026-03-13",
        "agency_ids": [ecology.pk], "officer_ids": [zhang.pk, hu.pk], "tasks": ["查资质"], "plan": "集中行动",
    }  # fmt: skip


def test_apply_through_the_api(
    client, group, agencies, catalogue, ecology, zhang, hu, market_user, office_user
):
    api = Api(client, "/api/collaboration/joint").login(market_user)
    writes = JointWrites()
    late = api.post("/apply", body(agencies, ecology, zhang, hu, starts_on="2026-03-09"))
    assert errors(late)["starts_on"].startswith("专项联合执法应当提前5日向领导小组办公室提出申请")
    assert writes.none
    made = api.post("/apply", body(agencies, ecology, zhang, hu))
    assert made.status_code == 201
    data = made.json()
    assert (data["status"], data["kind_label"], [p["agency_name"] for p in data["participants"]]) == (
        ActionStatus.APPLIED,
        "专项联合执法",
        ["东区市场监督管理局", "东区生态环境局"],
    )
    assert data["actions"] == []  # the applicant does not approve
    office = Api(client, "/api/collaboration/joint").login(office_user)
    assert office.get(f"/{data['id']}").json()["actions"] == ["approve", "refuse"]
    assert errors(office.post(f"/{data['id']}/refuse", {"note": ""}))["note"] == "请填写不同意的理由"
    assert office.post(f"/{data['id']}/approve", {"note": "同意"}).json()["status"] == ActionStatus.DEPLOYED


def test_another_countys_user_gets_404(client, applied, other_officer):
    api = Api(client, "/api/collaboration/joint").login(other_officer)
    assert api.get(f"/{applied.pk}").status_code == 404
    writes = JointWrites()
    assert api.post(f"/{applied.pk}/approve", {"note": ""}).status_code == 404
    assert writes.none
    assert api.get("/").json()["items"] == []


def test_the_officer_search_finds_by_name_not_everyone(client, group, market_user, hu, zhang):
    api = Api(client, "/api/collaboration/joint").login(market_user)
    assert [o["name"] for o in api.get("/officers", q="胡斌").json()] == ["胡斌"]
    assert api.get("/officers").json() == []


def test_a_meeting_through_the_api(client, group, office_user, agencies, ecology):
    api = Api(client, "/api/collaboration/meetings").login(office_user)
    made = api.post("/", {"kind": "conference", "title": "联席会议", "held_on": "2026-03-02", "agenda": "通报",
                          "attendee_ids": [agencies["east_market"].pk, ecology.pk]})  # fmt: skip
    assert made.status_code == 201, made.content
    meeting = made.json()["id"]
    recorded = api.post(f"/{meeting}/record", {"minutes": "纪要", "decisions": [
        {"content": "梳理台账", "owner_id": agencies["east_market"].pk, "workdays": 15}]})  # fmt: skip
    assert [(d["owner_name"], d["due_on"]) for d in recorded.json()["decisions"]] == [
        ("东区市场监督管理局", "2026-03-23")
    ]


def test_a_liaison_through_the_api(client, group, office_user, agencies, other_officer):
    api = Api(client, "/api/collaboration/organisation").login(office_user)
    market = agencies["east_market"]
    assert errors(api.put(f"/liaisons/{market.pk}", {"name": "刘洋", "phone": "x"}))["phone"] == (
        "联系电话格式不正确（7至20位数字，可含“-”）"
    )
    saved = api.put(f"/liaisons/{market.pk}", {"name": "刘洋", "phone": "0579-87110201"}).json()
    assert (saved["name"], saved["phone"]) == ("刘洋", "0579-87110201")
    outsider = Api(client, "/api/collaboration/organisation").login(other_officer)
    assert outsider.put(f"/liaisons/{market.pk}", {"name": "x", "phone": "0579-87110201"}).status_code == 404
