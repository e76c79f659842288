"""The right to enforce is derived from certificates; auxiliary staff only ever assist (seed 000 §10)."""

from datetime import date

import pytest

from tests.factories import CertificateFactory, OfficerFactory, field
from zhifa.registry import selectors
from zhifa.registry.choices import AUXILIARY_ROLES, CaseRole, CertificateKind, CertificateStatus, PersonKind
from zhifa.registry.models import Officer

pytestmark = pytest.mark.django_db

ON = date(2026, 6, 1)


@pytest.fixture
def certified(agencies):
    officer = OfficerFactory(agency=agencies["east_market"])
    CertificateFactory(officer=officer, issued_on=date(2025, 1, 1), expires_on=date(2027, 12, 31))
    return officer


class TestCanEnforce:
    def test_valid_certificate_covering_the_field(self, certified):
        assert selectors.can_enforce(certified, "market", on=ON)
        assert selectors.can_enforce(certified, field("market"), on=ON)

    def test_field_not_covered(self, certified):
        assert not selectors.can_enforce(certified, "ecology", on=ON)

    def test_before_issue_and_after_expiry(self, certified):
        assert not selectors.can_enforce(certified, "market", on=date(2024, 12, 31))
        assert selectors.can_enforce(certified, "market", on=date(2027, 12, 31))
        assert not selectors.can_enforce(certified, "market", on=date(2028, 1, 1))

    @pytest.mark.parametrize("status", [CertificateStatus.SUSPENDED, CertificateStatus.REVOKED])
    def test_suspended_or_revoked_certificate(self, certified, status):
        certified.certificates.update(status=status)
        assert not selectors.can_enforce(certified, "market", on=ON)

    def test_a_supervision_certificate_does_not_give_the_right_to_enforce(self, agencies):
        officer = OfficerFactory(agency=agencies["east_market"])
        CertificateFactory(officer=officer, kind=CertificateKind.SUPERVISION)
        assert not selectors.can_enforce(officer, "market", on=ON)

    def test_officer_who_left_or_is_suspended(self, certified):
        for status in ("left", "suspended"):
            Officer.objects.filter(pk=certified.pk).update(status=status)
            certified.refresh_from_db()
            assert not selectors.can_enforce(certified, "market", on=ON)

    def test_second_certificate_adds_a_field(self, certified):
        CertificateFactory(officer=certified, fields=["ecology"])
        assert selectors.can_enforce(certified, "ecology", on=ON)

    def test_enforcers_for_lists_exactly_the_certified(self, certified, agencies):
        OfficerFactory(agency=agencies["east_market"])  # no certificate
        assert list(selectors.enforcers_for("market", on=ON)) == [certified]
        assert not selectors.enforcers_for("ecology", on=ON).exists()


class TestCaseRoles:
    def test_auxiliary_staff_only_assist(self, agencies):
        helper = OfficerFactory(agency=agencies["east_market"], kind=PersonKind.AUXILIARY)
        roles = selectors.allowed_case_roles(helper, field="market", on=ON)
        assert roles == AUXILIARY_ROLES
        assert not roles & {CaseRole.INVESTIGATE, CaseRole.REVIEW, CaseRole.DECIDE, CaseRole.COERCE}
        assert {CaseRole.SERVE, CaseRole.COLLECT, CaseRole.RECEIVE} <= roles

    def test_auxiliary_staff_with_a_certificate_row_still_only_assist(self, agencies):
        helper = OfficerFactory(agency=agencies["east_market"], kind=PersonKind.AUXILIARY)
        CertificateFactory(officer=helper)  # bypassing the service, as a bad import might
        assert not selectors.can_enforce(helper, "market", on=ON)
        assert selectors.allowed_case_roles(helper, field="market", on=ON) == AUXILIARY_ROLES

    def test_certified_officer_may_hold_every_role_in_the_field(self, certified):
        assert selectors.allowed_case_roles(certified, field="market", on=ON) == frozenset(CaseRole)

    def test_uncertified_officer_may_only_assist(self, certified):
        assert selectors.allowed_case_roles(certified, field="ecology", on=ON) == AUXILIARY_ROLES

    def test_without_a_field_any_valid_certificate_counts(self, certified):
        assert selectors.allowed_case_roles(certified, on=ON) == frozenset(CaseRole)

    def test_inactive_person_holds_no_role(self, certified):
        Officer.objects.filter(pk=certified.pk).update(status="left")
        certified.refresh_from_db()
        assert selectors.allowed_case_roles(certified, on=ON) == frozenset()
