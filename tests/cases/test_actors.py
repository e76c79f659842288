"""Who acts must be qualified (issue 20 item 1; seed 000 §9–10, 001 §6): every enforcement act of a case —
调查取证 (and 查封、扣押), 调查终结, 事先告知, 听证, 决定, 当场处罚 — is refused, naming the person and the
certificate problem, unless the acting account is linked to an officer certified for the case's field on
that date; the 事务性 steps (受案登记, 接收申请, 送达, 执行) are done by anyone else only assisting a named
certified officer, recorded with them. The page's buttons, the menu and the API's `actions` offer the same.
Each refusal: service, page and API, nothing written."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.cases.conftest import SIMPLE_CODES, certified, hearing_host, intake, link, penalty
from tests.cases.test_views import DECISION_FORM, PERSON_ID, Writes, advance, html, url
from tests.factories import CertificateFactory, OfficerFactory
from tests.helpers import paperwork
from tests.review.helpers import pass_review
from zhifa.accounts.choices import RoleCode
from zhifa.cases import selectors, services
from zhifa.cases.choices import CaseStatus, HandlerRole
from zhifa.cases.models import Case
from zhifa.core.menu import menu_for
from zhifa.core.models import Record
from zhifa.registry.choices import CertificateStatus, PersonKind, PersonStatus

pytestmark = pytest.mark.django_db

SIMPLE = SIMPLE_CODES[:1]  # SCJG-CF-003, an item the simple procedure may decide
AUX = "王芳是行政执法辅助人员，没有有效的行政执法证件（市场监管领域）"
HEAD = "赵主任没有有效的行政执法证件（市场监管领域）"


@pytest.fixture
def assistant(agencies, make_user):
    """王芳's account: 执法辅助人员 of 东区市场监督管理局 (holding the case permission, as today)."""
    officer = OfficerFactory(agency=agencies["east_market"], name="王芳", kind=PersonKind.AUXILIARY)
    return link(make_user(agencies["east_market"], RoleCode.AUXILIARY, real_name="王芳"), officer)


@pytest.fixture
def head(agencies, make_user):
    """A unit head with no officer record and no certificate."""
    return make_user(agencies["east_market"], RoleCode.OFFICER, RoleCode.UNIT_HEAD, real_name="赵主任")


def refusal(service, **kwargs) -> dict[str, list[str]]:
    """The refusal of `service` called with `kwargs`, by field."""
    with pytest.raises(ValidationError) as refused:
        service(**kwargs)
    return refused.value.message_dict


def case_records(case) -> int:
    return Record.objects.for_subject(case).count()


def api_post(client, user, path, data=None):
    client.force_login(user)
    return client.post(
        f"/api/cases{path}", data=json.dumps(data or {}, default=str), content_type="application/json"
    )


def api_errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {str(e["loc"][-1]): e["msg"] for e in response.json()["detail"]}


# ---- the reproductions, refused ----------------------------------------------------------------------


