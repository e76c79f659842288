"""Issue 20, the remaining points, each at the service, the page and the API, the refusal naming the person
or the field in Chinese and nothing written:

1. 上传证据 and 制作文书 are 事务性 work: a certified officer does them on their own, anyone else (执法辅助
   人员, an uncertified head) only assisting a named certified officer, recorded with them.
2. 指定承办人员 and 归档 are a certified officer's acts (the qualified-actor rule).
3. 听证主持人 is not one of the case's 承办人员 (行政处罚法 第六十四条（四）).
4. 当场处罚 is decided by one of the officers listed on the case.
5. The 陈述、申辩 period is the agency's own setting (default 5 working days); a notified case keeps its own.
6. The periods run from the day the 事先告知书 was served (day 5 the last, day 6 too late), else from the
   notice date.
"""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.cases.conftest import SIMPLE_CODES, hearing_host, intake, link, penalty
from tests.cases.test_views import PERSON_ID, Writes, advance, html, url
from tests.factories import OfficerFactory
from tests.helpers import Api, paperwork
from tests.review.helpers import pass_review
from zhifa.accounts.choices import RoleCode
from zhifa.cases import periods, rules, selectors, services, workbench
from zhifa.cases.choices import CaseStatus, EvidenceKind, HandlerRole
from zhifa.cases.documents import services as documents
from zhifa.cases.evidence import services as evidence
from zhifa.cases.models import (
    Case,
    CaseDocument,
    CaseHandler,
    Evidence,
    StatementPeriod,
    UploadSession,
)
from zhifa.core.models import Record
from zhifa.registry.choices import PersonKind
from zhifa.registry.models import Officer

pytestmark = pytest.mark.django_db

AUX = "王芳是行政执法辅助人员，没有有效的行政执法证件（市场监管领域）"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def assistant(agencies, make_user):
    """王芳's account: 执法辅助人员 of 东区市场监督管理局."""
    officer = OfficerFactory(agency=agencies["east_market"], name="王芳", kind=PersonKind.AUXILIARY)
    return link(make_user(agencies["east_market"], RoleCode.AUXILIARY, real_name="王芳"), officer)


@pytest.fixture
def api(client):
    return Api(client, "/api/cases")


