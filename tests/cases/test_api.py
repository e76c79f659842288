"""/api/cases/: the list with the page's filters, one case in full, intake, the simple procedure and every
transition through the services; another agency's case is a 404 on every object-level endpoint, a step
the user may not do a 403, a refusal a 422 with the Chinese reason by field; the party's ID number never
leaves the server unmasked."""

import json
from datetime import date

import pytest

from tests.cases.conftest import hearing_host, penalty
from tests.cases.test_views import PERSON_ID, advance, open_case
from tests.factories import AgencyFactory
from tests.helpers import paperwork
from tests.review.helpers import pass_review
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.core.models import Record
from zhifa.core.validators import credit_code_with_check

pytestmark = pytest.mark.django_db

BASE = "/api/cases"


class Api:
    def __init__(self, client):
        self.client = client

    def login(self, user):
        self.client.force_login(user)
        return self

    def _call(self, method, url, data=None):
        kwargs = (
            {}
            if data is None
            else {"data": json.dumps(data, default=str), "content_type": "application/json"}
        )
        response = getattr(self.client, method)(f"{BASE}{url}", **kwargs)
        assert PERSON_ID not in response.content.decode(), f"{method.upper()} {url} exposed an ID number"
        return response

    def get(self, url, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return self._call("get", f"{url}?{query}" if query else url)

    def post(self, url, data=None):
        return self._call("post", url, data if data is not None else {})


def errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {str(error["loc"][-1]): error["msg"] for error in response.json()["detail"]}


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def outsider(city, make_user):
    west = AgencyFactory(name="西县综合行政执法局", region=city["west"])
    return make_user(west, RoleCode.OFFICER, RoleCode.UNIT_HEAD, username="west_all")


def intake_payload(**overrides):
    return {
        "source": "complaint",
        "summary": "销售过期食品",
        "discovered_on": "2026-03-01",
        "place": "东区人民路8号",
        "item_codes": ["SCJG-CF-001"],
        "party": {"kind": "person", "name": "王某", "id_number": PERSON_ID},
        **overrides,
    }


class TestReads:
    def test_list_filters_and_pages(self, api, handler_user, leader, agencies, officers, catalogue):
        open_case(agencies, handler_user, officers, summary="甲")
        decided = advance(
            open_case(agencies, handler_user, officers, summary="乙"),
            CaseStatus.DECIDED,
            handler_user,
            leader,
        )
        api.login(handler_user)
        listed = api.get("/").json()
        assert listed["count"] == 2 and {c["summary"] for c in listed["items"]} == {"甲", "乙"}
        assert [c["summary"] for c in api.get("/", status="decided").json()["items"]] == ["乙"]
        assert [c["summary"] for c in api.get("/", q=decided.number).json()["items"]] == ["乙"]
        assert api.get("/", overdue="true").json()["count"] == 2
        assert api.get("/", date_from="2026-03-02", date_to="2026-03-02").json()["count"] == 1
        assert api.get("/", handler_id=officers[0].pk).json()["count"] == 2
        assert api.get("/", limit=1).json()["items"][0]["status_label"] in ("待立案", "已决定")

    def test_detail_in_full_with_the_id_number_masked(
        self, api, handler_user, leader, agencies, officers, catalogue
    ):
        case = open_case(
            agencies,
            handler_user,
            officers,
            party=services.PartyInput(kind="person", name="王某", id_number=PERSON_ID),
        )
        case = advance(case, CaseStatus.SERVED, handler_user, leader)
        api.login(handler_user)
        data = api.get(f"/{case.pk}").json()
        assert data["party_id_number_masked"] == "*" * 14 + PERSON_ID[-4:]
        assert [h["name"] for h in data["handlers"]] == ["张伟", "李娜"] and all(
            h["certified"] for h in data["handlers"]
        )
        assert data["decision"]["level"] == "ordinary" and data["decision"]["fine"] == "70000.00"
        assert data["services"][0]["recipient"] == "法定代表人" and data["executions"] == []
        assert [r["action"] for r in data["records"]][-1] == "case.serve"
        assert data["records"][0]["action_label"] == "案件登记"
        assert data["clocks"] == [] and data["items"] == [
            {"code": "SCJG-CF-001", "name": "销售不符合食品安全标准的食品"}
        ]

    def test_clocks_in_the_detail(self, api, handler_user, registered):
        api.login(handler_user)
        (clock,) = api.get(f"/{registered.pk}").json()["clocks"]
        assert clock == {"step": "decide", "label": "作出决定", "due": "2026-05-31", "state": "overdue"}


class TestWrites:
    def test_intake(self, api, handler_user, catalogue):
        api.login(handler_user)
        response = api.post("/", intake_payload())
        assert response.status_code == 201, response.content
        case = Case.objects.get()
        assert response.json()["id"] == case.pk and case.party_id_number == PERSON_ID
        assert Record.objects.for_subject(case).get().action == "case.intake"

    def test_item_not_the_agencys_own_is_422(self, api, handler_user, catalogue):
        api.login(handler_user)
        assert "建议移送" in errors(api.post("/", intake_payload(item_codes=["STHJ-CF-001"])))["item_codes"]
        assert not Case.objects.exists()

    def test_simple_procedure(self, api, handler_user, officers, catalogue):
        api.login(handler_user)
        payload = {
            "summary": "店外占道经营",
            "place": "东区人民路9号",
            "item_code": "SCJG-CF-004",
            "party": {
                "kind": "organisation",
                "name": "东区小吃店",
                "credit_code": credit_code_with_check("92110101MA0000004"),
            },
            "handler_ids": [officers[0].pk, officers[1].pk],
            "decided_on": "2026-03-02",
            "fine": "3000",
        }
        response = api.post("/simple", payload)
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "served"
        assert "请适用普通程序" in errors(api.post("/simple", {**payload, "fine": "3001"}))["fine"]
        assert (
            "两名执法人员"
            in errors(api.post("/simple", {**payload, "handler_ids": [officers[0].pk]}))["handlers"]
        )
        assert Case.objects.count() == 1

    def test_every_transition(self, api, handler_user, leader, new_case, officers):
        case = new_case
        calls = [
            (handler_user, "assign", {"handlers": [{"officer_id": officers[1].pk, "role": "lead"}, {"officer_id": officers[0].pk, "role": "co"}]}, "intake"),
            (leader, "register", {"on": "2026-03-02"}, "investigating"),
            (handler_user, "step", {"step": "on_site", "note": "现场检查后厨"}, "investigating"),
            (leader, "extend", {"days": 10, "reason": "检验鉴定"}, "investigating"),
            (handler_user, "submit-review", {"report": "调查终结"}, "reviewing"),
            (handler_user, "notify", {"on": "2026-03-10", "proposed": "拟罚款70000元", "hearing_rights": True}, "notified"),
            (handler_user, "statement", {"statement": "请求从轻"}, "notified"),
            (handler_user, "hearing-request", {"on": "2026-03-12"}, "hearing"),
            (handler_user, "hearing", {"on": "2026-03-16", "summary": "当事人到场", "host_id": hearing_host(case.agency).pk}, "hearing"),
            (leader, "decide", {"kind": "penalty", "decided_on": "2026-03-20", "reasoning": "依法裁量……", "fine": "70000", "facts": {"fact_value": 3000}, "economic_impact": "不影响企业正常经营"}, "decided"),
            (handler_user, "serve", {"on": "2026-03-23", "method": "direct", "recipient": "法定代表人"}, "served"),
            (handler_user, "execute", {"kind": "paid", "on": "2026-04-01", "amount": "70000"}, "executed"),
            (leader, "close", {"on": "2026-04-02", "summary": "执行完毕"}, "closed"),
            (handler_user, "archive", None, "archived"),
        ]  # fmt: skip
        for user, action, payload, status in calls:
            if action == "decide":  # after a hearing the decision is major: 法制审核 first
                pass_review(Case.objects.get(pk=case.pk), penalty())
            paperwork(case, action)
            before = Record.objects.for_subject(case).count()
            response = api.login(user).post(f"/{case.pk}/{action}", payload)
            assert response.status_code == 200, (action, response.content)
            assert response.json()["status"] == status, action
            assert Record.objects.for_subject(case).count() == before + 1, action
        assert response.json()["decision"]["recommended_max"] == "80000.00"

    def test_decline(self, api, leader, new_case):
        response = api.login(leader).post(f"/{new_case.pk}/decline", {"reason": "不属于本机关管辖"})
        assert response.json()["status"] == "declined"

    def test_refusals_are_422_in_chinese(self, api, handler_user, leader, registered):
        api.login(leader)
        before = Record.objects.count()
        decision = {
            "kind": "penalty",
            "decided_on": "2026-03-20",
            "reasoning": "x",
            "fine": "70000",
            "facts": {"fact_value": 3000},
        }
        assert "须先事先告知" in errors(api.post(f"/{registered.pk}/decide", decision))["status"]
        assert "1至90天" in errors(api.post(f"/{registered.pk}/extend", {"days": 0, "reason": "x"}))["days"]
        api.login(handler_user)
        assert (
            "不能送达"
            in errors(
                api.post(
                    f"/{registered.pk}/serve", {"on": "2026-03-23", "method": "direct", "recipient": "x"}
                )
            )["status"]
        )
        assert (
            "不存在或不是本机关"
            in errors(
                api.post(f"/{registered.pk}/assign", {"handlers": [{"officer_id": 999999, "role": "lead"}]})
            )["handlers"]
        )
        assert Record.objects.count() == before


ACTIONS = [
    "assign",
    "register",
    "decline",
    "step",
    "extend",
    "submit-review",
    "notify",
    "statement",
    "hearing-request",
    "hearing",
    "decide",
    "serve",
    "execute",
    "close",
    "archive",
]


class TestScope:
    def test_another_agencys_case_is_404_everywhere(self, api, outsider, new_case):
        api.login(outsider)
        before = Record.objects.count()
        assert api.get(f"/{new_case.pk}").status_code == 404
        for action in ACTIONS:
            assert api.post(f"/{new_case.pk}/{action}", {}).status_code in (404, 422), action
        # with a valid body the scope check answers first: 404, never a hint
        assert api.post(f"/{new_case.pk}/register", {"on": "2026-03-02"}).status_code == 404
        assert api.post(f"/{new_case.pk}/decline", {"reason": "x"}).status_code == 404
        assert api.post(f"/{new_case.pk}/archive").status_code == 404
        assert api.get("/").json()["count"] == 0
        assert Record.objects.count() == before

    def test_unknown_case_is_404(self, api, handler_user):
        assert api.login(handler_user).get("/999999").status_code == 404

    def test_officer_may_not_approve(self, api, handler_user, new_case):
        api.login(handler_user)
        response = api.post(f"/{new_case.pk}/register", {"on": "2026-03-02"})
        assert response.status_code == 403 and "无权" in response.json()["detail"]
        assert api.post(f"/{new_case.pk}/decline", {"reason": "x"}).status_code == 403
        new_case.refresh_from_db()
        assert new_case.status == CaseStatus.INTAKE

    def test_role_without_cases_is_403(self, api, agencies, make_user, new_case):
        api.login(make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN))
        assert api.get("/").status_code == 403
        assert api.get(f"/{new_case.pk}").status_code == 403
        assert api.post("/", intake_payload()).status_code == 403

    def test_reviewer_may_read_but_not_intake(self, api, agencies, make_user, catalogue, new_case):
        api.login(make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER))
        assert api.get(f"/{new_case.pk}").status_code == 200
        assert api.post("/", intake_payload()).status_code == 403

    def test_anonymous_is_401(self, api, new_case):
        assert api.get("/").status_code == 401
        assert api.post(f"/{new_case.pk}/archive").status_code == 401

    def test_intake_at_another_agency_is_404(self, api, handler_user, agencies, catalogue):
        api.login(handler_user)
        assert api.post("/", intake_payload(agency_id=agencies["west_market"].pk)).status_code == 404
        assert date(2026, 3, 1) and not Case.objects.exists()
