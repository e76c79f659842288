from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.catalog.conftest import FOOD_BASIS, item_fields
from tests.factories import AgencyFactory, RegionFactory
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import selectors, services
from zhifa.catalog.models import Delegation
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db


@pytest.fixture
def township(city):
    region = RegionFactory(code="970102001", name="东区街道", level="township", parent=city["east"])
    return AgencyFactory(name="东区街道办事处", kind="township", region=region)


def delegate(item, township, on=date(2025, 9, 30)):
    return services.delegation_create(
        actor=None,
        from_agency=item.version.agency,
        to_agency=township,
        item=item,
        form="decision",
        document="东政发〔2025〕9号",
        on=on,
        staff_transferred=2,
    )


class TestDelegation:
    def test_evaluation_is_due_a_year_later_on_a_working_day(self, food_item, township):
        # 2026-09-30 is a working day → due that day; 2025-10-01 + 1 year = 2026-10-01, a holiday → 10-08
        assert delegate(food_item, township).evaluation_due == date(2026, 9, 30)
        other = services.item_create(
            actor=None, draft=food_item.version, code="X-2", legal_bases=[FOOD_BASIS], **item_fields()
        )
        assert delegate(other, township, on=date(2025, 10, 1)).evaluation_due == date(2026, 10, 8)

    def test_only_to_a_township_of_the_region(self, food_item, agencies):
        with pytest.raises(ValidationError, match="乡镇"):
            delegate(food_item, agencies["west_market"])

    def test_due_and_overdue(self, food_item, township, make_user, agencies):
        delegation = delegate(food_item, township)
        supervisor = make_user(agencies["east_justice"], RoleCode.SUPERVISOR)
        overdue, soon = selectors.delegations_due(
            selectors.delegations_visible_to(supervisor), on=date(2026, 9, 15)
        )
        assert list(soon) == [delegation] and not overdue
        overdue, soon = selectors.delegations_due(
            selectors.delegations_visible_to(supervisor), on=date(2026, 10, 9)
        )
        assert list(overdue) == [delegation]
        other_county = make_user(agencies["west_market"], RoleCode.SUPERVISOR)
        assert not selectors.delegations_visible_to(other_county).exists()

    def test_evaluation_outcomes(self, food_item, township, make_user, agencies):
        delegation = delegate(food_item, township)
        supervisor = make_user(agencies["east_justice"], RoleCode.SUPERVISOR)
        services.delegation_evaluate(
            actor=supervisor, delegation=delegation, on=date(2026, 9, 28), outcome="keep", findings="承接良好"
        )
        delegation.refresh_from_db()
        assert (delegation.status, delegation.evaluation_due) == ("active", date(2027, 9, 28))
        services.delegation_evaluate(
            actor=supervisor,
            delegation=delegation,
            on=date(2027, 9, 28),
            outcome="withdraw",
            findings="接不住、监管跟不上",
        )
        delegation.refresh_from_db()
        assert delegation.status == "withdrawn"
        with pytest.raises(ValidationError, match="已收回"):
            services.delegation_evaluate(
                actor=supervisor, delegation=delegation, on=date(2027, 10, 8), outcome="keep", findings="x"
            )
        actions = list(Record.objects.for_subject(delegation).values_list("action", flat=True))
        assert actions == ["delegation.create", "delegation.evaluate", "delegation.evaluate"]

    def test_findings_are_required(self, food_item, township):
        delegation = delegate(food_item, township)
        with pytest.raises(ValidationError):
            services.delegation_evaluate(
                actor=None, delegation=delegation, on=date(2026, 9, 28), outcome="keep", findings=" "
            )
        assert Delegation.objects.get().status == "active"


class TestDuties:
    def test_overlaps_and_gaps(self, agencies, draft, food_item):
        services.item_create(
            actor=None, draft=draft, code="X-2", legal_bases=[FOOD_BASIS], **item_fields(name="第二项")
        )
        services.item_create(
            actor=None, draft=draft, code="X-3", legal_bases=[FOOD_BASIS], **item_fields(name="第三项")
        )
        agency = agencies["east_market"]
        team1 = services.org_unit_create(actor=None, agency=agency, name="执法一队")
        team2 = services.org_unit_create(actor=None, agency=agency, name="执法二队")
        services.duty_assign(actor=None, unit=team1, item_code="SCJG-CF-001")
        services.duty_assign(actor=None, unit=team2, item_code="SCJG-CF-001")
        services.duty_assign(actor=None, unit=team1, item_code="X-2", division="城区")
        services.duty_assign(actor=None, unit=team2, item_code="X-2", division="乡镇")
        assert list(selectors.duty_overlaps(agency, draft)) == ["SCJG-CF-001"]
        assert [i.code for i in selectors.duty_gaps(agency, draft)] == ["X-3"]
        services.duty_assign(actor=None, unit=team1, item_code="SCJG-CF-001", division="A片区")
        services.duty_assign(actor=None, unit=team2, item_code="SCJG-CF-001", division="B片区")
        assert not selectors.duty_overlaps(agency, draft)
