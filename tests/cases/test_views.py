"""The case pages: every page renders for a permitted user; another agency's case is a 404 on every
object URL; a role without the permission gets 403; each step's form moves the case and appends a
record; each refusal of the service shows its Chinese reason next to the field, keeps the input and
writes nothing; the list filters, searches, paginates and exports with a fixed number of queries."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.cases.conftest import ON, hearing_host, intake, penalty
from tests.factories import AgencyFactory
from tests.helpers import paperwork
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case, Decision
from zhifa.cases.views import steps
from zhifa.core.exports import XLSX_TYPE, streamed_bytes
from zhifa.core.models import Record
from zhifa.core.validators import credit_code_with_check, id_number_with_check

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PERSON_ID = id_number_with_check("11010519850315123")


def html(response) -> str:
    return response.content.decode()


def url(case, action=None) -> str:
    return f"/cases/{case.pk}/" + (f"{action}/" if action else "")


# ---- moving a case along (through the services, as the pages do) -----------------------------------

ORDER = [
    CaseStatus.INVESTIGATING,
    CaseStatus.REVIEWING,
    CaseStatus.NOTIFIED,
    CaseStatus.HEARING,
    CaseStatus.DECIDED,
    CaseStatus.SERVED,
    CaseStatus.EXECUTED,
    CaseStatus.CLOSED,
    CaseStatus.ARCHIVED,
]


# the action that leads to each status (its documents are generated first)
ACTION_TO = dict(
    zip(
        ORDER,
        [
            "register",
            "submit-review",
            "notify",
            "hearing-request",
            "decide",
            "serve",
            "execute",
            "close",
            "archive",
        ],
        strict=True,
    )
)


def advance(case, to: str, handler, leader, *, hearing: bool = False) -> Case:
    """Walk `case` (INTAKE with handlers) up to status `to` with the conftest's dates, generating the
    documents each step needs; through a hearing only when asked (or when `to` is HEARING)."""
    steps = {
        CaseStatus.INVESTIGATING: lambda c: services.case_register(actor=leader, case=c, on=ON),
        CaseStatus.REVIEWING: lambda c: services.case_submit_for_review(
            actor=handler, case=c, report="调查终结，事实清楚。"
        ),
        CaseStatus.NOTIFIED: lambda c: services.case_notify(
            actor=handler, case=c, on=date(2026, 3, 10), proposed="拟罚款70000元", hearing_rights=True
        ),
        CaseStatus.HEARING: lambda c: services.case_request_hearing(
            actor=handler, case=c, on=date(2026, 3, 12)
        ),
        CaseStatus.DECIDED: lambda c: services.case_decide(
            actor=leader,
            case=services.case_hold_hearing(
                actor=handler, case=c, on=date(2026, 3, 13), summary="当事人到场", host=hearing_host(c.agency)
            )
            if c.status == CaseStatus.HEARING
            else c,
            decision=penalty(),
        ),
        CaseStatus.SERVED: lambda c: services.case_serve(
            actor=handler, case=c, on=date(2026, 3, 23), method="direct", recipient="法定代表人"
        ),
        CaseStatus.EXECUTED: lambda c: services.case_execute(
            actor=handler, case=c, kind="paid", on=date(2026, 4, 1), amount=Decimal(70000)
        ),
        CaseStatus.CLOSED: lambda c: services.case_close(
            actor=leader, case=c, on=date(2026, 4, 2), summary="执行完毕"
        ),
        CaseStatus.ARCHIVED: lambda c: services.case_archive(actor=handler, case=c),
    }
    start = ORDER.index(case.status) + 1 if case.status in ORDER else 0
    for status in ORDER[start : ORDER.index(to) + 1]:
        if status == CaseStatus.HEARING and not (hearing or to == CaseStatus.HEARING):
            continue
        case = steps[status](paperwork(case, ACTION_TO[status]))
    case.refresh_from_db()
    return case


def open_case(agencies, handler, officers, **overrides) -> Case:
    case = services.case_intake(actor=handler, agency=agencies["east_market"], data=intake(**overrides))
    return services.case_assign(
        actor=handler, case=case, handlers=[(officers[0], "lead"), (officers[1], "co")]
    )


def case_records():
    """The cases' own records (other modules, such as 公示, log their own steps beside them)."""
    return Record.objects.filter(subject_type="cases.case")