class TestAuxiliaryStaffDoNotEnforce:
    def test_inquiry(self, client, assistant, registered):
        message = f"{AUX}，不能记录调查取证"
        before = case_records(registered)
        assert refusal(
            services.case_record_step, actor=assistant, case=registered, step="inquiry", note="询问当事人"
        ) == {"actor": [message]}
        client.force_login(assistant)
        page = client.post(url(registered, "step"), {"step": "inquiry", "note": "询问当事人"})
        assert page.status_code == 200 and message in page.context["form"].non_field_errors()
        api = api_post(client, assistant, f"/{registered.pk}/step", {"step": "inquiry", "note": "询问当事人"})
        assert api_errors(api) == {"actor": message}
        assert case_records(registered) == before

    def test_investigation_report(self, client, assistant, registered):
        registered = paperwork(registered, "submit-review")  # the 立案审批表: only the actor is wrong
        message = f"{AUX}，不能调查终结，提交审核"
        before = case_records(registered)
        assert refusal(
            services.case_submit_for_review, actor=assistant, case=registered, report="调查终结"
        ) == {"actor": [message]}
        client.force_login(assistant)
        page = client.post(url(registered, "submit-review"), {"investigation_report": "调查终结"})
        assert message in page.context["form"].non_field_errors()
        api = api_post(client, assistant, f"/{registered.pk}/submit-review", {"report": "调查终结"})
        assert api_errors(api) == {"actor": message}
        registered.refresh_from_db()
        assert registered.status == CaseStatus.INVESTIGATING and registered.investigation_report == ""
        assert case_records(registered) == before

    def test_prior_notice(self, client, assistant, handler_user, leader, registered):
        case = advance(registered, CaseStatus.REVIEWING, handler_user, leader)
        message = f"{AUX}，不能事先告知"
        before = case_records(case)
        assert refusal(
            services.case_notify,
            actor=assistant,
            case=case,
            on=date(2026, 3, 10),
            proposed="拟罚款",
            hearing_rights=True,
        ) == {"actor": [message]}
        client.force_login(assistant)
        page = client.post(url(case, "notify"), {"on": "2026-03-10", "proposed": "拟罚款"})
        assert message in page.context["form"].non_field_errors()
        api = api_post(client, assistant, f"/{case.pk}/notify", {"on": "2026-03-10", "proposed": "拟罚款"})
        assert api_errors(api) == {"actor": message}
        case.refresh_from_db()
        assert case.status == CaseStatus.REVIEWING and case.notified_on is None
        assert case_records(case) == before

    def test_on_the_spot_penalty(self, client, assistant, officers, catalogue):
        message = f"{AUX}，不能当场作出处罚决定并交付"
        writes = Writes()
        assert refusal(
            services.case_simple,
            actor=assistant,
            agency=officers[0].agency,
            data=intake(codes=SIMPLE),
            handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
            decision=penalty(fine="200", decided_on=date(2026, 3, 2)),
            recipient="",
        ) == {"actor": [message]}
        client.force_login(assistant)
        form = {
            "item_code": SIMPLE[0],
            "summary": "未按规定公示食品经营许可证",
            "place": "东区人民路5号",
            "decided_on": "2026-03-02",
            "party_kind": "person",
            "party_name": "王某",
            "party_id_number": PERSON_ID,
            "lead": officers[0].pk,
            "co": officers[1].pk,
            "fine": "200",
        }
        page = client.post("/cases/simple/new/", form)
        assert page.status_code == 200 and message in page.context["form"].non_field_errors()
        api = api_post(
            client,
            assistant,
            "/simple",
            {
                "summary": "未按规定公示食品经营许可证",
                "place": "东区人民路5号",
                "item_code": SIMPLE[0],
                "party": {"kind": "person", "name": "王某", "id_number": PERSON_ID},
                "handler_ids": [officers[0].pk, officers[1].pk],
                "decided_on": "2026-03-02",
                "fine": "200",
            },
        )
        assert api_errors(api) == {"actor": message}
        assert writes.nothing and not Case.objects.exists()

    def test_the_simple_procedure_is_neither_in_the_menu_nor_on_the_list(self, client, assistant, officers):
        labels = [item["label"] for module in menu_for(assistant) for item in module["items"]]
        assert "登记案件" in labels and "简易程序" not in labels  # 受案登记 they may do, assisting
        client.force_login(assistant)
        text = html(client.get("/cases/"))
        assert "/cases/new/" in text and "/cases/simple/new/" not in text
        page = html(client.get("/cases/simple/new/"))
        assert "王芳是行政执法辅助人员，没有有效的行政执法证件，不能当场作出处罚决定并交付。" in page

    def test_the_certified_officer_sees_both(self, client, handler_user):
        labels = [item["label"] for module in menu_for(handler_user) for item in module["items"]]
        assert "登记案件" in labels and "简易程序" in labels
        client.force_login(handler_user)
        assert "/cases/simple/new/" in html(client.get("/cases/"))


