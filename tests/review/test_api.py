"""/api/review/: the same services as the pages — and /api/cases/…/decide cannot go around the gate."""

import json

import pytest

from tests.review.conftest import PASS_REASON, notify
from zhifa.cases.models import Decision
from zhifa.review.choices import CheckPoint
from zhifa.review.models import Review

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, data=json.dumps(data, default=str), content_type="application/json")


def text(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def decide_payload(fine="70000") -> dict:
    return {
        "kind": "penalty",
        "decided_on": "2026-03-20",
        "reasoning": "经查……",
        "fine": fine,
        "facts": {"fact_value": 3000},
        "economic_impact": "罚款不影响企业正常经营和职工就业",
    }


def checklist(**problems) -> dict:
    return {p: {"ok": p not in problems, "comment": problems.get(p, PASS_REASON)} for p in CheckPoint.values}


def test_the_whole_loop_through_the_api(client, investigated, handler_user, reviewer, leader):
    case = notify(investigated, handler_user)
    client.force_login(leader)
    refused = post(client, f"/api/cases/{case.pk}/decide", decide_payload())
    assert refused.status_code == 422 and "未经法制审核" in text(refused)
    assert not Decision.objects.exists()

    client.force_login(handler_user)
    made = post(
        client,
        f"/api/review/cases/{case.pk}",
        {
            "proposal": "拟罚款70000元",
            "fine": "70000",
            "facts": {"fact_value": 3000},
            "suspected_crime": False,
        },
    )
    assert made.status_code == 201, made.content
    review_id = made.json()["id"]
    assert {f["point"] for f in made.json()["precheck"]} == set(CheckPoint.values)

    client.force_login(reviewer)
    bad = post(client, f"/api/review/{review_id}/opinion", {"checklist": checklist(law="")})
    assert bad.status_code == 422 and "须写明问题和理由" in text(bad)
    problems = post(client, f"/api/review/{review_id}/opinion", {"checklist": checklist(law="条款引用错误")})
    assert problems.json()["status"] == "problems"

    client.force_login(handler_user)
    again = post(
        client,
        f"/api/review/{review_id}/resubmit",
        {
            "proposal": "已更正",
            "fine": "70000",
            "facts": {"fact_value": 3000},
            "suspected_crime": False,
            "answers": {"law": "已更正为第一百二十四条"},
        },
    )
    assert again.status_code == 200 and len(again.json()["rounds"]) == 2

    client.force_login(reviewer)
    post(client, f"/api/review/{review_id}/opinion", {"checklist": checklist()})
    client.force_login(leader)
    heavier = post(client, f"/api/cases/{case.pk}/decide", decide_payload("80000"))
    assert heavier.status_code == 422 and "重于审核通过的" in text(heavier)
    assert post(client, f"/api/cases/{case.pk}/decide", decide_payload()).status_code == 200
    assert Review.objects.get().rounds.count() == 2


def test_another_agency_gets_404(client, passed, other_officer):
    client.force_login(other_officer)
    assert client.get(f"/api/review/{passed.pk}").status_code == 404
    assert client.get("/api/review/").json()["count"] == 0
    for action in ("resubmit", "opinion", "dispute", "resolve", "assign", "invite", "pre-review"):
        assert post(client, f"/api/review/{passed.pk}/{action}", {}).status_code in (404, 422), action
    assert post(client, f"/api/review/{passed.pk}/dispute", {"reason": "x"}).status_code == 404


def test_a_colleague_who_is_not_the_reviewer_gets_403(client, submitted, make_user, agencies):
    from zhifa.accounts.choices import RoleCode

    colleague = make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER)
    client.force_login(colleague)
    assert post(client, f"/api/review/{submitted.pk}/opinion", {"checklist": checklist()}).status_code == 403