class Writes:
    def __init__(self):
        self.records, self.cases, self.decisions = (
            case_records().count(),
            Case.objects.count(),
            Decision.objects.count(),
        )

    @property
    def nothing(self) -> bool:
        return (case_records().count(), Case.objects.count(), Decision.objects.count()) == (
            self.records,
            self.cases,
            self.decisions,
        )

    @property
    def new_records(self) -> int:
        return case_records().count() - self.records


@pytest.fixture
def outsider(city, make_user):
    """A 西县 user holding every case permission — for 西县 only."""
    west = AgencyFactory(name="西县综合行政执法局", region=city["west"])
    return make_user(west, RoleCode.OFFICER, RoleCode.UNIT_HEAD, username="west_all")


@pytest.fixture
def auditor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN, username="auditor")


# ---- pages render ---------------------------------------------------------------------------------


class TestPagesRender:
    def test_list_intake_and_simple_render_with_the_menu(self, client, handler_user, new_case):
        client.force_login(handler_user)
        for page in ["/cases/", "/cases/new/", "/cases/simple/new/"]:
            response = client.get(page)
            assert response.status_code == 200, page
            text = html(response)
            assert "案件办理" in text and "案件列表" in text and "登记案件" in text and "简易程序" in text

    def test_intake_offers_the_items_in_force(self, client, handler_user, catalogue):
        client.force_login(handler_user)
        text = html(client.get("/cases/new/"))
        assert "SCJG-CF-001" in text and "SCJG-QZ-001" in text

    @pytest.mark.parametrize("status", [CaseStatus.INTAKE, *ORDER])
    def test_the_case_page_renders_in_every_status(self, client, handler_user, leader, new_case, status):
        case = advance(new_case, status, handler_user, leader) if status != CaseStatus.INTAKE else new_case
        client.force_login(handler_user)
        response = client.get(url(case))
        assert response.status_code == 200
        assert case.summary in html(response) and "全过程记录" in html(response)

    def test_every_step_form_renders_for_its_user(self, client, handler_user, leader, new_case):
        client.force_login(leader)
        for action in ["assign", "register", "decline", "archive"]:
            assert client.get(url(new_case, action)).status_code == 200, action
        case = advance(new_case, CaseStatus.HEARING, handler_user, leader)
        for action in [
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
        ]:
            assert client.get(url(case, action)).status_code == 200, action

    def test_login_is_required(self, client, new_case):
        for page in ["/cases/", url(new_case), url(new_case, "register"), "/cases/simple/new/"]:
            response = client.get(page)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_unknown_step_is_404(self, client, leader, new_case):
        client.force_login(leader)
        assert client.get(url(new_case, "teleport")).status_code == 404


class TestCasePage:
    def test_only_the_buttons_of_the_status_and_the_user(self, client, handler_user, leader, new_case):
        client.force_login(handler_user)
        text = html(client.get(url(new_case)))
        assert url(new_case, "assign") in text
        assert url(new_case, "register") not in text  # only a leader approves 立案
        assert url(new_case, "decide") not in text
        client.force_login(leader)
        text = html(client.get(url(new_case)))
        assert url(new_case, "register") in text and url(new_case, "decline") in text
        assert url(new_case, "serve") not in text

    def test_person_id_number_is_masked(self, client, agencies, handler_user, officers, catalogue):
        from zhifa.cases.services import PartyInput

        case = open_case(
            agencies,
            handler_user,
            officers,
            party=PartyInput(kind="person", name="王某", id_number=PERSON_ID),
        )
        client.force_login(handler_user)
        text = html(client.get(url(case)))
        assert PERSON_ID not in text
        assert "*" * 14 + PERSON_ID[-4:] in text

    def test_handlers_with_certificates_and_clocks(self, client, handler_user, leader, registered, officers):
        client.force_login(handler_user)
        text = html(client.get(url(registered)))
        assert "张伟" in text and "李娜" in text and "具备" in text
        assert "作出决定 2026-05-31" in text and "已逾期" in text  # 90 days from 2026-03-02, long past

    def test_decision_with_reasoning_discretion_and_deviation(self, client, handler_user, leader, registered):
        case = paperwork(advance(registered, CaseStatus.NOTIFIED, handler_user, leader), "decide")
        services.case_decide(
            actor=leader,
            case=case,
            decision=penalty(fine="95000", deviation_reason="一年内两次违法，从重处罚"),
        )
        client.force_login(handler_user)
        text = html(client.get(url(case)))
        assert "一年内两次违法，从重处罚" in text and 'data-testid="deviation"' in text
        assert "情节：一般" in text and "¥60,000.00至¥80,000.00" in text
        assert "第一百二十四条" in text  # the 说理

    def test_timeline_lists_every_record_in_chinese(self, client, handler_user, leader, registered):
        services.case_record_step(
            actor=handler_user, case=registered, step="inquiry", note="询问当事人法定代表人"
        )
        client.force_login(handler_user)
        text = html(client.get(url(registered)))
        for label in ["案件登记", "指定承办人员", "立案", "调查取证", "询问当事人法定代表人", "环节：询问"]:
            assert label in text, label


