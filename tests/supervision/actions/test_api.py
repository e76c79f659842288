"""/api/supervision/ 监督事项: the same services as the pages — the loop, access (another agency: 404), and
the refusals of the issue (deadline in the past, reply by a third agency, instrument without finding) with
nothing written."""

import base64
from datetime import date

import pytest

from tests.helpers import Api, errors
from tests.supervision.actions.conftest import pdf_bytes
from zhifa.supervision.actions.choices import ItemStatus
from zhifa.supervision.models import SupervisionItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return Api(client, "/api/supervision")


def test_the_loop_through_the_api(api, supervisor, head, agencies, today):
    api.login(supervisor)
    made = api.post(
        "/items",
        {
            "kind": "key",
            "target_kind": "agency",
            "agency_ids": [agencies["east_market"].pk],
            "title": "重点监督",
        },
    )
    assert made.status_code == 201
    (item,) = made.json()
    assert (item["status"], item["status_label"], item["agency_name"]) == (
        "open",
        "核查中",
        "东区市场监督管理局",
    )
    detail = api.post(f"/items/{item['id']}/findings", {"text": "以罚代管"}).json()
    assert detail["actions"] == ["find", "issue", "close"]
    finding = detail["findings"][0]["id"]
    issued = api.post(
        f"/items/{item['id']}/instruments",
        {"grade": "opinion", "requirements": "建立日常监管台账", "finding_ids": [finding]},
    )
    assert issued.status_code == 201
    instrument = issued.json()["instruments"][0]
    assert (instrument["number"], instrument["reply_due"], instrument["rectify_due"]) == (
        "东司监意〔2026〕1号",
        "2026-03-27",
        "2026-04-20",
    )
    pdf = api.get(f"/instruments/{instrument['id']}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    api.login(head)
    content = base64.b64encode(pdf_bytes()).decode()
    replied = api.post(
        f"/items/{item['id']}/reply",
        {"text": "已建立台账", "files": [{"name": "台账.pdf", "content_base64": content}]},
    ).json()
    assert replied["status"] == "replied"
    assert [(f["name"], f["size"]) for f in replied["replies"][0]["files"]] == [
        ("台账.pdf", len(pdf_bytes()))
    ]

    api.login(supervisor)
    returned = api.post(f"/items/{item['id']}/return", {"reason": "台账未覆盖全部市场主体"}).json()
    assert (returned["status"], returned["due_on"]) == ("awaiting", "2026-04-20")
    today(date(2026, 4, 21))
    escalated = api.post(f"/items/{item['id']}/escalate", {"step": "deadline", "note": "限期整改"}).json()
    assert (escalated["escalation"], escalated["due_on"], escalated["overdue"]) == (
        "deadline",
        "2026-05-08",
        False,
    )
    listed = api.get("/items", overdue="true").json()
    assert listed["count"] == 0
    today(date(2026, 5, 11))
    assert [i["id"] for i in api.get("/items", overdue="true").json()["items"]] == [item["id"]]


def test_one_action_from_a_case(api, supervisor, new_case):
    api.login(supervisor)
    response = api.post(f"/cases/{new_case.pk}/items", {"reason": "办案超期"})
    assert response.status_code == 201
    assert (response.json()["case_id"], response.json()["target_kind"]) == (new_case.pk, "case")


def test_another_agency_gets_404(api, item, notice, third_head, west_supervisor, writes):
    for user in (third_head, west_supervisor):
        api.login(user)
        before = writes()
        assert api.get(f"/items/{item.pk}").status_code == 404
        assert api.get(f"/instruments/{notice.pk}/pdf").status_code == 404
        assert api.post(f"/items/{item.pk}/reply", {"text": "代为答复"}).status_code == 404
        assert api.post(f"/items/{item.pk}/findings", {"text": "x"}).status_code == 404
        assert api.get("/items").json()["count"] == 0
        assert before.none


def test_a_deadline_in_the_past_is_refused(api, item, finding, supervisor, writes):
    api.login(supervisor)
    before = writes()
    response = api.post(
        f"/items/{item.pk}/instruments",
        {"grade": "notice", "requirements": "纠正", "finding_ids": [finding.pk], "reply_due": "2026-03-02"},
    )
    assert errors(response) == {"reply_due": "答复期限（2026-03-02）已过去，不能早于今天（2026-03-06）"}
    assert before.none


def test_an_instrument_without_a_finding_is_refused(api, item, supervisor, writes):
    api.login(supervisor)
    before = writes()
    response = api.post(f"/items/{item.pk}/instruments", {"grade": "notice", "requirements": "纠正"})
    assert errors(response) == {
        "findings": "制发监督文书须依据已记录的问题：请先记录发现的问题，并选择文书所依据的问题"
    }
    assert before.none


def test_bad_base64_is_refused(api, item, notice, head, writes):
    api.login(head)
    before = writes()
    response = api.post(
        f"/items/{item.pk}/reply", {"text": "已整改", "files": [{"name": "a.pdf", "content_base64": "%%%"}]}
    )
    assert errors(response) == {"files": "“a.pdf”的内容不是有效的Base64编码"}
    assert before.none
    assert SupervisionItem.objects.get(pk=item.pk).status == ItemStatus.AWAITING


def test_the_default_deadlines_of_the_callers_region(api, supervisor):
    api.login(supervisor)
    assert api.get("/deadlines").json() == {
        "notice": ["2026-03-20", "2026-04-03"],
        "opinion": ["2026-03-27", "2026-04-20"],
        "decision": ["2026-03-27", "2026-04-20"],
    }
