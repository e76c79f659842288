"""The case state machine is one table (cases.transitions): the published flow charts draw exactly its
moves, the case page offers exactly the actions it allows for the case's status and the user's
permissions, and the services refuse an action from any other state. The two-handler rule is the
service's: the same officer as 主办 and 协办 is refused by the API (422) and the page alike, writing
nothing."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.cases.test_api import Api, errors
from tests.cases.test_views import ORDER, Writes, advance, html, url
from zhifa.cases import services, transitions
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import CaseHandler
from zhifa.cases.views import steps
from zhifa.catalog import procedures
from zhifa.catalog.flowchart import flowchart_svg
from zhifa.core.models import Record

SVG = "{http://www.w3.org/2000/svg}"


def chart_edges(procedure: str) -> set[tuple[str, str]]:
    """The arrows of the published chart, read back from the SVG."""
    root = ET.fromstring(flowchart_svg(procedures.flow(procedure), title="流程图").encode())
    return {(p.get("data-from"), p.get("data-to")) for p in root.iter(f"{SVG}path") if p.get("data-from")}


@pytest.mark.parametrize("procedure", procedures.Procedure.values)
def test_the_flow_chart_draws_exactly_the_tables_moves(procedure):
    expected = {
        (source, t.target)
        for t in transitions.TABLE
        if t.target and procedure in t.procedures
        for source in t.sources
    }
    if procedure == procedures.Procedure.SIMPLE:  # a simple case never sees 立案 and what follows it
        expected = {(s, t) for s, t in expected if s in ("start", "served", "executed", "closed")}
    assert chart_edges(procedure) == expected == transitions.edges(procedure)
    assert procedures.flow(procedure).edges() == expected


def test_the_ordinary_chart_names_every_state_and_action_label():
    svg = flowchart_svg(procedures.flow(procedures.Procedure.ORDINARY), title="普通程序")
    for status in CaseStatus:
        assert f">{status.label}<" in svg, status
    for label in ("立案", "调查终结，提交审核", "事先告知", "送达决定书", "当事人申请听证", "移送、撤销立案"):
        assert label in svg


def test_the_page_has_a_form_for_every_action_on_a_case_and_none_else():
    on_a_case = {a for a in transitions.ACTIONS if transitions.START not in transitions.sources(a)}
    assert set(steps.ACTIONS) == on_a_case
    for slug, action in steps.ACTIONS.items():
        assert action.statuses == transitions.sources(slug) and action.label == transitions.first(slug).label


def test_the_step_hints_state_the_periods_of_the_clocks():
    from zhifa.cases import clocks
    from zhifa.publicity import clocks as publicity_clocks

    notices = {slug: action.notice for slug, action in steps.ACTIONS.items()}
    assert f"自立案之日起{clocks.DECISION_DAYS}日内作出决定" in notices["register"]
    assert f"听证申请期限为告知后{clocks.HEARING_REQUEST_WORKDAYS}个工作日" in notices["notify"]
    assert f"决定之日起{clocks.SERVICE_WORKDAYS}个工作日内送达" in notices["serve"]
    assert f"在{publicity_clocks.WITHDRAW_WORKDAYS}个工作日内撤下" in notices["challenge-outcome"]


def offered_on_page(client, case) -> set[str]:
    page = html(client.get(url(case)))
    return set(re.findall(rf'href="/cases/{case.pk}/([a-z-]+)/"', page)) & set(steps.ACTIONS)


@pytest.mark.django_db
def test_the_page_offers_exactly_what_the_table_allows(client, handler_user, leader, new_case):
    users = {handler_user: {transitions.HANDLE}, leader: {transitions.APPROVE, transitions.HANDLE}}
    case = new_case
    for status in [CaseStatus.INTAKE, *(s for s in ORDER if s != CaseStatus.HEARING)]:
        case = advance(case, status, handler_user, leader) if status != case.status else case
        assert case.status == status
        for user, perms in users.items():
            client.force_login(user)
            expected = set(transitions.offered(case, perms))
            assert offered_on_page(client, case) == expected, (status, user.username)
            listed = Api(client).get(f"/{case.pk}").json()["actions"]
            assert [a["action"] for a in listed] == transitions.offered(case, perms)
            assert expected <= set(transitions.available(status, perms))


@pytest.mark.django_db
def test_the_services_refuse_every_move_the_table_does_not_allow(handler_user, leader, new_case):
    """From 待立案, each moving step but 立案 and 不予立案 is refused with the status and what is allowed."""
    writes = Writes()
    calls = {
        "submit-review": lambda: services.case_submit_for_review(
            actor=handler_user, case=new_case, report="x"
        ),
        "archive": lambda: services.case_archive(actor=handler_user, case=new_case),
        "close": lambda: services.case_close(
            actor=leader, case=new_case, on=new_case.discovered_on, summary="x"
        ),
    }
    for action, call in calls.items():
        with pytest.raises(Exception) as refused:
            call()
        message = refused.value.message_dict["status"][0]
        variants = ("",) if action == "close" else ()  # no decision yet: only 结案 after 执行
        expected = "、".join(CaseStatus(s).label for s in transitions.sources(action, *variants))
        assert message.startswith("案件当前为“待立案”，不能") and message.endswith(f"（应为：{expected}）")
    assert writes.nothing


@pytest.mark.django_db
class TestTwoDistinctHandlers:
    MESSAGE = "张伟被重复指定：主办人、协办人须为两名不同的执法人员"

    def test_the_api_answers_422_and_writes_nothing(self, client, handler_user, new_case, officers):
        api = Api(client).login(handler_user)
        handlers_before = list(CaseHandler.objects.values_list("officer_id", "role").order_by("id"))
        records_before = Record.objects.count()
        response = api.post(
            f"/{new_case.pk}/assign",
            {
                "handlers": [
                    {"officer_id": officers[0].pk, "role": "lead"},
                    {"officer_id": officers[0].pk, "role": "co"},
                ]
            },
        )
        assert errors(response) == {"handlers": self.MESSAGE}
        assert list(CaseHandler.objects.values_list("officer_id", "role").order_by("id")) == handlers_before
        assert Record.objects.count() == records_before

    def test_the_page_shows_it_beside_the_lead_and_writes_nothing(
        self, client, handler_user, new_case, officers
    ):
        client.force_login(handler_user)
        handlers_before = list(CaseHandler.objects.values_list("officer_id", "role").order_by("id"))
        writes = Writes()
        response = client.post(url(new_case, "assign"), {"lead": officers[0].pk, "co": officers[0].pk})
        assert response.status_code == 200
        assert response.context["form"].errors["lead"] == [self.MESSAGE]
        assert writes.nothing
        assert list(CaseHandler.objects.values_list("officer_id", "role").order_by("id")) == handlers_before

    def test_the_simple_procedure_api_refuses_one_officer_twice(
        self, client, handler_user, officers, catalogue
    ):
        api = Api(client).login(handler_user)
        writes = Writes()
        response = api.post(
            "/simple",
            {
                "summary": "占道经营",
                "place": "东区人民路1号",
                "item_code": "SCJG-CF-003",
                "party": {"kind": "person", "name": "王某"},
                "handler_ids": [officers[0].pk, officers[0].pk],
                "decided_on": "2026-03-02",
                "warning": True,
            },
        )
        assert errors(response) == {"handlers": self.MESSAGE}
        assert writes.nothing


# ---- the rules that were the forms' are the services': the page and the API say the same -------------

SIMPLE_PAGE = {
    "item_code": "SCJG-CF-003",
    "summary": "未按规定公示食品经营许可证",
    "place": "东区人民路5号",
    "decided_on": "2026-03-02",
    "party_kind": "organisation",
    "party_name": "东区味美餐饮有限公司",
    "recipient": "王某",
}


@pytest.mark.django_db
def test_a_simple_penalty_needs_a_warning_or_a_fine_on_page_and_api(
    client, handler_user, officers, catalogue
):
    client.force_login(handler_user)
    writes = Writes()
    page = client.post("/cases/simple/new/", {**SIMPLE_PAGE, "lead": officers[0].pk, "co": officers[1].pk})
    api = Api(client).post(
        "/simple",
        {
            "summary": SIMPLE_PAGE["summary"],
            "place": SIMPLE_PAGE["place"],
            "item_code": "SCJG-CF-003",
            "party": {"kind": "organisation", "name": "东区味美餐饮有限公司"},
            "handler_ids": [officers[0].pk, officers[1].pk],
            "decided_on": "2026-03-02",
        },
    )
    assert page.context["form"].errors["fine"] == ["请选择警告或罚款"]
    assert errors(api) == {"fine": "请选择警告或罚款"}
    assert writes.nothing


@pytest.mark.django_db
def test_a_person_needs_an_id_number_on_page_and_api(client, handler_user, catalogue):
    client.force_login(handler_user)
    writes = Writes()
    common = {
        "source": "complaint",
        "summary": "销售过期食品",
        "discovered_on": "2026-03-01",
        "place": "东区人民路8号",
    }
    page = client.post(
        "/cases/new/",
        {**common, "item_codes": ["SCJG-CF-001"], "party_kind": "person", "party_name": "王某"},
    )
    api = Api(client).post(
        "/", {**common, "item_codes": ["SCJG-CF-001"], "party": {"kind": "person", "name": "王某"}}
    )
    assert page.context["form"].errors["party_id_number"] == ["自然人当事人须填写身份证号码"]
    assert errors(api) == {"party_id_number": "自然人当事人须填写身份证号码"}
    assert writes.nothing


# ---- the buttons of the steps: the next step is the page's one main button (architecture §5) ------


def step_buttons(client, case) -> dict[str, str]:
    """action → the class of its button on the case page."""
    page = html(client.get(url(case)))
    found = re.findall(rf'<a class="([^"]+)" href="/cases/{case.pk}/([a-z-]+)/"', page)
    return {slug: classes for classes, slug in found if slug in steps.ACTIONS}


def test_the_next_step_of_a_state_is_the_main_button_and_a_refusal_is_red():
    """Read from the tables alone: a row marked `main` that moves the subject from where it stands."""
    from types import SimpleNamespace

    from zhifa.complaints.transitions import MACHINE as complaints
    from zhifa.supervision.actions.transitions import MACHINE as items

    primary, other, refusal = "btn btn-primary", "btn btn-outline-secondary", "btn btn-outline-danger"
    intake = SimpleNamespace(status=CaseStatus.INTAKE)
    assert transitions.MACHINE.buttons(intake, ["assign", "register", "decline"]) == [
        ("assign", "指定承办人员", other),
        ("register", "立案", primary),
        ("decline", "不予立案", refusal),
    ]
    investigating = SimpleNamespace(status=CaseStatus.INVESTIGATING)
    assert (
        transitions.MACHINE.main_action(investigating, ["assign", "step", "submit-review"]) == "submit-review"
    )
    assert transitions.MACHINE.main_action(intake, ["assign"]) is None  # 立案 is the leader's
    pending = SimpleNamespace(status="pending")
    assert complaints.buttons(pending, ["accept", "transfer", "dispute"]) == [
        ("accept", "受理", primary),
        ("transfer", "转办", other),
        ("dispute", "提请转办争议", other),
    ]
    # 制发监督文书 leads an open item to 待答复; on an item already waiting it moves nothing: not the main
    assert items.main_action(SimpleNamespace(status="open"), ["find", "issue", "close"]) == "issue"
    assert items.main_action(SimpleNamespace(status="awaiting"), ["find", "issue"]) is None
    assert [
        b for _, _, b in items.buttons(SimpleNamespace(status="replied"), ["find", "accept", "return"])
    ] == [
        other,
        primary,
        refusal,
    ]


@pytest.mark.django_db
def test_the_case_page_shows_the_next_step_as_its_main_button(client, handler_user, leader, new_case):
    client.force_login(leader)
    assert step_buttons(client, new_case) == {
        "assign": "btn btn-outline-secondary",
        "register": "btn btn-primary",
        "decline": "btn btn-outline-danger",
    }
    client.force_login(handler_user)
    assert step_buttons(client, new_case) == {"assign": "btn btn-outline-secondary"}
    case = advance(new_case, CaseStatus.INVESTIGATING, handler_user, leader)
    buttons = step_buttons(client, case)
    assert buttons["submit-review"] == "btn btn-primary"
    assert [slug for slug, classes in buttons.items() if classes == "btn btn-primary"] == ["submit-review"]