# ---- scope and permissions --------------------------------------------------------------------------

ALL_ACTIONS = list(steps.ACTIONS)  # every step form of the case page, the 复议/诉讼 ones included


class TestScope:
    def test_another_agencys_case_is_404_on_every_url(self, client, outsider, new_case):
        client.force_login(outsider)
        writes = Writes()
        assert client.get(url(new_case)).status_code == 404
        assert client.get(url(new_case, "recommend")).status_code == 404
        for action in ALL_ACTIONS:
            assert client.get(url(new_case, action)).status_code == 404, action
            assert client.post(url(new_case, action), {"reason": "x"}).status_code == 404, action
        assert writes.nothing

    def test_another_agencys_case_is_absent_from_list_and_export(self, client, outsider, new_case):
        client.force_login(outsider)
        assert new_case.summary not in html(client.get("/cases/"))
        rows = list(
            load_workbook(BytesIO(streamed_bytes(client.get("/cases/export.xlsx")))).active.iter_rows(
                values_only=True
            )
        )
        assert len(rows) == 1

    def test_an_officer_may_not_approve(self, client, handler_user, new_case, registered):
        client.force_login(handler_user)
        writes = Writes()
        for action in ["register", "decline", "extend", "decide", "close"]:
            assert client.get(url(registered, action)).status_code == 403, action
            assert client.post(url(registered, action), {}).status_code == 403, action
        assert writes.nothing

    def test_a_role_without_cases_gets_403(self, client, auditor, new_case):
        client.force_login(auditor)
        for page in ["/cases/", "/cases/export.xlsx", "/cases/new/", "/cases/simple/new/", url(new_case)]:
            assert client.get(page).status_code == 403, page

    def test_legal_reviewer_sees_but_does_not_register_cases(self, client, agencies, make_user, new_case):
        client.force_login(make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER))
        assert client.get(url(new_case)).status_code == 200
        assert client.get("/cases/new/").status_code == 403
        assert client.post(url(new_case, "assign"), {}).status_code == 403

    def test_get_never_writes(self, client, leader, new_case):
        client.force_login(leader)
        writes = Writes()
        for action in ALL_ACTIONS:
            client.get(url(new_case, action))
        client.get(url(new_case, "recommend"), {"fact_value": "3000"})
        assert writes.nothing


# ---- each form's success path ------------------------------------------------------------------------

