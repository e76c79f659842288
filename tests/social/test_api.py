"""/api/social/: the same services as the pages; another county's rows are 404; the agency reads only."""

import base64

import pytest

from tests.helpers import Api, errors
from zhifa.social.models import Feedback

from .conftest import CODE, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return Api(client, "/api/social")


def test_appoint_renew_dismiss(api, supervisor, bureau, market):
    api.login(supervisor)
    response = api.post("/supervisors", {"name": "冯立群", "category": "cppcc", "term_start": "2025-03-01",
                                         "term_end": "2026-03-20", "phone": "13805710032",
                                         "agency_ids": [market.pk]})  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["bureau_name"], body["term_state_label"], body["phone"]) == (
        "东区司法局",
        "即将到期",
        "13805710032",
    )
    assert body["agencies"] == [{"id": market.pk, "name": "东区市场监督管理局"}]
    pk = body["id"]
    renewed = api.post(f"/supervisors/{pk}/renew", {"term_end": "2028-03-20", "reason": "续聘"}).json()
    assert (renewed["term_end"], renewed["term_state_label"]) == ("2028-03-20", "任期内")
    dismissed = api.post(f"/supervisors/{pk}/dismiss", {"reason": "辞去"}).json()
    assert (dismissed["status_label"], dismissed["term_state_label"]) == ("已解聘", "已解聘或撤销")


def test_point_with_invalid_credit_code_is_refused(api, supervisor, writes):
    api.login(supervisor)
    before = writes()
    response = api.post("/points", {"name": "某公司", "kind": "enterprise", "credit_code": "91970102MA000030",
                                    "address": "东区", "liaison": "马", "term_start": "2025-03-01",
                                    "term_end": "2027-03-01"})  # fmt: skip
    assert errors(response) == {"credit_code": "统一社会信用代码“91970102MA000030”无效：长度不正确"}
    assert before.none
    response = api.post("/points", {"name": "某公司", "kind": "enterprise", "credit_code": CODE, "address": "东区",
                                    "liaison": "马", "term_start": "2025-03-01", "term_end": "2027-03-01"})  # fmt: skip
    assert response.status_code == 201


def test_feedback_intake_and_supervise(api, supervisor, member, market, head):
    api.login(supervisor)
    content = base64.b64encode(pdf_bytes()).decode()
    response = api.post("/feedback", {"agency_id": market.pk, "supervisor_id": member.pk, "title": "未亮证",
                                      "text": "检查时未亮证", "received_on": "2026-03-02",
                                      "files": [{"name": "说明.pdf", "content_base64": content}]})  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["answer_due"], body["status_label"], body["actions"]) == (
        "2026-03-23",
        "待受理",
        ["acknowledge", "answer", "supervise", "forward"],
    )
    assert [f["name"] for f in body["files"]] == ["说明.pdf"]
    made = api.post(f"/feedback/{body['id']}/supervise", {"reason": ""})
    assert made.status_code == 201
    assert Feedback.objects.get().supervision_item_id == made.json()["item_id"]
    api.login(head)
    seen = api.get(f"/feedback/{body['id']}").json()
    assert (seen["status_label"], seen["actions"]) == ("已转监督事项", [])
    assert api.post(f"/feedback/{body['id']}/answer", {"answer": "x"}).status_code == 403


def test_other_county_is_404(api, west_supervisor, member, received, campaign):
    api.login(west_supervisor)
    assert api.get(f"/supervisors/{member.pk}").status_code == 404
    assert api.get(f"/feedback/{received.pk}").status_code == 404
    assert api.post(f"/feedback/{received.pk}/acknowledge").status_code == 404
    assert api.get(f"/surveys/{campaign.pk}").status_code == 404
    assert api.get("/supervisors").json()["count"] == 0


def test_survey_results_exact(api, supervisor, campaign, market, head):
    api.login(supervisor)
    for rating, score in (("satisfied", 90), ("basic", 85), ("dissatisfied", 60)):
        assert api.post(f"/surveys/{campaign.pk}/responses", {"agency_id": market.pk, "respondent_kind": "public",
                                                              "rating": rating, "score": score}).status_code == 201  # fmt: skip
    assert errors(api.post(f"/surveys/{campaign.pk}/responses", {"agency_id": market.pk, "respondent_kind": "public",
                                                                 "score": 101})) == {
        "score": "评分应在0至100之间，不能为101"
    }  # fmt: skip
    assert api.post(f"/surveys/{campaign.pk}/close").json()["status_label"] == "已结束"
    api.login(head)
    (row,) = api.get("/results", year=2026).json()
    assert (row["satisfaction_rate"], row["satisfaction_percent"], row["mean_score"]) == (
        "2/3",
        66.67,
        "235/3",
    )