def refusal(service, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        service(**kwargs)
    return refused.value.message_dict


def errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {str(e["loc"][-1]): e["msg"] for e in response.json()["detail"]}


def records(case) -> int:
    return Record.objects.for_subject(case).count()


def payload(case, action: str) -> dict:
    return json.loads(Record.objects.for_subject(case).filter(action=action).order_by("-seq").first().payload)


def photo() -> evidence.UploadInput:
    return evidence.UploadInput(name="现场.png", size=len(PNG), kind=EvidenceKind.PHOTO, step="on_site")


# ---- 1. evidence and documents: assisting a named officer ---------------------------------------------


class TestEvidenceByAnAssistant:
    MESSAGE = "王芳不是持证执法人员，上传证据须在执法人员指导下进行，请选择指导执法人员"

    def test_service(self, assistant, registered, officers):
        before = records(registered)
        assert refusal(
            evidence.upload_file, actor=assistant, case=registered, data=photo(), chunks=[PNG]
        ) == {"supervisor": [self.MESSAGE]}
        assert not Evidence.objects.exists() and not UploadSession.objects.exists()
        assert records(registered) == before
        made = evidence.upload_file(
            actor=assistant, case=registered, data=photo(), chunks=[PNG], supervisor=officers[0]
        )
        assert made.uploaded_by == assistant
        assert payload(registered, "case.evidence")["supervisor"] == {
            "officer": officers[0].pk,
            "name": "张伟",
        }

    def test_an_auxiliary_supervisor_is_refused(self, agencies, assistant, registered):
        other = OfficerFactory(agency=agencies["east_market"], name="黄晓东", kind=PersonKind.AUXILIARY)
        assert refusal(
            evidence.upload_file,
            actor=assistant,
            case=registered,
            data=photo(),
            chunks=[PNG],
            supervisor=other,
        ) == {
            "supervisor": [
                "黄晓东是行政执法辅助人员，没有有效的行政执法证件（市场监管领域），不能指导上传证据"
            ]
        }
        assert not Evidence.objects.exists()

    def test_a_certified_officer_uploads_on_their_own(self, handler_user, registered):
        evidence.upload_file(actor=handler_user, case=registered, data=photo(), chunks=[PNG])
        assert "supervisor" not in payload(registered, "case.evidence")

    def test_page(self, client, assistant, registered, officers):
        from django.core.files.uploadedfile import SimpleUploadedFile

        client.force_login(assistant)
        page = f"/cases/{registered.pk}/evidence/new/"
        form = {"kind": "photo", "step": "on_site"}
        response = client.post(page, {**form, "file": SimpleUploadedFile("现场.png", PNG, "image/png")})
        assert response.status_code == 200
        assert response.context["form"].errors["supervisor"] == [self.MESSAGE]
        assert not Evidence.objects.exists()
        response = client.post(
            page,
            {**form, "supervisor": officers[1].pk, "file": SimpleUploadedFile("现场.png", PNG, "image/png")},
        )
        assert response.status_code == 302
        assert payload(registered, "case.evidence")["supervisor"] == {
            "officer": officers[1].pk,
            "name": "李娜",
        }

    def test_the_chunked_page_upload(self, client, assistant, registered, officers):
        client.force_login(assistant)
        start = f"/cases/{registered.pk}/evidence/uploads/"
        data = {"name": "现场.png", "size": str(len(PNG)), "kind": "photo", "step": "on_site"}
        response = client.post(start, data)
        assert response.status_code == 422
        assert response.json()["detail"] == [{"loc": ["body", "supervisor"], "msg": self.MESSAGE}]
        assert not UploadSession.objects.exists()
        response = client.post(start, {**data, "supervisor": officers[0].pk})
        assert response.status_code == 201
        assert UploadSession.objects.get().supervisor == officers[0]

    def test_api(self, api, assistant, registered, officers):
        api.login(assistant)
        start = {"name": "现场.png", "size": len(PNG), "kind": "photo", "step": "on_site"}
        assert errors(api.post(f"/{registered.pk}/uploads", start)) == {"supervisor": self.MESSAGE}
        assert not UploadSession.objects.exists()
        response = api.post(f"/{registered.pk}/uploads", {**start, "supervisor_id": officers[0].pk})
        assert response.status_code == 201
        session = response.json()["id"]
        put = api.client.put(
            f"/api/cases/uploads/{session}?offset=0", PNG, content_type="application/octet-stream"
        )
        assert put.status_code == 200, put.content
        assert api.post(f"/uploads/{session}/finish").status_code == 201
        assert payload(registered, "case.evidence")["supervisor"] == {
            "officer": officers[0].pk,
            "name": "张伟",
        }


class TestDocumentsByAnAssistant:
    MESSAGE = "王芳不是持证执法人员，制作文书须在执法人员指导下进行，请选择指导执法人员"
    KIND = "register_approval"  # 立案审批表, ready once the case is registered

    def test_service(self, assistant, registered, officers):
        before = records(registered)
        assert refusal(documents.generate, actor=assistant, case=registered, kind=self.KIND) == {
            "supervisor": [self.MESSAGE]
        }
        assert not CaseDocument.objects.exists() and records(registered) == before
        made = documents.generate(actor=assistant, case=registered, kind=self.KIND, supervisor=officers[0])
        assert made.generated_by == assistant
        assert payload(registered, "case.document")["supervisor"] == {
            "officer": officers[0].pk,
            "name": "张伟",
        }

    def test_page(self, client, assistant, handler_user, registered, officers):
        client.force_login(assistant)
        text = html(client.get(f"/cases/{registered.pk}/documents/"))
        assert (
            f'data-testid="supervisor-{self.KIND}"' in text
            and f'<option value="{officers[0].pk}">张伟</option>' in text
        )
        generate = f"/cases/{registered.pk}/documents/generate/"
        response = client.post(generate, {"kind": self.KIND}, HTTP_HX_REQUEST="true")
        assert self.MESSAGE in html(response) and not CaseDocument.objects.exists()
        response = client.post(
            generate, {"kind": self.KIND, "supervisor": officers[1].pk}, HTTP_HX_REQUEST="true"
        )
        assert "已生成立案审批表" in html(response)
        assert payload(registered, "case.document")["supervisor"] == {
            "officer": officers[1].pk,
            "name": "李娜",
        }
        client.force_login(handler_user)  # certified: generates on their own, nothing to choose
        assert 'data-testid="supervisor-' not in html(client.get(f"/cases/{registered.pk}/documents/"))

    def test_api(self, api, assistant, registered, officers):
        api.login(assistant)
        assert errors(api.post(f"/{registered.pk}/documents", {"kind": self.KIND})) == {
            "supervisor": self.MESSAGE
        }
        assert not CaseDocument.objects.exists()
        response = api.post(
            f"/{registered.pk}/documents", {"kind": self.KIND, "supervisor_id": officers[0].pk}
        )
        assert response.status_code == 201 and response.json()["kind"] == self.KIND


# ---- 2. 指定承办人员 and 归档 -----------------------------------------------------------------------------


class TestAssignAndArchive:
    def test_assign_by_an_assistant(self, client, api, assistant, new_case, officers):
        message = f"{AUX}，不能指定承办人员"
        swapped = [(officers[1], HandlerRole.LEAD), (officers[0], HandlerRole.CO)]
        before = records(new_case)
        assert refusal(services.case_assign, actor=assistant, case=new_case, handlers=swapped) == {
            "actor": [message]
        }
        client.force_login(assistant)
        page = client.post(url(new_case, "assign"), {"lead": officers[1].pk, "co": officers[0].pk})
        assert message in page.context["form"].non_field_errors()
        body = {
            "handlers": [
                {"officer_id": officers[1].pk, "role": "lead"},
                {"officer_id": officers[0].pk, "role": "co"},
            ]
        }
        assert errors(api.login(assistant).post(f"/{new_case.pk}/assign", body)) == {"actor": message}
        lead = CaseHandler.objects.get(case=new_case, role=HandlerRole.LEAD)
        assert lead.officer == officers[0] and records(new_case) == before

    def test_archive_by_an_assistant(self, client, api, assistant, handler_user, leader, registered):
        case = paperwork(advance(registered, CaseStatus.CLOSED, handler_user, leader), "archive")
        message = f"{AUX}，不能归档"
        before = records(case)
        assert refusal(services.case_archive, actor=assistant, case=case) == {"actor": [message]}
        client.force_login(assistant)
        page = client.post(url(case, "archive"), {})
        assert message in page.context["form"].non_field_errors()
        assert errors(api.login(assistant).post(f"/{case.pk}/archive")) == {"actor": message}
        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED and records(case) == before
        assert services.case_archive(actor=handler_user, case=case).status == CaseStatus.ARCHIVED

    def test_neither_is_offered_to_an_assistant(self, assistant, handler_user, leader, registered):
        case = paperwork(advance(registered, CaseStatus.CLOSED, handler_user, leader), "archive")
        assert "archive" in selectors.offered_actions(handler_user, case)
        assert "archive" not in selectors.offered_actions(assistant, case)


# ---- 3. 听证主持人 ---------------------------------------------------------------------------------------


class TestHearingHost:
    def hearing(self, registered, handler_user, leader):
        return advance(registered, CaseStatus.HEARING, handler_user, leader)

    def test_a_handler_does_not_host(self, client, api, handler_user, leader, registered, officers):
        case = self.hearing(registered, handler_user, leader)
        lead = "张伟是本案的主办人，听证应当由行政机关指定的非本案调查人员主持（行政处罚法第六十四条第四项）"
        co = "李娜是本案的协办人，听证应当由行政机关指定的非本案调查人员主持（行政处罚法第六十四条第四项）"
        before = records(case)
        assert refusal(
            services.case_hold_hearing,
            actor=handler_user,
            case=case,
            on=date(2026, 3, 16),
            summary="当事人到场",
            host=officers[0],
        ) == {"host": [lead]}
        client.force_login(handler_user)
        form = {"on": "2026-03-16", "summary": "当事人到场", "host": officers[1].pk}
        page = client.post(url(case, "hearing"), form)
        assert page.context["form"].errors["host"] == [co]
        assert "李娜（本案承办人员）" in html(client.get(url(case, "hearing")))
        body = {"on": "2026-03-16", "summary": "当事人到场", "host_id": officers[0].pk}
        assert errors(api.login(handler_user).post(f"/{case.pk}/hearing", body)) == {"host": lead}
        case.refresh_from_db()
        assert case.hearing_held_on is None and case.hearing_host is None and records(case) == before

    def test_auxiliary_staff_do_not_host(self, assistant, handler_user, leader, registered):
        case = self.hearing(registered, handler_user, leader)
        helper = Officer.objects.get(name="王芳")
        assert refusal(
            services.case_hold_hearing,
            actor=handler_user,
            case=case,
            on=date(2026, 3, 16),
            summary="到场",
            host=helper,
        ) == {"host": ["王芳不是在岗的行政机关工作人员（执法辅助人员不得主持听证）"]}

    def test_a_host_outside_the_case(self, client, api, handler_user, leader, registered):
        case = self.hearing(registered, handler_user, leader)
        host = hearing_host(case.agency)
        body = {"on": "2026-03-16", "summary": "当事人到场", "host_id": host.pk}
        response = api.login(handler_user).post(f"/{case.pk}/hearing", body)
        assert response.status_code == 200 and response.json()["hearing_host"] == "陈静"
        assert response.json()["hearing_held_on"] == "2026-03-16"
        assert payload(case, "case.hearing")["host"] == {"officer": host.pk, "name": "陈静"}
        client.force_login(handler_user)
        text = html(client.get(url(case)))
        assert "2026-03-16举行，主持人陈静" in text and "听证主持人" in text


# ---- 4. 当场处罚: the decider is listed ------------------------------------------------------------------


class TestOnTheSpotDecider:
    def test_a_certified_officer_not_listed_does_not_decide(self, client, api, leader, officers, catalogue):
        message = "刘洋不是本案列明的执法人员（张伟、李娜），不能当场作出处罚决定"
        writes = Writes()
        assert refusal(
            services.case_simple,
            actor=leader,
            agency=officers[0].agency,
            data=intake(codes=SIMPLE_CODES[:1]),
            handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
            decision=penalty(fine="200", decided_on=date(2026, 3, 2)),
            recipient="",
        ) == {"actor": [message]}
        client.force_login(leader)
        form = {
            "item_code": SIMPLE_CODES[0],
            "summary": "未按规定公示登记卡",
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
        body = {
            "summary": "未按规定公示登记卡",
            "place": "东区人民路5号",
            "item_code": SIMPLE_CODES[0],
            "party": {"kind": "person", "name": "王某", "id_number": PERSON_ID},
            "handler_ids": [officers[0].pk, officers[1].pk],
            "decided_on": "2026-03-02",
            "fine": "200",
        }
        assert errors(api.login(leader).post("/simple", body)) == {"actor": message}
        assert writes.nothing and not Case.objects.exists()

    def test_the_listed_co_handler_decides(self, agencies, make_user, officers, catalogue):
        co = link(make_user(agencies["east_market"], RoleCode.OFFICER), officers[1])
        case = services.case_simple(
            actor=co,
            agency=officers[0].agency,
            data=intake(codes=SIMPLE_CODES[:1]),
            handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
            decision=penalty(fine="200", decided_on=date(2026, 3, 2)),
            recipient="",
        )
        assert case.status == CaseStatus.SERVED and case.decision.decided_by == co


# ---- 5. the agency's 陈述、申辩 period --------------------------------------------------------------------


class TestStatementPeriod:
    def test_service(self, agencies, leader, handler_user):
        east = agencies["east_market"]
        assert periods.statement_period_of(east)["workdays"] == 5
        before = Record.objects.count()
        assert refusal(periods.statement_period_set, actor=leader, agency=east, workdays=2) == {
            "workdays": ["陈述、申辩期限应为3至15个工作日，收到的是2"]
        }
        with pytest.raises(PermissionDenied):
            periods.statement_period_set(actor=handler_user, agency=east, workdays=10)
        assert not StatementPeriod.objects.exists() and Record.objects.count() == before
        periods.statement_period_set(actor=leader, agency=east, workdays=10)
        assert periods.statement_period_of(east) | {"updated_at": None} == {
            "workdays": 10,
            "own": True,
            "default": 5,
            "updated_at": None,
        }
        record = Record.objects.filter(action="case.statement_period").get()
        assert json.loads(record.payload) == {"from": 5, "to": 10, "default": False}
        periods.statement_period_set(actor=leader, agency=east, workdays=None)
        assert periods.statement_period_of(east)["workdays"] == 5 and not StatementPeriod.objects.exists()

    def test_the_notice_gives_the_agencys_period(self, client, agencies, handler_user, leader, registered):
        periods.statement_period_set(actor=leader, agency=agencies["east_market"], workdays=10)
        case = advance(registered, CaseStatus.NOTIFIED, handler_user, leader)  # notified 2026-03-10 (Tue)
        assert case.statement_workdays == 10
        assert case.statement_deadline == date(2026, 3, 24)  # the 10th working day after
        assert case.hearing_deadline == date(2026, 3, 17)  # 第六十四条: 5 working days, whatever the setting
        assert rules.decision_wait(case).until == date(2026, 3, 24)
        client.force_login(handler_user)
        text = html(client.get(url(case)))
        assert "陈述申辩期限 2026-03-24（10个工作日）" in text
        assert "告知后10个工作日内陈述、申辩、5个工作日内申请听证" in text
        case.decision_due = date(2026, 7, 31)
        case.save(update_fields=["decision_due"])
        items = [
            i.title for i in workbench.pending(handler_user, today=date(2026, 3, 20)) if i.url == url(case)
        ]
        assert items == [
            f"{case.number} {case.summary}：陈述申辩期限2026-03-24届满，2026-03-25起可作出处罚决定"
        ]
        # a later change of the setting leaves the period the notice gave
        periods.statement_period_set(actor=leader, agency=agencies["east_market"], workdays=3)
        case.refresh_from_db()
        assert case.statement_deadline == date(2026, 3, 24) and rules.decision_wait(case).until == date(
            2026, 3, 24
        )

    def test_page(self, client, leader, agencies):
        client.force_login(leader)
        text = html(client.get("/cases/statement-period/"))
        assert "本机关现行期限：事先告知书送达后5个工作日（系统默认）" in text
        response = client.post(
            "/cases/statement-period/", {"agency": agencies["east_market"].pk, "workdays": "2"}
        )
        assert response.context["form"].errors["workdays"] == ["陈述、申辩期限应为3至15个工作日，收到的是2"]
        assert not StatementPeriod.objects.exists()
        response = client.post(
            "/cases/statement-period/", {"agency": agencies["east_market"].pk, "workdays": "7"}
        )
        assert response.status_code == 302
        text = html(client.get(response["Location"]))
        assert "本机关现行期限：事先告知书送达后7个工作日（本机关设定）" in text

    def test_page_needs_the_approval_permission(self, client, handler_user):
        client.force_login(handler_user)
        assert client.get("/cases/statement-period/").status_code == 403

    def test_api(self, api, leader, handler_user, agencies):
        east = agencies["east_market"].pk
        api.login(leader)
        assert api.get("/statement-period").json() == {
            "agency_id": east,
            "workdays": 5,
            "own": False,
            "default": 5,
        }
        assert errors(api.put("/statement-period", {"workdays": 20})) == {
            "workdays": "陈述、申辩期限应为3至15个工作日，收到的是20"
        }
        assert not StatementPeriod.objects.exists()
        response = api.put("/statement-period", {"workdays": 7})
        assert response.json() == {"agency_id": east, "workdays": 7, "own": True, "default": 5}
        assert api.login(handler_user).put("/statement-period", {"workdays": 9}).status_code == 403
        assert StatementPeriod.objects.get().workdays == 7


# ---- 6. the periods run from the service of the notice -------------------------------------------------


class TestPeriodsFromService:
    """Notified Tuesday 2026-03-10, the 告知书 served Thursday 03-12: the 5th working day after service is
    Thursday 03-19 (the last day), the 6th Friday 03-20."""

    SERVED = {"served_on": "2026-03-12", "method": "direct", "recipient": "法定代表人"}

    def notified(self, registered, handler_user, leader):
        return advance(registered, CaseStatus.NOTIFIED, handler_user, leader)

    def test_without_a_service_date_they_run_from_the_notice(self, handler_user, leader, registered):
        case = self.notified(registered, handler_user, leader)
        assert (case.statement_deadline, case.hearing_deadline) == (date(2026, 3, 17), date(2026, 3, 17))

    def test_day_5_after_service_is_the_last_day_to_ask_for_a_hearing(self, handler_user, leader, registered):
        case = self.notified(registered, handler_user, leader)
        case = services.case_serve_notice(
            actor=handler_user, case=case, on=date(2026, 3, 12), method="direct", recipient="法定代表人"
        )
        assert (case.notice_served_on, case.statement_deadline, case.hearing_deadline) == (
            date(2026, 3, 12),
            date(2026, 3, 19),
            date(2026, 3, 19),
        )
        assert refusal(
            services.case_request_hearing, actor=handler_user, case=case, on=date(2026, 3, 20)
        ) == {"hearing": ["听证申请期限已于2026-03-19届满"]}
        case = services.case_request_hearing(actor=handler_user, case=case, on=date(2026, 3, 19))
        assert case.status == CaseStatus.HEARING

    def test_day_5_no_decision_day_6_a_decision(self, handler_user, leader, registered):
        case = self.notified(registered, handler_user, leader)
        case = services.case_serve_notice(
            actor=handler_user, case=case, on=date(2026, 3, 12), method="direct", recipient="法定代表人"
        )
        case = paperwork(case, "decide", "penalty")
        pass_review(Case.objects.get(pk=case.pk), penalty())
        writes = Writes()
        assert refusal(
            services.case_decide, actor=leader, case=case, decision=penalty(decided_on=date(2026, 3, 19))
        ) == {
            "decided_on": ["陈述、申辩期限至2026年3月19日届满（或当事人书面放弃后），届满前不能作出处罚决定"]
        }
        assert writes.nothing
        case = services.case_decide(actor=leader, case=case, decision=penalty(decided_on=date(2026, 3, 20)))
        assert case.decision.decided_on == date(2026, 3, 20)

    def test_refusals(self, assistant, handler_user, leader, registered, officers):
        case = self.notified(registered, handler_user, leader)
        before = records(case)
        serve = dict(actor=handler_user, case=case, method="direct", recipient="法定代表人")
        assert refusal(services.case_serve_notice, **serve, on=date(2026, 3, 9)) == {
            "served_on": ["送达日期不能早于告知日期（2026年3月10日）"]
        }
        assert refusal(services.case_serve_notice, **{**serve, "recipient": " "}, on=date(2026, 3, 12)) == {
            "method": ["请填写送达方式和受送达人"]
        }
        assert refusal(services.case_serve_notice, **{**serve, "actor": assistant}, on=date(2026, 3, 12)) == {
            "supervisor": ["王芳不是持证执法人员，登记告知书送达须在执法人员指导下进行，请选择指导执法人员"]
        }
        case.refresh_from_db()
        assert case.notice_served_on is None and case.hearing_deadline == date(2026, 3, 17)
        assert records(case) == before
        services.case_serve_notice(
            **{**serve, "actor": assistant}, on=date(2026, 3, 12), supervisor=officers[0]
        )
        assert payload(case, "case.serve_notice")["supervisor"] == {"officer": officers[0].pk, "name": "张伟"}

    def test_served_twice(self, handler_user, leader, registered):
        case = self.notified(registered, handler_user, leader)
        serve = dict(actor=handler_user, case=case, method="direct", recipient="法定代表人")
        services.case_serve_notice(**serve, on=date(2026, 3, 12))
        before = records(case)
        assert refusal(services.case_serve_notice, **serve, on=date(2026, 3, 13)) == {
            "served_on": ["事先告知书已于2026年3月12日送达，不能重复登记"]
        }
        assert records(case) == before

    def test_page(self, client, handler_user, leader, registered):
        case = self.notified(registered, handler_user, leader)
        client.force_login(handler_user)
        assert url(case, "serve-notice") in html(client.get(url(case)))
        response = client.post(url(case, "serve-notice"), {**self.SERVED, "served_on": "2026-03-09"})
        assert response.context["form"].errors["served_on"] == ["送达日期不能早于告知日期（2026年3月10日）"]
        assert client.post(url(case, "serve-notice"), self.SERVED).status_code == 302
        text = html(client.get(url(case)))
        assert "告知书2026-03-12送达；陈述申辩期限 2026-03-19（5个工作日）；听证申请期限 2026-03-19" in text
        assert "告知书送达后5个工作日内陈述、申辩" in text
        assert url(case, "serve-notice") not in text  # recorded once: no longer offered

    def test_api(self, api, handler_user, leader, registered):
        case = self.notified(registered, handler_user, leader)
        api.login(handler_user)
        body = {"on": "2026-03-09", "method": "direct", "recipient": "法定代表人"}
        assert errors(api.post(f"/{case.pk}/serve-notice", body)) == {
            "served_on": "送达日期不能早于告知日期（2026年3月10日）"
        }
        response = api.post(f"/{case.pk}/serve-notice", {**body, "on": "2026-03-12"})
        assert response.status_code == 200
        data = response.json()
        assert (data["notice_served_on"], data["statement_deadline"], data["hearing_deadline"]) == (
            "2026-03-12",
            "2026-03-19",
            "2026-03-19",
        )
        assert data["decision_wait"]["allowed_from"] == "2026-03-20"
        assert data["statement_workdays"] == 5

    def test_the_service_receipt_dates_the_notice_by_its_service(self, handler_user, leader, registered):
        from zhifa.cases.documents.context import _served_documents

        case = self.notified(registered, handler_user, leader)
        assert _served_documents(case, None, "")[0]["served_on"] == "2026年3月10日"
        case = services.case_serve_notice(
            actor=handler_user, case=case, on=date(2026, 3, 12), method="direct", recipient="法定代表人"
        )
        assert _served_documents(case, None, "")[0]["served_on"] == "2026年3月12日"