HANDLE, APPROVE = "handler", "leader"
STEPS = [
    # action, starting status, who, form data, status after, action recorded
    ("assign", CaseStatus.INTAKE, HANDLE, "handlers", CaseStatus.INTAKE, "case.assign"),
    ("register", CaseStatus.INTAKE, APPROVE, {"registered_on": "2026-03-02"}, CaseStatus.INVESTIGATING, "case.register"),
    ("decline", CaseStatus.INTAKE, APPROVE, {"reason": "不属于本机关管辖"}, CaseStatus.DECLINED, "case.decline"),
    ("step", CaseStatus.INVESTIGATING, HANDLE, {"step": "on_site", "note": "现场检查后厨", "place": ""}, CaseStatus.INVESTIGATING, "case.step"),
    ("extend", CaseStatus.INVESTIGATING, APPROVE, {"days": "30", "extension_reason": "需检验鉴定"}, CaseStatus.INVESTIGATING, "case.extend"),
    ("submit-review", CaseStatus.INVESTIGATING, HANDLE, {"investigation_report": "事实清楚，证据确凿。"}, CaseStatus.REVIEWING, "case.submit_review"),
    ("notify", CaseStatus.REVIEWING, HANDLE, {"on": "2026-03-10", "proposed": "拟罚款70000元", "hearing_rights": "on"}, CaseStatus.NOTIFIED, "case.notify"),
    ("statement", CaseStatus.NOTIFIED, HANDLE, {"statement": "当事人承认违法事实，请求从轻处罚。"}, CaseStatus.NOTIFIED, "case.statement"),
    ("hearing-request", CaseStatus.NOTIFIED, HANDLE, {"on": "2026-03-12"}, CaseStatus.HEARING, "case.hearing_request"),
    ("hearing", CaseStatus.HEARING, HANDLE, {"on": "2026-03-16", "summary": "当事人到场陈述申辩"}, CaseStatus.HEARING, "case.hearing"),
    ("decide", CaseStatus.NOTIFIED, APPROVE, "decision", CaseStatus.DECIDED, "case.decide"),
    ("serve", CaseStatus.DECIDED, HANDLE, {"served_on": "2026-03-23", "method": "direct", "recipient": "法定代表人"}, CaseStatus.SERVED, "case.serve"),
    ("execute", CaseStatus.SERVED, HANDLE, {"kind": "paid", "on": "2026-04-01", "amount": "70000"}, CaseStatus.EXECUTED, "case.execute"),
    ("close", CaseStatus.EXECUTED, APPROVE, {"on": "2026-04-02", "summary": "罚款已缴纳，执行完毕。"}, CaseStatus.CLOSED, "case.close"),
    ("archive", CaseStatus.CLOSED, HANDLE, {}, CaseStatus.ARCHIVED, "case.archive"),
]  # fmt: skip

DECISION_FORM = {
    "kind": "penalty",
    "decided_on": "2026-03-20",
    "fine": "70000",
    "fact_value": "3000",
    "reasoning": "经查，当事人销售不符合食品安全标准的食品，货值金额3000元……依据《食品安全法》第一百二十四条……",
}


