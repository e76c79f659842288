"""工作台 key figures (KPI cards) of the cases app and the cost of the supervisor's 工作台 and case list:
exact figures, each a link to the filtered list, and a query count that does not grow with officers."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.cases.conftest import ON
from tests.factories import AgencyFactory, RegionFactory
from zhifa.accounts.choices import RoleCode
from zhifa.cases.cards import cards
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case, Decision
from zhifa.core import deadlines, kit
from zhifa.core.choices import RegionLevel
from zhifa.core.validators import id_number_with_check
from zhifa.registry.choices import TrainingKind
from zhifa.registry.models import Officer, TrainingRecord

pytestmark = pytest.mark.django_db

JUNE = date(2026, 6, 1)
THIS_YEAR = timezone.localdate().replace(month=3, day=1)


def figures(sets, title: str) -> dict[str, tuple[str, str]]:
    [found] = [s for s in sets if s.title == title]
    return {f.label: (f.value, f.url) for f in found.figures}


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_supervisor")


class TestOwnCases:
    def test_open_near_and_overdue_of_the_handler(self, handler_user, officers, new_case):
        pk = officers[0].pk
        assert figures(cards(handler_user, today=ON), "我的案件") == {
            "在办案件": ("1", f"/cases/?handler={pk}&open=1"),
            "3个工作日内到期": ("0", f"/cases/?handler={pk}&near_due=1"),
            "已逾期": ("0", f"/cases/?handler={pk}&overdue=1"),
        }
        # 15 days after discovery (2026-03-01) and still not registered: overdue
        assert figures(cards(handler_user, today=JUNE), "我的案件")["已逾期"][0] == "1"

    def test_a_user_without_an_officer_record_has_no_own_cards(self, officer, new_case):
        assert cards(officer, today=ON) == []


class TestScopeCases:
    def decide(self, case, fine: str, on: date) -> None:
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.DECIDED)
        Decision.objects.create(
            case=case, kind="penalty", fine=Decimal(fine), decided_on=on, reasoning="经查……"
        )

    def test_the_agency_leader_sees_open_overdue_and_this_years_fines(self, leader, new_case):
        self.decide(new_case, "70000", date(2026, 3, 20))
        assert figures(cards(leader, today=JUNE), "本机关案件") == {
            "在办案件": ("1", "/cases/?open=1"),
            "已逾期": ("1", "/cases/?overdue=1"),  # decided, not served within 7 working days
            "2026年罚款": ("7.00万元", "/cases/?decided_year=2026"),
        }
        assert figures(cards(leader, today=date(2027, 1, 4)), "本机关案件")["2027年罚款"][0] == "0.00元"

    def test_the_supervisor_sees_the_region(self, supervisor, new_case):
        assert figures(cards(supervisor, today=ON), "辖区案件")["在办案件"][0] == "1"

    def test_another_agencys_leader_counts_nothing(self, agencies, make_user, new_case):
        west = make_user(agencies["west_market"], RoleCode.UNIT_HEAD, username="west_head")
        assert figures(cards(west, today=ON), "本机关案件")["在办案件"][0] == "0"

    def test_the_figures_link_to_lists_that_show_the_same_count(self, client, leader, new_case):
        client.force_login(leader)
        html = client.get("/cases/?open=1").content.decode()
        assert html.count('data-testid="case-row"') == 1
        html = client.get("/cases/?decided_year=2025").content.decode()
        assert html.count('data-testid="case-row"') == 0


class TestWorkbenchPage:
    def test_the_page_opens_with_the_cards(self, client, leader, new_case):
        client.force_login(leader)
        html = client.get("/").content.decode()
        assert html.index('data-testid="kpi-set"') < html.index('data-testid="pending"')
        assert "本机关案件" in html and "在办案件" in html


def add_officers(agency, n: int, start: int) -> None:
    """n officers of `agency` in bulk, each with a few hours of training (short of the year's 60)."""
    made = Officer.objects.bulk_create(
        Officer(
            agency=agency,
            name=f"批量{i}",
            name_initials="pl",
            id_number=id_number_with_check(
                f"110101{date(1970, 1, 1) + timedelta(days=i // 1000):%Y%m%d}{i % 1000:03d}"
            ),
        )
        for i in range(start, start + n)
    )
    TrainingRecord.objects.bulk_create(
        TrainingRecord(officer=o, on=THIS_YEAR, hours=Decimal(8), kind=TrainingKind.BUSINESS, title="培训")
        for o in made
    )


def queries(client, url: str) -> int:
    client.get(url)  # the first request of a session reads what later ones have cached
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


class TestCostDoesNotGrowWithOfficers:
    @pytest.mark.parametrize("url", ["/", "/cases/"])
    def test_same_queries_at_3_and_300_officers(
        self, client, agencies, supervisor, new_case, url, django_assert_max_num_queries
    ):
        client.force_login(supervisor)
        add_officers(agencies["east_market"], 3, 0)
        few = queries(client, url)
        add_officers(agencies["west_market"], 300, 1000)
        assert queries(client, url) == few
        with django_assert_max_num_queries(few):
            client.get(url)

    def test_the_region_training_shortfall_is_counted_not_listed(self, client, agencies, supervisor):
        add_officers(agencies["east_market"], 120, 0)
        client.force_login(supervisor)
        html = client.get("/").content.decode()
        assert f"{THIS_YEAR.year}年度培训学时未达标：120人" in html


class TestCostDoesNotGrowWithOtherRegions:
    """The supervisor's 工作台 reads the region's rows: another region's cases and records add no query and
    change no figure (benchmarks/lists.py times it; docs/performance.md)."""

    def test_same_queries_and_figures_with_another_regions_cases_and_records(
        self, client, supervisor, new_case
    ):
        client.force_login(supervisor)
        few = queries(client, "/")
        assert figures(cards(supervisor, today=ON), "辖区案件")["在办案件"][0] == "1"
        elsewhere = AgencyFactory(
            name="他市市场监督管理局",
            region=RegionFactory(code="960100", name="他市", level=RegionLevel.CITY),
        )
        copies = []
        for _ in range(40):
            copy = Case.objects.get(pk=new_case.pk)
            copy.pk = None
            copy.agency = elsewhere
            copies.append(copy)
        Case.objects.bulk_create(copies)
        for _ in range(25):
            kit.record(
                new_case,
                deadlines.MOVED_ACTION,
                actor=None,
                payload={"field": "hearing_deadline", "from": "2027-01-04", "to": "2027-01-05"},
                agency=elsewhere,
            )
        assert Case.objects.count() == 41
        assert queries(client, "/") == few
        assert figures(cards(supervisor, today=ON), "辖区案件")["在办案件"][0] == "1"
        assert "期限调整" not in client.get("/").content.decode()