class TestCertificateProblems:
    def test_an_uncertified_head_does_not_decide(self, client, head, handler_user, leader, registered):
        case = paperwork(advance(registered, CaseStatus.NOTIFIED, handler_user, leader), "decide", "penalty")
        message = f"{HEAD}，不能作出决定"
        before = case_records(case)
        assert refusal(services.case_decide, actor=head, case=case, decision=penalty()) == {
            "actor": [message]
        }
        client.force_login(head)
        page = client.post(url(case, "decide"), DECISION_FORM)
        assert message in page.context["form"].non_field_errors()
        api = api_post(
            client,
            head,
            f"/{case.pk}/decide",
            {"kind": "penalty", "decided_on": "2026-03-20", "reasoning": "依法裁量", "fine": "70000"},
        )
        assert api_errors(api) == {"actor": message}
        case.refresh_from_db()
        assert case.status == CaseStatus.NOTIFIED and not hasattr(case, "decision")
        assert case_records(case) == before

    def test_a_certificate_expired_on_the_decision_day(
        self, agencies, make_user, handler_user, leader, registered
    ):
        case = paperwork(advance(registered, CaseStatus.NOTIFIED, handler_user, leader), "decide", "penalty")
        officer = OfficerFactory(agency=agencies["east_market"], name="吴强")
        CertificateFactory(
            officer=officer, number="JZ20210001", issued_on=date(2021, 3, 25), expires_on=date(2026, 3, 25)
        )
        deputy = link(make_user(agencies["east_market"], RoleCode.UNIT_HEAD), officer)
        late = penalty(decided_on=date(2026, 3, 26))
        assert refusal(services.case_decide, actor=deputy, case=case, decision=late) == {
            "actor": [
                "吴强的行政执法证件JZ20210001（市场监管领域）已于2026年3月25日过期，2026年3月26日无效，不能作出决定"
            ]
        }
        case.refresh_from_db()
        assert case.status == CaseStatus.NOTIFIED
        # on the last day of its term the certificate is valid
        decided = services.case_decide(
            actor=deputy, case=case, decision=penalty(decided_on=date(2026, 3, 25))
        )
        assert decided.status == CaseStatus.DECIDED and decided.decision.decided_by == deputy

    def test_a_suspended_certificate_does_not_host_a_hearing(
        self, agencies, make_user, handler_user, leader, registered
    ):
        case = advance(registered, CaseStatus.HEARING, handler_user, leader)
        officer = certified(agencies["east_market"], "林小红")
        officer.certificates.update(status=CertificateStatus.SUSPENDED, number="JZ20250099")
        host = link(make_user(agencies["east_market"], RoleCode.OFFICER), officer)
        assert refusal(
            services.case_hold_hearing,
            actor=host,
            case=case,
            on=date(2026, 3, 16),
            summary="当事人到场",
            host=hearing_host(case.agency),
        ) == {
            "actor": [
                "林小红的行政执法证件JZ20250099（市场监管领域）已被暂扣，2026年3月16日不能从事执法活动，不能记录听证"
            ]
        }
        case.refresh_from_db()
        assert case.hearing_held_on is None

    def test_an_officer_who_left_does_not_seize(self, agencies, make_user, registered):
        officer = certified(agencies["east_market"], "周退")
        officer.status = PersonStatus.LEFT
        officer.save(update_fields=["status"])
        former = link(make_user(agencies["east_market"], RoleCode.OFFICER), officer)
        assert refusal(
            services.case_record_step, actor=former, case=registered, step="seizure", note="扣押过期食品27件"
        ) == {"actor": ["周退当前为“调离/退休”，不得从事执法活动，不能查封、扣押"]}

    def test_a_certificate_of_another_field(self, agencies, make_user, registered):
        officer = OfficerFactory(agency=agencies["east_market"], name="胡斌", fields=["ecology"])
        CertificateFactory(officer=officer, number="JZ20250100", fields=["ecology"])
        other = link(make_user(agencies["east_market"], RoleCode.OFFICER), officer)
        assert refusal(
            services.case_record_step, actor=other, case=registered, step="on_site", note="现场检查"
        ) == {"actor": ["胡斌没有有效的行政执法证件（市场监管领域），不能记录调查取证"]}


