"""工作台 figures counted ahead (registry.summaries): the first page of a scope counts and keeps them, the
next pages read one row whatever the number of officers, the hourly task (and a stale row) recounts them
to the exact figures, and every viewer of the same scope shares one row."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import CertificateFactory, OfficerFactory
from zhifa.accounts.choices import RoleCode
from zhifa.registry import summaries
from zhifa.registry.models import ScopeSummary
from zhifa.registry.workbench import pending

pytestmark = pytest.mark.django_db

JUNE = date(2026, 6, 1)
EXPIRING = "/registry/certificates/?state=expiring"


def by_url(items) -> dict[str, str]:
    return {item.url: item.title for item in items}


def expiring_soon(agency, n: int = 1) -> None:
    for _ in range(n):
        CertificateFactory(officer=OfficerFactory(agency=agency), expires_on=JUNE + timedelta(days=10))


@pytest.fixture
def head(agencies, make_user):
    expiring_soon(agencies["east_market"], 3)
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD)


def test_the_first_page_counts_and_keeps_the_figures(agencies, head):
    items = pending(head, today=JUNE)
    assert by_url(items)[EXPIRING] == "执法证件30日内到期：3件"
    summary = ScopeSummary.objects.get()
    assert summary.agency == agencies["east_market"] and summary.viewer == head
    assert (summary.counted_on, summary.expiring, summary.training_short) == (JUNE, 3, 3)
    note = f"统计截至{timezone.localtime(summary.counted_at):%Y-%m-%d %H:%M}"
    assert {item.note for item in items} == {note}


def test_a_fresh_row_is_read_not_recounted_until_the_task_runs(agencies, head):
    pending(head, today=JUNE)
    expiring_soon(agencies["east_market"], 2)
    assert by_url(pending(head, today=JUNE))[EXPIRING] == "执法证件30日内到期：3件"  # as counted
    assert summaries.recount_all(today=JUNE) == 1
    assert by_url(pending(head, today=JUNE))[EXPIRING] == "执法证件30日内到期：5件"
    assert summaries.recount_all(today=JUNE) == 1  # a second run: the same figures
    assert ScopeSummary.objects.get().expiring == 5


def test_the_scheduled_task_recounts(agencies, head):
    from zhifa.jobs.tasks import registry_summaries

    pending(head, today=JUNE)
    expiring_soon(agencies["east_market"], 1)
    assert registry_summaries.call(day=JUNE.isoformat()) == 1
    assert ScopeSummary.objects.get().expiring == 4


def test_a_stale_row_is_recounted_by_the_page(agencies, head, settings):
    pending(head, today=JUNE)
    expiring_soon(agencies["east_market"], 1)
    ScopeSummary.objects.update(
        counted_at=timezone.now() - timedelta(minutes=settings.ZHIFA_WORKBENCH_SUMMARY_MAX_AGE_MINUTES + 1)
    )
    assert by_url(pending(head, today=JUNE))[EXPIRING] == "执法证件30日内到期：4件"


def test_a_row_of_another_day_is_recounted(agencies, head):
    pending(head, today=JUNE)
    # the next day one of the three is still within 30 days; so are the others: the day is what changed
    assert ScopeSummary.objects.get().counted_on == JUNE
    pending(head, today=JUNE + timedelta(days=15))
    assert ScopeSummary.objects.get().counted_on == JUNE + timedelta(days=15)
    items = by_url(pending(head, today=JUNE + timedelta(days=15)))
    assert items["/registry/certificates/?state=expired"] == "执法证件已过期：3件"


def test_one_row_per_scope(agencies, make_user, head):
    other_head = make_user(agencies["east_market"], RoleCode.AGENCY_HEAD)
    supervisor = make_user(agencies["city_justice"], RoleCode.SUPERVISOR)
    expiring_soon(agencies["west_market"], 1)
    pending(head, today=JUNE)
    pending(other_head, today=JUNE)
    assert ScopeSummary.objects.count() == 1
    assert by_url(pending(supervisor, today=JUNE))[EXPIRING] == "执法证件30日内到期：4件"
    assert ScopeSummary.objects.count() == 2


@pytest.mark.parametrize("change", ["moved", "disabled"])
def test_a_viewer_who_no_longer_stands_for_the_scope_drops_it(agencies, head, change):
    pending(head, today=JUNE)
    if change == "moved":
        head.agency = agencies["west_market"]
    else:
        head.is_active = False
    head.save()
    assert summaries.recount_all(today=JUNE) == 0
    assert not ScopeSummary.objects.exists()


def test_the_page_shows_when_the_figures_were_counted(client, head):
    client.force_login(head)
    page = client.get("/").content.decode()
    assert "执法证件已过期：3件" in page and 'data-testid="pending-note">统计截至' in page  # by today


def test_a_counted_scope_costs_the_same_with_ten_times_the_officers(
    agencies, head, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        fresh = type(head).objects.get(pk=head.pk)
        with CaptureQueriesContext(connection) as captured:
            pending(fresh, today=JUNE)
        return len(captured)

    pending(head, today=JUNE)
    few = queries()
    expiring_soon(agencies["east_market"], 30)
    summaries.recount_all(today=JUNE)
    assert queries() == few
    fresh = type(head).objects.get(pk=head.pk)
    with django_assert_num_queries(few):
        pending(fresh, today=JUNE)