class TestSteps:
    @pytest.mark.parametrize(
        ("action", "start", "who", "data", "after", "recorded"), STEPS, ids=[s[0] for s in STEPS]
    )
    def test_success_moves_the_case_and_records_it(
        self, client, handler_user, leader, new_case, officers, action, start, who, data, after, recorded
    ):
        case = new_case if start == CaseStatus.INTAKE else advance(new_case, start, handler_user, leader)
        case = paperwork(case, action)
        if data == "handlers":
            data = {"lead": officers[1].pk, "co": officers[0].pk}
        elif data == "decision":
            data = DECISION_FORM
        elif action == "hearing":
            data = {**data, "host": hearing_host(case.agency).pk}
        client.force_login(handler_user if who == HANDLE else leader)
        writes = Writes()
        response = client.post(url(case, action), data)
        assert response.status_code == 302, html(response)
        assert response["Location"] == url(case)
        case.refresh_from_db()
        assert case.status == after
        assert writes.new_records == 1
        assert Record.objects.for_subject(case).order_by("-seq").first().action == recorded

    def test_assign_shows_who_is_certified(self, client, handler_user, new_case, agencies):
        from tests.factories import OfficerFactory

        OfficerFactory(agency=agencies["east_market"], name="赵无证")
        client.force_login(handler_user)
        text = html(client.get(url(new_case, "assign")))
        assert "张伟（持有效执法证" in text and "赵无证（无" in text

    def test_decision_records_the_discretion(self, client, handler_user, leader, registered):
        case = paperwork(advance(registered, CaseStatus.NOTIFIED, handler_user, leader), "decide")
        client.force_login(leader)
        client.post(url(case, "decide"), DECISION_FORM)
        decision = Decision.objects.get(case=case)
        assert (decision.level, decision.fine, decision.recommended_min) == (
            "ordinary",
            Decimal(70000),
            Decimal(60000),
        )

    def test_simple_procedure_on_the_phone_form(self, client, handler_user, officers, catalogue):
        client.force_login(handler_user)
        data = {
            "item_code": "SCJG-CF-004",
            "summary": "未按规定公示食品经营许可证",
            "place": "东区人民路5号",
            "decided_on": "2026-03-02",
            "party_kind": "person",
            "party_name": "王某",
            "party_id_number": PERSON_ID,
            "lead": officers[0].pk,
            "co": officers[1].pk,
            "fine": "200",
            "recipient": "王某",
        }
        writes = Writes()
        response = client.post("/cases/simple/new/", data)
        assert response.status_code == 302, html(response)
        case = Case.objects.get()
        assert case.status == CaseStatus.SERVED and case.is_simple and case.decision.fine == Decimal(200)
        assert writes.new_records == 1 and Record.objects.for_subject(case).get().action == "case.simple"

    def test_intake(self, client, handler_user, catalogue):
        client.force_login(handler_user)
        data = {
            "source": "complaint",
            "summary": "销售过期食品",
            "discovered_on": "2026-03-01",
            "place": "东区人民路8号",
            "item_codes": ["SCJG-CF-001"],
            "party_kind": "organisation",
            "party_name": "东区好又多超市有限公司",
            "party_credit_code": credit_code_with_check("91110101MA0000002"),
        }
        response = client.post("/cases/new/", data)
        case = Case.objects.get()
        assert response["Location"] == url(case)
        assert (case.status, case.created_by, case.source) == (CaseStatus.INTAKE, handler_user, "complaint")
        assert Record.objects.for_subject(case).get().action == "case.intake"


# ---- refusals: the reason by the field, the input kept, nothing written -----------------------------


