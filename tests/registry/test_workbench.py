"""工作台 items of the registry: an officer's own certificates and (in Q4) training; counts over their
scope for those who keep staff records or issue certificates; a bounded number of queries."""

from datetime import date, timedelta

import pytest

from tests.factories import CertificateFactory, OfficerFactory, TrainingFactory
from zhifa.accounts.choices import RoleCode
from zhifa.core import workbench as core_workbench
from zhifa.registry.choices import CertificateStatus
from zhifa.registry.workbench import pending

pytestmark = pytest.mark.django_db

NOV = date(2026, 11, 2)  # Q4
JUNE = date(2026, 6, 1)


def titles(items) -> list[str]:
    return [item.title for item in items]


@pytest.fixture
def me(agencies, officer):
    """The officer record linked to the `officer` login (东区市场监督管理局)."""
    return OfficerFactory(agency=agencies["east_market"], user=officer, name="张伟")


class TestOwnItems:
    def test_nothing_for_a_user_without_an_officer_record(self, officer):
        assert pending(officer, today=NOV) == []

    def test_anonymous(self):
        from django.contrib.auth.models import AnonymousUser

        assert pending(AnonymousUser()) == []

    def test_expiring_and_expired_certificates(self, officer, me):
        CertificateFactory(
            officer=me, number="SOON000001", issued_on=date(2021, 1, 1), expires_on=JUNE + timedelta(days=20)
        )
        CertificateFactory(
            officer=me,
            number="GONE000001",
            kind="supervision",
            issued_on=date(2020, 1, 1),
            expires_on=JUNE - timedelta(days=1),
        )
        CertificateFactory(
            officer=me,
            number="LATER00001",
            kind="supervision",
            status=CertificateStatus.SUSPENDED,
            expires_on=JUNE,
        )
        items = {item.title: item for item in pending(officer, today=JUNE)}
        soon = next(item for title, item in items.items() if "SOON000001" in title)
        gone = next(item for title, item in items.items() if "GONE000001" in title)
        assert "将于2026-06-21到期" in soon.title and not soon.overdue and soon.due == date(2026, 6, 21)
        assert "已于2026-05-31过期" in gone.title and gone.overdue
        assert soon.url == f"/registry/officers/{me.pk}/"
        assert not any("LATER00001" in title for title in items)  # suspended: not an expiry reminder
        assert not any("培训" in title for title in items)  # only in the fourth quarter

    def test_a_renewed_certificate_silences_the_old_one(self, officer, me):
        CertificateFactory(
            officer=me, number="OLD0000001", issued_on=date(2020, 1, 1), expires_on=JUNE - timedelta(days=1)
        )
        CertificateFactory(
            officer=me, number="NEW0000001", issued_on=JUNE - timedelta(days=5), expires_on=date(2031, 1, 1)
        )
        assert pending(officer, today=JUNE) == []

    def test_training_shortfall_in_the_fourth_quarter(self, officer, me):
        TrainingFactory(officer=me, on=date(2026, 3, 1), hours=20)
        TrainingFactory(officer=me, on=date(2025, 3, 1), hours=60)  # last year does not count
        assert pending(officer, today=JUNE) == []
        (item,) = pending(officer, today=NOV)
        assert "2026年度" in item.title and "尚差40" in item.title and item.due == date(2026, 12, 31)
        TrainingFactory(officer=me, on=date(2026, 10, 1), hours=40)
        assert pending(officer, today=NOV) == []

    def test_new_officer_owes_the_public_law_course(self, officer, me):
        me.enforcing_since = date(2026, 2, 1)
        me.save()
        TrainingFactory(officer=me, on=date(2026, 3, 1), hours=60, kind="business")
        (item,) = pending(officer, today=NOV)
        assert "公共法律知识培训尚差30" in item.title

    def test_shown_on_the_workbench_page(self, client, officer, me):
        CertificateFactory(officer=me, number="SOON000002", expires_on=date.today() + timedelta(days=5))
        client.force_login(officer)
        assert "SOON000002" in client.get("/").content.decode()
        assert pending in core_workbench._providers


class TestScopeCounts:
    @pytest.fixture
    def data(self, agencies):
        east, west = agencies["east_market"], agencies["west_market"]
        today = JUNE
        for n in range(3):
            CertificateFactory(officer=OfficerFactory(agency=east), expires_on=today + timedelta(days=10 + n))
        CertificateFactory(
            officer=OfficerFactory(agency=east),
            issued_on=date(2019, 1, 1),
            expires_on=today - timedelta(days=1),
        )
        CertificateFactory(
            officer=OfficerFactory(agency=east), issued_on=date(2023, 1, 1), expires_on=date(2029, 1, 1)
        )
        OfficerFactory(agency=east, is_key_post=True, post_since=date(2019, 1, 1))
        # 西县: must not be counted for 东区 users
        CertificateFactory(officer=OfficerFactory(agency=west), expires_on=today + timedelta(days=3))
        OfficerFactory(agency=west, is_key_post=True, post_since=date(2010, 1, 1))

    def by_url(self, items) -> dict[str, str]:
        return {item.url: item.title for item in items}

    def test_agency_head_sees_counts_of_the_agency(self, agencies, make_user, data):
        head = make_user(agencies["east_market"], RoleCode.AGENCY_HEAD)
        items = self.by_url(pending(head, today=JUNE))
        assert items["/registry/certificates/?state=expiring"] == "执法证件30日内到期：3件"
        assert items["/registry/certificates/?state=expired"] == "执法证件已过期：1件"
        assert items["/registry/certificates/?state=recheck"] == "执法证件应审验：1件"
        assert items["/registry/officers/?rotation=1"] == "重要执法岗位任职满5年应轮岗：1人"
        training_url = f"/registry/compliance/{agencies['east_market'].pk}/training/?year=2026"
        assert items[training_url] == "2026年度培训学时未达标：6人"

    def test_city_supervisor_sees_the_region(self, agencies, make_user, data):
        supervisor = make_user(agencies["city_justice"], RoleCode.SUPERVISOR)
        items = self.by_url(pending(supervisor, today=JUNE))
        assert items["/registry/certificates/?state=expiring"] == "执法证件30日内到期：4件"
        assert items["/registry/officers/?rotation=1"] == "重要执法岗位任职满5年应轮岗：2人"
        assert items["/registry/compliance/?year=2026"] == "2026年度培训学时未达标：8人"

    def test_no_counts_without_a_manage_permission(self, officer, data):
        assert pending(officer, today=JUNE) == []

    def test_nothing_pending_means_no_items(self, agencies, make_user):
        assert pending(make_user(agencies["east_market"], RoleCode.AGENCY_HEAD), today=JUNE) == []

    def test_query_count_is_bounded(self, agencies, make_user, data, django_assert_max_num_queries):
        head = make_user(agencies["east_market"], RoleCode.AGENCY_HEAD)
        OfficerFactory(agency=agencies["east_market"], user=head)
        for _ in range(20):
            CertificateFactory(
                officer=OfficerFactory(agency=agencies["east_market"]), expires_on=JUNE + timedelta(days=5)
            )
        head = type(head).objects.get(pk=head.pk)
        with django_assert_max_num_queries(20):  # the scope counted and kept (registry.summaries)
            pending(head, today=NOV)
        head = type(head).objects.get(pk=head.pk)
        with django_assert_max_num_queries(9):  # then one row read
            pending(head, today=NOV)
