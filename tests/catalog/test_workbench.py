"""工作台 items of the catalogue: delegations whose evaluation is overdue or due within 30 days, for
those who delegate or evaluate (the county justice bureau's supervisors, department heads), each
linking to the delegation; benchmark evaluations that asked for a revision; a bounded number of
queries."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.catalog.conftest import FOOD_BASIS, item_fields
from tests.catalog.helpers import submit_and_approve
from tests.factories import AgencyFactory, RegionFactory
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import services
from zhifa.catalog.workbench import MAX_ITEMS, pending
from zhifa.core.choices import AgencyKind

pytestmark = pytest.mark.django_db

BEFORE_DUE = date(2026, 9, 15)  # the delegation of 2025-09-30 is due 2026-09-30
AFTER_DUE = date(2026, 10, 9)


@pytest.fixture
def township(city):
    region = RegionFactory(code="970102001", name="东区街道", level="township", parent=city["east"])
    return AgencyFactory(name="东区街道办事处", kind=AgencyKind.TOWNSHIP, region=region)


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


def delegate(item, township, on=date(2025, 9, 30)):
    return services.delegation_create(
        actor=None,
        from_agency=item.version.agency,
        to_agency=township,
        item=item,
        form="decision",
        document="东政发〔2025〕9号",
        on=on,
    )


@pytest.fixture
def delegation(food_item, township):
    return delegate(food_item, township)


class TestDelegations:
    def test_due_within_30_days(self, supervisor, delegation):
        (item,) = pending(supervisor, today=BEFORE_DUE)
        assert not item.overdue and item.due == date(2026, 9, 30)
        assert item.url == f"/catalog/delegations/{delegation.pk}/"
        assert "销售不符合食品安全标准的食品" in item.title and "东区街道办事处" in item.title
        assert "应于2026-09-30前评估" in item.title

    def test_overdue(self, supervisor, delegation):
        (item,) = pending(supervisor, today=AFTER_DUE)
        assert item.overdue and "评估已逾期" in item.title

    def test_not_yet_due_nor_withdrawn(self, supervisor, delegation):
        assert pending(supervisor, today=date(2026, 6, 1)) == []
        services.delegation_evaluate(
            actor=supervisor,
            delegation=delegation,
            on=date(2026, 9, 1),
            outcome="withdraw",
            findings="接不住",
        )
        assert pending(supervisor, today=AFTER_DUE + timedelta(days=400)) == []

    def test_the_department_head_too_but_not_officers_nor_other_counties(
        self, agencies, make_user, officer, city, delegation
    ):
        head = make_user(agencies["east_market"], RoleCode.AGENCY_HEAD)
        assert len(pending(head, today=AFTER_DUE)) == 1
        assert pending(officer, today=AFTER_DUE) == []
        west_justice = AgencyFactory(name="西县司法局", region=city["west"], kind=AgencyKind.JUSTICE)
        assert pending(make_user(west_justice, RoleCode.SUPERVISOR), today=AFTER_DUE) == []
        assert pending(AnonymousUser()) == []

    def test_bounded(self, supervisor, draft, township, django_assert_max_num_queries):
        for n in range(MAX_ITEMS + 5):
            item = services.item_create(
                actor=None, draft=draft, code=f"D-{n:03d}", legal_bases=[FOOD_BASIS], **item_fields()
            )
            delegate(item, township)
        supervisor = type(supervisor).objects.get(pk=supervisor.pk)
        supervisor.has_perm("catalog.manage_delegation")  # load the permissions outside the count
        with django_assert_max_num_queries(8):
            items = pending(supervisor, today=AFTER_DUE)
        assert len(items) == MAX_ITEMS + 1
        assert items[-1].title == "另有5项赋权事项评估已逾期" and "due=overdue" in items[-1].url

    def test_shown_on_the_workbench_page(self, client, supervisor, food_item, township):
        today = timezone.localdate()
        delegate(food_item, township, on=today - timedelta(days=400))
        client.force_login(supervisor)
        body = client.get("/").content.decode()
        assert "赋权乡镇评估" in body and "评估已逾期" in body


class TestBenchmarkRevisions:
    def test_needs_revision_until_a_version_is_published(self, agencies, make_user, published):
        reviewer = make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER)
        services.benchmark_evaluate(
            actor=None,
            agency=agencies["east_market"],
            item_code="SCJG-CF-001",
            on=timezone.localdate() - timedelta(days=10),
            findings="幅度过宽",
            needs_revision=True,
        )
        services.benchmark_evaluate(
            actor=None,
            agency=agencies["east_market"],
            item_code="SCJG-CF-001",
            on=timezone.localdate() - timedelta(days=5),
            findings="运行良好",
            needs_revision=False,
        )
        (item,) = pending(reviewer)
        assert "SCJG-CF-001" in item.title and "需要修订" in item.title
        assert item.url == f"/catalog/benchmark-evaluations/?agency={agencies['east_market'].pk}"
        assert pending(make_user(agencies["west_market"], RoleCode.LEGAL_REVIEWER)) == []
        draft = services.draft_open(actor=None, agency=agencies["east_market"])
        services.item_save(
            actor=None,
            draft=draft,
            code="SCJG-CF-001",
            legal_bases=[FOOD_BASIS],
            **item_fields(name="销售不合格食品"),
        )
        submit_and_approve(actor=None, draft=draft, reason="amended")
        assert pending(reviewer) == []
