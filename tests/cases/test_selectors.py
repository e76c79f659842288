"""cases.selectors and cases.workbench: the clocks on natural and working days (near-due = within three
working days), the SQL filters for overdue / near-due agreeing with the clocks day by day, the list
selector's scope, and the 工作台 items of handlers and leaders with a bounded number of queries."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.cases.conftest import penalty
from tests.cases.test_views import advance, open_case
from tests.helpers import paperwork
from zhifa.accounts.choices import RoleCode
from zhifa.cases import selectors, services, workbench
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case, Decision
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def in_memory(status, **fields) -> Case:
    decision = fields.pop("decided_on", None)
    case = Case(status=status, discovered_on=date(2026, 3, 1), **fields)
    if decision:
        case.decision = Decision(decided_on=decision)
    return case


class TestClocks:
    def test_register_within_15_natural_days(self):
        case = in_memory(CaseStatus.INTAKE)
        (clock,) = selectors.clocks_of(case, date(2026, 3, 10))
        assert (clock.step, clock.due, clock.state) == ("register", date(2026, 3, 16), "ok")
        assert selectors.clocks_of(case, date(2026, 3, 12))[0].state == "near"  # 3 working days ahead
        assert selectors.clocks_of(case, date(2026, 3, 16))[0].state == "near"  # due today
        assert selectors.clocks_of(case, date(2026, 3, 17))[0].state == "overdue"

    def test_service_within_7_working_days_across_the_national_day(self):
        case = in_memory(CaseStatus.DECIDED, decided_on=date(2026, 9, 28))
        (clock,) = selectors.clocks_of(case, date(2026, 9, 30))
        assert (clock.step, clock.due) == (
            "serve",
            date(2026, 10, 13),
        )  # 10-01…10-07 off, 10-10 a make-up day
        assert clock.state == "ok"
        assert selectors.clocks_of(case, date(2026, 10, 8))[0].state == "ok"  # 10-09, 10-10, 10-12 < 10-13
        assert selectors.clocks_of(case, date(2026, 10, 9))[0].state == "near"
        assert selectors.clocks_of(case, date(2026, 10, 13))[0].state == "near"
        assert selectors.clocks_of(case, date(2026, 10, 14))[0].overdue

    def test_near_due_counts_working_days_not_calendar_days(self):
        # due Monday 2026-03-16; on Wednesday 03-11 three working days ahead is Monday: near
        case = in_memory(CaseStatus.INVESTIGATING, decision_due=date(2026, 3, 16))
        assert selectors.clocks_of(case, date(2026, 3, 11))[0].state == "near"
        assert selectors.clocks_of(case, date(2026, 3, 10))[0].state == "ok"

    def test_decision_due_includes_the_extension(self):
        case = in_memory(CaseStatus.NOTIFIED, decision_due=date(2026, 6, 30), extension_days=30)
        case.hearing_deadline = date(2026, 3, 17)
        clocks = selectors.clocks_of(case, date(2026, 3, 16))
        assert [c.step for c in clocks] == ["hearing_request", "decide"]
        assert "已延长30日" in clocks[1].note
        assert selectors.next_clock(case, date(2026, 3, 16)).step == "hearing_request"
        # once the party's window has closed it is "passed", and the next clock is the decision
        assert selectors.clocks_of(case, date(2026, 3, 18))[0].state == "passed"
        assert selectors.next_clock(case, date(2026, 3, 18)).step == "decide"

    def test_closed_cases_have_no_clock(self):
        for status in (CaseStatus.SERVED, CaseStatus.CLOSED, CaseStatus.ARCHIVED, CaseStatus.DECLINED):
            assert selectors.clocks_of(in_memory(status), date(2026, 12, 1)) == []

    def test_pending_clocks_is_one_query(self, registered, django_assert_max_num_queries):
        with django_assert_max_num_queries(2):  # the cases, and the year's holiday overrides (cached)
            clocks = selectors.pending_clocks(Case.objects.all(), date(2026, 5, 28))
        assert [(c.step, c.due, c.state) for c in clocks] == [("decide", date(2026, 5, 31), "near")]


@pytest.fixture
def mix(agencies, handler_user, leader, officers, catalogue):
    """Open cases in each clocked status, decided on days around a long holiday."""
    cases = [open_case(agencies, handler_user, officers)]  # INTAKE, discovered 03-01
    cases.append(
        advance(open_case(agencies, handler_user, officers), CaseStatus.INVESTIGATING, handler_user, leader)
    )
    cases.append(
        advance(open_case(agencies, handler_user, officers), CaseStatus.NOTIFIED, handler_user, leader)
    )
    cases.append(
        advance(open_case(agencies, handler_user, officers), CaseStatus.DECIDED, handler_user, leader)
    )
    late = advance(open_case(agencies, handler_user, officers), CaseStatus.NOTIFIED, handler_user, leader)
    for _ in range(2):
        services.case_extend(actor=leader, case=late, days=90, reason="检验鉴定")
    services.case_decide(
        actor=leader, case=paperwork(late, "decide"), decision=penalty(decided_on=date(2026, 9, 28))
    )
    cases.append(late)
    return cases


def test_sql_filters_agree_with_the_clocks_every_day(mix, handler_user):
    cases = Case.objects.filter(pk__in=[c.pk for c in mix]).select_related("decision")
    day = date(2026, 2, 25)
    while day <= date(2026, 10, 31):
        clocks = [(c.pk, selectors.clocks_of(c, day)) for c in cases]
        overdue = {pk for pk, cs in clocks if any(c.overdue for c in cs)}
        near = {pk for pk, cs in clocks if any(c.near_due and c.step != "hearing_request" for c in cs)}
        assert (
            set(
                selectors.cases_visible_to(handler_user, overdue=True, today=day).values_list("pk", flat=True)
            )
            == overdue
        ), day
        assert (
            set(
                selectors.cases_visible_to(handler_user, near_due=True, today=day).values_list(
                    "pk", flat=True
                )
            )
            == near
        ), day
        day += timedelta(days=1)


def test_list_selector_is_scoped(registered, other_officer, handler_user):
    assert list(selectors.cases_visible_to(handler_user)) == [registered]
    assert not selectors.cases_visible_to(other_officer).exists()


def test_timeline_interleaves_records_and_evidence(registered):
    entries = selectors.timeline(registered)
    assert [e.action for e in entries] == ["案件登记", "指定承办人员", "立案"]
    assert ("编号", registered.number) in entries[2].details
    assert len(entries) == Record.objects.for_subject(registered).count()


# ---- 工作台 ----------------------------------------------------------------------------------------------


class TestWorkbench:
    def test_handler_sees_near_and_overdue_steps_of_their_cases(
        self, agencies, handler_user, leader, officers, catalogue, registered, django_assert_max_num_queries
    ):
        officers[0].user = handler_user
        officers[0].save(update_fields=["user"])
        open_case(
            agencies, handler_user, officers, discovered_on=TODAY - timedelta(days=14), summary="近期线索"
        )
        open_case(agencies, handler_user, officers, discovered_on=TODAY - timedelta(days=1), summary="新线索")
        with django_assert_max_num_queries(4):
            items = workbench.pending(handler_user, today=TODAY)
        by_title = {item.title: item for item in items}
        overdue = next(item for title, item in by_title.items() if registered.number in title)
        assert (
            overdue.overdue and overdue.due == date(2026, 5, 31) and overdue.url == f"/cases/{registered.pk}/"
        )
        assert "作出决定期限2026-05-31，已逾期" in overdue.title
        soon = next(item for title, item in by_title.items() if "近期线索" in title)
        assert not soon.overdue and soon.due == TODAY + timedelta(days=1) and "立案期限" in soon.title
        assert not any("新线索" in title for title in by_title)

    def test_a_user_without_an_officer_gets_no_own_items(self, agencies, make_user, registered):
        clerk = make_user(agencies["east_market"], RoleCode.OFFICER)
        assert workbench.pending(clerk, today=TODAY) == []

    def test_leader_counts_with_links_to_the_filtered_list(
        self, agencies, handler_user, leader, officers, catalogue, django_assert_max_num_queries
    ):
        open_case(agencies, handler_user, officers)
        open_case(agencies, handler_user, officers, discovered_on=TODAY - timedelta(days=1))
        executed = advance(
            open_case(agencies, handler_user, officers), CaseStatus.EXECUTED, handler_user, leader
        )
        due = advance(
            open_case(agencies, handler_user, officers), CaseStatus.INVESTIGATING, handler_user, leader
        )
        Case.objects.filter(pk=due.pk).update(decision_due=TODAY + timedelta(days=1))
        with django_assert_max_num_queries(8):
            items = {item.title: item for item in workbench.pending(leader, today=TODAY)}
        assert items["待批准立案：2件"].url == "/cases/?status=intake"
        assert items["待批准结案：1件"].url == "/cases/?status=executed"
        assert items["3个工作日内须作出决定：1件"].url == "/cases/?near_due=1"
        overdue = items["本机关逾期案件：1件"]  # the clue discovered on 03-01 is long past its 15 days
        assert overdue.overdue and overdue.url == "/cases/?overdue=1"
        assert executed.status == CaseStatus.EXECUTED

    def test_workbench_page_shows_the_items(
        self, client, agencies, handler_user, leader, officers, catalogue
    ):
        open_case(agencies, handler_user, officers)
        client.force_login(leader)
        text = client.get("/").content.decode()
        assert "案件办理" in text and "待批准立案：1件" in text

    def test_other_agencies_are_not_counted(self, agencies, make_user, new_case):
        from zhifa.accounts.choices import RoleCode

        west_head = make_user(agencies["west_market"], RoleCode.AGENCY_HEAD)
        assert workbench.pending(west_head, today=TODAY) == []