class TestRefusals:
    def test_decide_before_notice(self, client, handler_user, leader, registered):
        case = advance(registered, CaseStatus.REVIEWING, handler_user, leader)
        client.force_login(leader)
        writes = Writes()
        response = client.post(url(case, "decide"), DECISION_FORM)
        assert response.status_code == 200
        text = html(response)
        assert "须先事先告知" in text and DECISION_FORM["reasoning"] in text
        assert writes.nothing

    def test_fine_outside_the_benchmark_needs_a_reason(self, client, handler_user, leader, registered):
        case = paperwork(advance(registered, CaseStatus.NOTIFIED, handler_user, leader), "decide")
        client.force_login(leader)
        writes = Writes()
        response = client.post(url(case, "decide"), {**DECISION_FORM, "fine": "95000"})
        text = html(response)
        assert "须书面说明理由" in text
        form = response.context["form"]
        assert "deviation_reason" in form.errors and 'value="95000"' in text
        assert writes.nothing

    def test_missing_fact_for_the_benchmark(self, client, handler_user, leader, registered):
        case = paperwork(advance(registered, CaseStatus.NOTIFIED, handler_user, leader), "decide")
        client.force_login(leader)
        response = client.post(url(case, "decide"), {**DECISION_FORM, "fact_value": ""})
        assert "fact_value" in response.context["form"].errors

    def test_simple_fine_above_the_limit(self, client, handler_user, officers, catalogue):
        client.force_login(handler_user)
        data = {
            "item_code": "SCJG-CF-004",
            "summary": "x",
            "place": "y",
            "decided_on": "2026-03-02",
            "party_kind": "person",
            "party_name": "王某",
            "party_id_number": PERSON_ID,
            "lead": officers[0].pk,
            "co": officers[1].pk,
            "fine": "201",
        }
        writes = Writes()
        response = client.post("/cases/simple/new/", data)
        assert response.status_code == 200
        assert "简易程序罚款不得超过¥200.00，请适用普通程序" in response.context["form"].errors["fine"][0]
        assert writes.nothing

    def test_item_not_the_agencys_own(self, client, handler_user, catalogue):
        client.force_login(handler_user)
        writes = Writes()
        response = client.post(
            "/cases/new/",
            {
                "source": "inspection",
                "summary": "超标排放大气污染物",
                "discovered_on": "2026-03-01",
                "place": "东区工业园",
                "item_codes": ["STHJ-CF-001"],
                "party_kind": "organisation",
                "party_name": "东区化工有限公司",
                "party_credit_code": credit_code_with_check("91110101MA0000003"),
            },
        )
        errors = response.context["form"].errors
        assert "建议移送" in errors["item_codes"][0]
        assert "东区化工有限公司" in html(response)
        assert writes.nothing

    def test_bad_id_number_is_refused_at_the_field(self, client, handler_user, catalogue):
        client.force_login(handler_user)
        response = client.post(
            "/cases/new/",
            {
                "source": "inspection",
                "summary": "x",
                "discovered_on": "2026-03-01",
                "place": "y",
                "item_codes": ["SCJG-CF-001"],
                "party_kind": "person",
                "party_name": "王某",
                "party_id_number": "110101199001011230",
            },
        )
        assert "party_id_number" in response.context["form"].errors
        assert not Case.objects.exists()

    def test_register_before_discovery(self, client, leader, new_case):
        client.force_login(leader)
        writes = Writes()
        response = client.post(url(new_case, "register"), {"registered_on": "2026-02-01"})
        assert "立案日期不能早于发现日期" in response.context["form"].errors["registered_on"][0]
        assert writes.nothing

    def test_register_without_two_handlers(self, client, agencies, handler_user, leader, catalogue, officers):
        case = services.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake())
        client.force_login(leader)
        response = client.post(url(case, "register"), {"registered_on": "2026-03-02"})
        assert "不得少于两人" in html(response)
        case.refresh_from_db()
        assert case.status == CaseStatus.INTAKE

    def test_auxiliary_staff_cannot_lead(self, client, handler_user, new_case, agencies, officers):
        from tests.factories import OfficerFactory
        from zhifa.registry.choices import PersonKind

        helper = OfficerFactory(agency=agencies["east_market"], name="王辅助", kind=PersonKind.AUXILIARY)
        client.force_login(handler_user)
        writes = Writes()
        response = client.post(url(new_case, "assign"), {"lead": helper.pk, "co": officers[0].pk})
        assert "辅助人员" in response.context["form"].errors["lead"][0]
        assert writes.nothing

    def test_a_step_out_of_order_shows_the_status(self, client, handler_user, registered):
        client.force_login(handler_user)
        response = client.post(
            url(registered, "serve"), {"served_on": "2026-03-23", "method": "direct", "recipient": "x"}
        )
        assert "不能送达决定书" in html(response) and "一般不能" not in html(response)


# ---- the discretion calculator in the decision form --------------------------------------------------


class TestRecommend:
    def test_htmx_shows_the_range(self, client, leader, registered):
        client.force_login(leader)
        response = client.get(
            url(registered, "recommend"), {"fact_value": "3000", "fine": "95000"}, HTTP_HX_REQUEST="true"
        )
        text = html(response)
        assert "¥60,000.00至¥80,000.00" in text and "不在推荐幅度内" in text
        assert "<html" not in text  # a fragment

    def test_missing_fact_is_explained(self, client, leader, registered):
        client.force_login(leader)
        assert "请填写" in html(client.get(url(registered, "recommend")))

    def test_without_script_the_button_posts_and_decides_nothing(
        self, client, handler_user, leader, registered
    ):
        case = paperwork(advance(registered, CaseStatus.NOTIFIED, handler_user, leader), "decide")
        client.force_login(leader)
        writes = Writes()
        response = client.post(url(case, "decide"), {**DECISION_FORM, "_recommend": "1"})
        text = html(response)
        assert "¥60,000.00至¥80,000.00" in text and DECISION_FORM["reasoning"] in text
        assert writes.nothing


# ---- the list -----------------------------------------------------------------------------------------