# ---- the acts, done by certified officers ------------------------------------------------------------


class TestCertifiedOfficersAct:
    def test_each_act_by_its_certified_actor(self, handler_user, leader, registered):
        case = services.case_record_step(
            actor=handler_user, case=registered, step="inquiry", note="询问当事人"
        )
        case = services.case_record_step(actor=handler_user, case=case, step="seizure", note="扣押过期食品")
        case = advance(case, CaseStatus.HEARING, handler_user, leader)  # 调查终结, 告知 by 张伟
        case = services.case_hold_hearing(
            actor=handler_user,
            case=case,
            on=date(2026, 3, 16),
            summary="到场",
            host=hearing_host(case.agency),
        )
        pass_review(Case.objects.get(pk=case.pk), penalty())
        case = services.case_decide(
            actor=leader, case=paperwork(case, "decide", "penalty"), decision=penalty()
        )
        assert case.status == CaseStatus.DECIDED and case.decision.decided_by == leader
        acts = {
            r.action: r.actor_name
            for r in Record.objects.for_subject(case).filter(
                action__in=["case.step", "case.submit_review", "case.notify", "case.hearing", "case.decide"]
            )
        }
        assert acts == {
            "case.step": handler_user.real_name,
            "case.submit_review": handler_user.real_name,
            "case.notify": handler_user.real_name,
            "case.hearing": handler_user.real_name,
            "case.decide": leader.real_name,
        }

    def test_on_the_spot_penalty_by_a_certified_officer(self, handler_user, officers, catalogue):
        case = services.case_simple(
            actor=handler_user,
            agency=officers[0].agency,
            data=intake(codes=SIMPLE),
            handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
            decision=penalty(fine="200", decided_on=date(2026, 3, 2)),
            recipient="",
        )
        assert case.status == CaseStatus.SERVED and case.decision.decided_by == handler_user

    def test_the_system_acts_as_before(self, registered):
        case = services.case_record_step(actor=None, case=registered, step="on_site", note="现场检查")
        assert case.status == CaseStatus.INVESTIGATING


# ---- 事务性 steps: assisting a named officer ------------------------------------------------------------


