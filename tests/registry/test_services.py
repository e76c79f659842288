"""Registry writes: bodies (seed 000 §6-7), officers, certificates, training, ratios — and bad input."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import (
    AgencyFactory,
    CertificateFactory,
    OfficerFactory,
    TrainingFactory,
    field,
    valid_id_number,
)
from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record
from zhifa.registry import selectors, services
from zhifa.registry.choices import BodyStatus, CertificateStatus, GrantKind, LegalStanding, PersonKind
from zhifa.registry.models import Certificate, EnforcementBody, Officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR)


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD)


def register(actor, agency, standing=LegalStanding.STATUTORY, **kwargs):
    return services.body_register(actor=actor, agency=agency, standing=standing, **kwargs)


class TestBodies:
    def test_life_cycle_is_recorded(self, supervisor, agencies):
        body = register(supervisor, agencies["east_market"], on=date(2026, 2, 1))
        services.body_confirm(
            actor=supervisor,
            body=body,
            document="东政发〔2026〕3号",
            on=date(2026, 3, 1),
            confirmed_by="东区人民政府",
        )
        services.body_announce(actor=supervisor, body=body, text="经确认，现予公告。", on=date(2026, 3, 2))
        body.refresh_from_db()
        assert body.status == BodyStatus.CONFIRMED and body.is_public
        services.body_rename(
            actor=supervisor,
            body=body,
            new_name="东区市场监管局",
            document="东编〔2026〕1号",
            on=date(2026, 5, 1),
        )
        body.refresh_from_db()
        assert body.status == BodyStatus.PENDING and not body.is_public  # a new name needs re-confirmation
        assert [c.kind for c in body.changes.all()] == ["establish", "confirm", "announce", "rename"]
        actions = list(Record.objects.for_subject(body).values_list("action", flat=True))
        assert actions == ["body.establish", "body.confirm", "body.announce", "body.rename"]

    def test_confirmed_twice_is_refused(self, supervisor, agencies):
        body = register(supervisor, agencies["east_market"])
        services.body_confirm(
            actor=supervisor, body=body, document="文1", on=date(2026, 3, 1), confirmed_by="政府"
        )
        with pytest.raises(ValidationError, match="不能重复确认"):
            services.body_confirm(
                actor=supervisor, body=body, document="文2", on=date(2026, 4, 1), confirmed_by="政府"
            )
        body.refresh_from_db()
        assert body.confirmation_document == "文1"

    def test_registered_twice_is_refused(self, supervisor, agencies):
        register(supervisor, agencies["east_market"])
        with pytest.raises(ValidationError, match="已登记"):
            register(supervisor, agencies["east_market"])

    def test_reform_comprehensive_unit_cannot_be_a_body(self, supervisor, city):
        unit = AgencyFactory(kind="comprehensive", region=city["east"])
        with pytest.raises(ValidationError, match="以主管部门名义执法"):
            register(supervisor, unit)
        assert not EnforcementBody.objects.filter(agency=unit).exists()

    def test_development_zone_needs_a_recorded_grant(self, supervisor, city):
        zone = AgencyFactory(kind="devzone", region=city["east"])
        with pytest.raises(ValidationError, match="赋权"):
            register(supervisor, zone, standing=LegalStanding.AUTHORIZED, legal_basis="某条例第五条")
        body = register(
            supervisor,
            zone,
            standing=LegalStanding.AUTHORIZED,
            legal_basis="省政府相对集中行政处罚权决定",
            grant_kind=GrantKind.CONCENTRATED_PENALTY,
            grant_document="苏政复〔2025〕8号",
        )
        assert body.pk

    def test_unit_of_a_development_zone_without_a_grant_cannot_be_a_body(self, supervisor, city):
        zone = AgencyFactory(kind="devzone", region=city["east"])
        unit = AgencyFactory(kind="department", region=city["east"], parent=zone)
        with pytest.raises(ValidationError, match="所属职能部门"):
            register(supervisor, unit)

    def test_entrusted_body_records_its_principal_scope_and_term(self, supervisor, agencies, city):
        org = AgencyFactory(kind="other", region=city["east"])
        with pytest.raises(ValidationError) as exc:
            register(supervisor, org, standing=LegalStanding.ENTRUSTED)
        assert {"entrusting_agency", "entrusted_scope", "entrusted_until"} <= set(exc.value.message_dict)
        body = register(
            supervisor,
            org,
            standing=LegalStanding.ENTRUSTED,
            entrusting_agency=agencies["east_market"],
            entrusted_scope="农贸市场日常检查",
            entrusted_from=date(2026, 1, 1),
            entrusted_until=date(2027, 12, 31),
        )
        assert body.entrusting_agency == agencies["east_market"]

    def test_merge_ends_the_merged_and_requires_reconfirmation(self, supervisor, agencies):
        a, b = register(supervisor, agencies["east_market"]), register(supervisor, agencies["east_justice"])
        services.body_merge(actor=supervisor, bodies=[b], into=a, document="合并文", on=date(2026, 6, 1))
        b.refresh_from_db()
        assert (b.status, b.merged_into) == (BodyStatus.MERGED, a)
        with pytest.raises(ValidationError):
            services.body_confirm(
                actor=supervisor, body=b, document="x", on=date(2026, 6, 2), confirmed_by="政府"
            )

    def test_officer_may_not_manage_bodies(self, officer, agencies):
        with pytest.raises(PermissionDenied):
            register(officer, agencies["east_market"])

    def test_county_supervisor_cannot_register_outside_the_county(self, make_user, agencies):
        county = make_user(agencies["east_justice"], RoleCode.SUPERVISOR)
        with pytest.raises(PermissionDenied):
            register(county, agencies["west_market"])


class TestOfficersAndCertificates:
    def test_create_computes_initials_and_records_without_the_id_number(self, head, agencies):
        number = valid_id_number(7)
        officer = services.officer_create(
            actor=head, agency=agencies["east_market"], name="张伟", id_number=number, fields=[field()]
        )
        assert officer.name_initials == "zw"
        record = Record.objects.for_subject(officer).get()
        assert number not in record.payload and number[-4:] in record.payload

    def test_bad_id_number_is_refused_with_the_field(self, head, agencies):
        bad = valid_id_number(7)[:-1] + "0"
        bad = bad if bad != valid_id_number(7) else valid_id_number(7)[:-1] + "1"
        with pytest.raises(ValidationError) as exc:
            services.officer_create(actor=head, agency=agencies["east_market"], name="张伟", id_number=bad)
        assert "id_number" in exc.value.message_dict
        assert not Officer.objects.exists()

    def test_head_of_another_agency_cannot_add_officers(self, make_user, agencies):
        other_head = make_user(agencies["west_market"], RoleCode.AGENCY_HEAD)
        with pytest.raises(PermissionDenied):
            services.officer_create(
                actor=other_head, agency=agencies["east_market"], name="张伟", id_number=valid_id_number(1)
            )

    def issue(self, actor, officer, **overrides):
        data = dict(
            number="JZ20260001",
            kind="enforcement",
            issuer="测试市司法局",
            issued_on=date(2026, 1, 1),
            expires_on=date(2031, 1, 1),
            fields=[field()],
        )
        return services.certificate_issue(actor=actor, officer=officer, **{**data, **overrides})

    def test_issue_gives_the_right_to_enforce(self, supervisor, agencies):
        officer = OfficerFactory(agency=agencies["east_market"])
        self.issue(supervisor, officer)
        assert selectors.can_enforce(officer, "market", on=date(2026, 6, 1))

    @pytest.mark.parametrize(
        ("overrides", "error_field"),
        [
            ({"number": "jz-1"}, "number"),
            ({"number": "12345"}, "number"),
            ({"expires_on": date(2025, 12, 31)}, "expires_on"),
            ({"expires_on": date(2026, 1, 1)}, "expires_on"),
            ({"fields": []}, "fields"),
        ],
    )
    def test_bad_certificates_are_refused(self, supervisor, agencies, overrides, error_field):
        officer = OfficerFactory(agency=agencies["east_market"])
        with pytest.raises(ValidationError) as exc:
            self.issue(supervisor, officer, **overrides)
        assert error_field in exc.value.message_dict
        assert not Certificate.objects.exists()

    def test_duplicate_certificate_number(self, supervisor, agencies):
        self.issue(supervisor, OfficerFactory(agency=agencies["east_market"]))
        with pytest.raises(ValidationError) as exc:
            self.issue(supervisor, OfficerFactory(agency=agencies["east_market"]))
        assert "number" in exc.value.message_dict

    def test_auxiliary_staff_get_no_certificate(self, supervisor, agencies):
        helper = OfficerFactory(agency=agencies["east_market"], kind=PersonKind.AUXILIARY)
        with pytest.raises(ValidationError, match="辅助人员"):
            self.issue(supervisor, helper)

    @pytest.mark.parametrize(("status", "label"), [("left", "调离/退休"), ("suspended", "暂停执法")])
    def test_no_certificate_for_someone_not_on_an_enforcement_post(
        self, client, supervisor, agencies, status, label
    ):
        """Seed 001 §6: 原则上不得向未在行政执法岗位的人员发放行政执法证件 — refused by name, nothing written,
        through the service, the page and the API alike."""
        officer = OfficerFactory(agency=agencies["east_market"], name="周退", status=status)
        before = Record.objects.count()
        with pytest.raises(ValidationError) as exc:
            self.issue(supervisor, officer)
        assert exc.value.message_dict["officer"] == [
            f"周退当前为“{label}”，不在行政执法岗位，不得发放行政执法证件（原则上不得向未在行政执法岗位的人员发放行政执法证件）"
        ]
        client.force_login(supervisor)
        form = {
            "number": "JZ20260009",
            "kind": "enforcement",
            "issuer": "测试市司法局",
            "issued_on": "2026-01-01",
            "expires_on": "2031-01-01",
        }
        page = client.post(
            f"/registry/officers/{officer.pk}/certificates/new/", {**form, "certificate_fields": [field().pk]}
        )
        assert "不在行政执法岗位" in page.content.decode()
        api = client.post(
            f"/api/registry/officers/{officer.pk}/certificates",
            {**form, "fields": [field().code]},
            content_type="application/json",
        )
        assert api.status_code == 422
        assert api.json()["detail"][0]["loc"] == ["body", "officer"]
        assert "不在行政执法岗位" in api.json()["detail"][0]["msg"]
        assert not Certificate.objects.exists() and Record.objects.count() == before

    def test_no_certificate_without_a_post(self, supervisor, agencies):
        officer = OfficerFactory(agency=agencies["east_market"], name="钱无岗", post="")
        before = Record.objects.count()
        with pytest.raises(ValidationError) as exc:
            self.issue(supervisor, officer)
        assert exc.value.message_dict["officer"] == [
            "钱无岗没有登记所在的行政执法岗位，不得发放行政执法证件"
            "（原则上不得向未在行政执法岗位的人员发放行政执法证件），请先登记岗位"
        ]
        assert not Certificate.objects.exists() and Record.objects.count() == before

    def test_agency_head_cannot_issue_certificates(self, head, agencies):
        with pytest.raises(PermissionDenied):
            self.issue(head, OfficerFactory(agency=agencies["east_market"]))

    def test_suspend_and_revoke_need_a_reason_and_revoked_is_final(self, supervisor, agencies):
        certificate = CertificateFactory(officer=OfficerFactory(agency=agencies["east_market"]))
        with pytest.raises(ValidationError):
            services.certificate_set_status(
                actor=supervisor, certificate=certificate, status="suspended", reason=" "
            )
        services.certificate_set_status(
            actor=supervisor, certificate=certificate, status="revoked", reason="违法违纪"
        )
        with pytest.raises(ValidationError, match="已吊销"):
            services.certificate_set_status(
                actor=supervisor, certificate=certificate, status="valid", reason="恢复"
            )
        certificate.refresh_from_db()
        assert certificate.status == CertificateStatus.REVOKED

    def test_recheck_due_every_two_years(self, agencies):
        today = timezone.localdate()
        officer = OfficerFactory(agency=agencies["east_market"])
        old = CertificateFactory(
            officer=officer, issued_on=today - timedelta(days=800), expires_on=today + timedelta(days=900)
        )
        CertificateFactory(
            officer=officer, issued_on=today - timedelta(days=100), expires_on=today + timedelta(days=900)
        )
        checked = CertificateFactory(
            officer=officer,
            issued_on=today - timedelta(days=800),
            expires_on=today + timedelta(days=900),
            last_checked_on=today - timedelta(days=30),
        )
        due = selectors.certificates_due_for_recheck(Certificate.objects.all(), on=today)
        assert list(due) == [old]
        assert checked not in due


class TestTrainingAndRatios:
    def test_training_shortfall_and_public_law_course_for_new_officers(self, agencies):
        veteran = OfficerFactory(agency=agencies["east_market"], enforcing_since=date(2015, 1, 1))
        newcomer = OfficerFactory(agency=agencies["east_market"], enforcing_since=date(2026, 2, 1))
        TrainingFactory(officer=veteran, hours=40, on=date(2026, 3, 1))
        TrainingFactory(officer=veteran, hours=25, on=date(2026, 5, 1))
        TrainingFactory(officer=veteran, hours=50, on=date(2025, 5, 1))  # last year does not count
        TrainingFactory(officer=newcomer, hours=20, on=date(2026, 3, 1), kind="public_law")
        standings = {s.officer: s for s in selectors.training_standings(Officer.objects.all(), 2026)}
        assert standings[veteran].hours == 65 and not standings[veteran].is_short
        assert standings[newcomer].shortfall == Decimal(40)
        assert standings[newcomer].public_law_shortfall == Decimal(10)

    def test_hours_must_be_positive(self, head, agencies):
        officer = OfficerFactory(agency=agencies["east_market"])
        with pytest.raises(ValidationError) as exc:
            services.training_add(
                actor=head, officer=officer, on=date(2026, 3, 1), hours=0, kind="business", title="培训"
            )
        assert "hours" in exc.value.message_dict

    @pytest.mark.parametrize(
        ("officers", "reviewers", "required", "shortfall"),
        [(0, 0, 0, 0), (20, 1, 1, 0), (21, 1, 2, 1), (40, 0, 2, 2)],
    )
    def test_reviewer_ratio_five_percent(self, agencies, make_user, officers, reviewers, required, shortfall):
        agency = agencies["east_market"]
        for _ in range(officers):
            OfficerFactory(agency=agency)
        for _ in range(reviewers):
            make_user(agency, RoleCode.LEGAL_REVIEWER)
        ratios = selectors.agency_ratios(type(agency).objects.filter(pk=agency.pk))[agency.pk]
        assert (ratios.officers, ratios.reviewers, ratios.reviewers_required, ratios.reviewer_shortfall) == (
            officers,
            reviewers,
            required,
            shortfall,
        )

    def test_certificate_coverage(self, agencies):
        agency = agencies["east_market"]
        CertificateFactory(officer=OfficerFactory(agency=agency))
        OfficerFactory(agency=agency)
        OfficerFactory(agency=agency, kind=PersonKind.AUXILIARY)  # not counted as an officer
        ratios = selectors.agency_ratios(type(agency).objects.filter(pk=agency.pk), on=date(2026, 6, 1))[
            agency.pk
        ]
        assert (ratios.officers, ratios.certified, ratios.coverage) == (2, 1, 0.5)

    def test_rotation_flags_key_posts_beyond_five_years(self, agencies):
        today = timezone.localdate()
        long_serving = OfficerFactory(
            agency=agencies["east_market"], is_key_post=True, post_since=today - timedelta(days=6 * 365)
        )
        OfficerFactory(
            agency=agencies["east_market"], is_key_post=True, post_since=today - timedelta(days=2 * 365)
        )
        OfficerFactory(
            agency=agencies["east_market"], is_key_post=False, post_since=today - timedelta(days=9 * 365)
        )
        assert list(selectors.rotation_due(Officer.objects.all(), on=today)) == [long_serving]


class TestSearch:
    def test_by_name_initials_and_certificate_number(self, agencies, officer):
        zhang = OfficerFactory(agency=agencies["east_market"], name="张伟", name_initials="zw")
        CertificateFactory(officer=zhang, number="JZ00001234")
        OfficerFactory(agency=agencies["east_market"], name="李娜", name_initials="ln")
        OfficerFactory(agency=agencies["west_market"], name="张伟", name_initials="zw")
        for q in ["张伟", "zw", "ZW", "jz00001234", "张"]:
            assert list(selectors.officers_visible_to(officer, q=q)) == [zhang], q

    def test_certificate_state_filters(self, agencies, officer):
        today = timezone.localdate()
        valid = CertificateFactory(
            officer=OfficerFactory(agency=agencies["east_market"]), issued_on=today - timedelta(days=10)
        ).officer
        expiring = CertificateFactory(
            officer=OfficerFactory(agency=agencies["east_market"]),
            issued_on=today - timedelta(days=10),
            expires_on=today + timedelta(days=10),
        ).officer
        expired = CertificateFactory(
            officer=OfficerFactory(agency=agencies["east_market"]),
            issued_on=today - timedelta(days=800),
            expires_on=today - timedelta(days=1),
        ).officer
        bare = OfficerFactory(agency=agencies["east_market"])

        def pick(state):
            return set(selectors.officers_visible_to(officer, certificate=state))

        assert pick("valid") == {valid, expiring}
        assert pick("expiring") == {expiring}
        assert pick("expired") == {expired}
        assert pick("none") == {bare}


def test_an_expired_certificate_replaced_by_a_valid_one_is_not_flagged(agencies):
    today = timezone.localdate()
    renewed = OfficerFactory(agency=agencies["east_market"])
    CertificateFactory(
        officer=renewed, issued_on=today - timedelta(days=900), expires_on=today - timedelta(days=1)
    )
    CertificateFactory(
        officer=renewed, issued_on=today - timedelta(days=1), expires_on=today + timedelta(days=900)
    )
    lapsed = CertificateFactory(
        officer=OfficerFactory(agency=agencies["east_market"]),
        issued_on=today - timedelta(days=900),
        expires_on=today - timedelta(days=1),
    )
    assert list(selectors.certificates_expired(Certificate.objects.all(), on=today)) == [lapsed]