@pytest.fixture
def spread(agencies, handler_user, leader, officers, catalogue):
    """Four cases of 东区: one fresh clue, one registered, one decided, one declined; one 西县 case."""
    fresh = open_case(
        agencies,
        handler_user,
        officers,
        discovered_on=TODAY - timedelta(days=2),
        summary="无证经营小餐饮",
        party=services.PartyInput(kind="person", name="李四", id_number=PERSON_ID),
    )
    registered = advance(
        open_case(agencies, handler_user, officers, summary="销售过期食品"),
        CaseStatus.INVESTIGATING,
        handler_user,
        leader,
    )
    decided = advance(
        open_case(agencies, handler_user, officers, summary="销售不合格食品"),
        CaseStatus.DECIDED,
        handler_user,
        leader,
    )
    declined = services.case_decline(
        actor=leader, case=open_case(agencies, handler_user, officers, summary="线索不实"), reason="线索不实"
    )
    return {"fresh": fresh, "registered": registered, "decided": decided, "declined": declined}


def listed(client, **params) -> list[str]:
    response = client.get("/cases/", params)
    assert response.status_code == 200
    return [row["case"].summary for row in response.context["rows"]]


class TestList:
    def test_filters_and_search(self, client, handler_user, spread, officers, agencies):
        client.force_login(handler_user)
        assert len(listed(client)) == 4
        assert listed(client, status="declined") == ["线索不实"]
        assert listed(client, q="李四") == ["无证经营小餐饮"]
        assert listed(client, q=spread["decided"].number[-6:]) == ["销售不合格食品"]
        assert listed(client, item="SCJG-CF-001") and listed(client, item="SCJG-QZ-001") == []
        assert len(listed(client, handler=officers[0].pk)) == 4
        assert listed(client, agency=agencies["east_market"].pk) and not listed(
            client, agency=agencies["west_market"].pk
        )
        assert sorted(listed(client, date_from="2026-03-02", date_to="2026-03-02")) == [
            "销售不合格食品",
            "销售过期食品",
        ]
        assert listed(client, date_field="created_at", date_from=str(TODAY), date_to=str(TODAY))
        assert listed(client, date_field="created_at", date_to="2026-01-01") == []
        assert "无证经营小餐饮" not in listed(client, overdue="1")
        assert set(listed(client, overdue="1")) == {"销售过期食品", "销售不合格食品"}
        assert listed(client, procedure="simple") == []

    def test_bad_filter_values_are_ignored(self, client, handler_user, spread):
        client.force_login(handler_user)
        assert len(listed(client, agency="x", handler="y", date_from="not-a-date", page="99")) == 4

    def test_pagination_keeps_the_filters(self, client, handler_user, spread, settings):
        settings.ZHIFA_PAGE_SIZE = 2
        client.force_login(handler_user)
        response = client.get("/cases/", {"q": "味美"})
        assert len(response.context["rows"]) == 2 and response.context["page"].paginator.count == 3
        assert "?q=%E5%91%B3%E7%BE%8E&page=2" in html(response)
        assert len(client.get("/cases/", {"q": "味美", "page": 2}).context["rows"]) == 1

    def test_query_count_does_not_grow_with_the_page(
        self, client, handler_user, leader, agencies, officers, catalogue, django_assert_max_num_queries
    ):
        client.force_login(handler_user)
        open_case(agencies, handler_user, officers)
        with django_assert_max_num_queries(30) as few:
            client.get("/cases/")
        for _ in range(6):
            advance(open_case(agencies, handler_user, officers), CaseStatus.DECIDED, handler_user, leader)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get("/cases/")
        assert len(response.context["rows"]) == 7

    def test_export_keeps_the_filters(self, client, handler_user, spread):
        client.force_login(handler_user)
        response = client.get("/cases/export.xlsx", {"status": "decided"})
        assert response["Content-Type"] == XLSX_TYPE
        rows = list(load_workbook(BytesIO(streamed_bytes(response))).active.iter_rows(values_only=True))
        assert rows[0][:4] == ("案件编号", "案由", "程序", "状态")
        assert len(rows) == 2 and rows[1][1] == "销售不合格食品" and rows[1][3] == "已决定"
        assert rows[1][11] == "张伟、李娜" and rows[1][13] == 70000