class TestAssisting:
    def test_intake_needs_the_supervising_officer(self, client, assistant, officers, catalogue):
        agency = officers[0].agency
        message = "王芳不是持证执法人员，案件登记须在执法人员指导下进行，请选择指导执法人员"
        assert refusal(services.case_intake, actor=assistant, agency=agency, data=intake()) == {
            "supervisor": [message]
        }
        api = api_post(
            client,
            assistant,
            "/",
            {
                "source": "complaint",
                "summary": "销售过期食品",
                "discovered_on": "2026-03-01",
                "place": "东区人民路8号",
                "item_codes": ["SCJG-CF-001"],
                "party": {"kind": "person", "name": "王某", "id_number": PERSON_ID},
            },
        )
        assert api_errors(api) == {"supervisor": message}
        client.force_login(assistant)
        form = {
            "source": "complaint",
            "summary": "销售过期食品",
            "discovered_on": "2026-03-01",
            "place": "东区人民路8号",
            "item_codes": ["SCJG-CF-001"],
            "party_kind": "person",
            "party_name": "王某",
            "party_id_number": PERSON_ID,
        }
        page = client.post("/cases/new/", form)
        assert page.context["form"].errors["supervisor"] == [message]
        assert not Case.objects.exists() and not Record.objects.filter(action="case.intake").exists()
        response = client.post("/cases/new/", {**form, "supervisor": officers[0].pk})
        assert response.status_code == 302
        case = Case.objects.get()
        record = Record.objects.for_subject(case).get(action="case.intake")
        assert record.actor_name == "王芳"
        assert json.loads(record.payload)["supervisor"] == {"officer": officers[0].pk, "name": "张伟"}
        entry = next(
            e for e in selectors.timeline(case) if e.action == selectors.ACTION_LABELS["case.intake"]
        )
        assert ("指导执法人员", "张伟") in entry.details and entry.actor == "王芳"

    def test_the_supervisor_must_be_certified(self, agencies, assistant, officers, catalogue):
        other = OfficerFactory(agency=agencies["east_market"], name="黄晓东", kind=PersonKind.AUXILIARY)
        assert refusal(
            services.case_intake,
            actor=assistant,
            agency=agencies["east_market"],
            data=intake(),
            supervisor=other,
        ) == {
            "supervisor": [
                "黄晓东是行政执法辅助人员，没有有效的行政执法证件（市场监管领域），不能指导案件登记"
            ]
        }
        assert not Case.objects.exists()

    def test_service_by_an_assistant_through_the_api(
        self, client, assistant, handler_user, leader, registered, officers
    ):
        case = advance(registered, CaseStatus.DECIDED, handler_user, leader)
        case = paperwork(case, "serve")  # the 决定书 and 送达回证: only the supervisor is missing
        data = {"on": "2026-03-23", "method": "direct", "recipient": "法定代表人"}
        assert api_errors(api_post(client, assistant, f"/{case.pk}/serve", data)) == {
            "supervisor": "王芳不是持证执法人员，送达决定书须在执法人员指导下进行，请选择指导执法人员"
        }
        case.refresh_from_db()
        assert case.status == CaseStatus.DECIDED
        response = api_post(client, assistant, f"/{case.pk}/serve", {**data, "supervisor_id": officers[1].pk})
        assert response.status_code == 200 and response.json()["status"] == "served"
        record = Record.objects.for_subject(case).get(action="case.serve")
        assert json.loads(record.payload)["supervisor"] == {"officer": officers[1].pk, "name": "李娜"}

    def test_a_certified_officer_serves_on_their_own(self, handler_user, leader, registered):
        case = advance(registered, CaseStatus.SERVED, handler_user, leader)
        record = Record.objects.for_subject(case).get(action="case.serve")
        assert "supervisor" not in json.loads(record.payload)

    def test_execution_by_an_assistant_on_the_page(
        self, client, assistant, handler_user, leader, registered, officers
    ):
        case = advance(registered, CaseStatus.SERVED, handler_user, leader)
        client.force_login(assistant)
        data = {"kind": "paid", "on": "2026-04-01", "amount": "70000"}
        page = client.post(url(case, "execute"), data)
        assert page.context["form"].errors["supervisor"] == [
            "王芳不是持证执法人员，登记执行情况须在执法人员指导下进行，请选择指导执法人员"
        ]
        assert client.post(url(case, "execute"), {**data, "supervisor": officers[0].pk}).status_code == 302
        case.refresh_from_db()
        assert case.status == CaseStatus.EXECUTED and case.executions.get().amount == Decimal(70000)


# ---- what is offered ---------------------------------------------------------------------------------


class TestOffered:
    def test_buttons_and_api_actions_agree(self, client, assistant, handler_user, head, registered):
        expected = {  # 指定承办人员 is a certified officer's (issue 20: the qualified-actor rule)
            assistant: [],
            handler_user: ["assign", "step", "submit-review"],
            head: ["extend"],
        }
        for user, actions in expected.items():
            assert selectors.offered_actions(user, registered) == actions
            client.force_login(user)
            text = html(client.get(url(registered)))
            for action in ["assign", "step", "submit-review", "extend"]:
                assert (url(registered, action) in text) == (action in actions), (user, action)
            api = client.get(f"/api/cases/{registered.pk}").json()["actions"]
            assert [a["action"] for a in api] == actions

    def test_the_step_page_says_why_not(self, client, assistant, registered):
        client.force_login(assistant)
        text = html(client.get(url(registered, "step")))
        assert f"{AUX}，不能记录调查取证。" in text

    def test_decide_is_offered_to_a_certified_leader_only(self, head, handler_user, leader, registered):
        case = advance(registered, CaseStatus.NOTIFIED, handler_user, leader)
        assert "decide" in selectors.offered_actions(leader, case)
        assert "decide" not in selectors.offered_actions(head, case)
