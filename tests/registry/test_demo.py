"""The registry demo: ~41 people (2 auxiliary), certificates in every state worth showing, training,
assessments, bodies; loaded through the services, so the record chains verify; idempotent."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.core import records
from zhifa.core.models import Agency, Record
from zhifa.core.validators import validate_id_number
from zhifa.demo.registry import MAIN, QS_MARKET, field_code
from zhifa.registry import selectors
from zhifa.registry.choices import BodyStatus, CertificateStatus, PersonKind
from zhifa.registry.models import (
    Assessment,
    BodyChange,
    Certificate,
    EnforcementBody,
    Officer,
    TrainingRecord,
)

pytestmark = pytest.mark.django_db

LINKED = ["dh_zf1", "dh_zf2", "dh_cbfz", "qs_zf1", "qs_zf2"] + [
    f"{county}_d{n}_zf" for county in ("dh", "qs") for n in range(2, 6)
]


def counts():
    models = [Officer, Certificate, TrainingRecord, Assessment, EnforcementBody, BodyChange, Record]
    return [model.objects.count() for model in models]


@pytest.fixture
def demo(demo_db):
    """The shared demo (tests/shared_demo.py)."""


def test_demo_is_idempotent_and_its_records_verify(demo, capsys):
    before = counts()
    call_command("demo", no_serve=True)
    assert counts() == before
    assert "执法人员：42 人" in capsys.readouterr().out  # 41 and 陈静, the reviewer (demo/equipment.py)
    assert records.verify().ok


def test_about_forty_people_two_of_them_auxiliary_in_the_main_agency(demo):
    assert 35 <= Officer.objects.count() <= 45
    helpers = Officer.objects.filter(kind=PersonKind.AUXILIARY)
    assert helpers.count() == 2
    assert set(helpers.values_list("agency__name", flat=True)) == {MAIN}
    assert not Certificate.objects.filter(officer__kind=PersonKind.AUXILIARY).exists()
    for officer in Officer.objects.all():
        validate_id_number(officer.id_number)
        assert 1970 <= int(officer.id_number[6:10]) <= 2000


def test_certificates_in_every_state(demo):
    certificates = Certificate.objects.all()
    assert selectors.certificates_expired(certificates).count() == 1
    assert selectors.certificates_expiring(certificates).count() == 1
    assert certificates.filter(status=CertificateStatus.SUSPENDED).count() == 1
    assert selectors.certificates_due_for_recheck(certificates).exists()
    assert all(c.number.startswith("JZ") and c.issuer == "江州市司法局" for c in certificates)
    for certificate in certificates.select_related("officer__agency"):
        assert [f.code for f in certificate.fields.all()] == [field_code(certificate.officer.agency)]


def test_demo_users_are_certified_officers(demo):
    today = timezone.localdate()
    for username in LINKED:
        user = User.objects.get(username=username)
        officer = user.officer
        assert officer.agency_id == user.agency_id and officer.name == user.real_name
        assert selectors.can_enforce(officer, field_code(officer.agency), on=today), username
    assert User.objects.get(username="dh_fz1").officer.kind == PersonKind.AUXILIARY


def test_training_assessment_rotation_and_ratios(demo):
    year = timezone.localdate().year
    standings = selectors.training_standings(Officer.objects.all(), year)
    short = [s for s in standings if s.is_short]
    assert 0 < len(short) < len(standings) / 2
    assert Assessment.objects.filter(year=year - 1).count() == Officer.objects.count()
    assert selectors.rotation_due(Officer.objects.all()).count() >= 2
    ratios = selectors.agency_ratios(Agency.objects.filter(name__in=[MAIN, QS_MARKET]))
    main, qs = (ratios[Agency.objects.get(name=name).pk] for name in (MAIN, QS_MARKET))
    assert main.reviewers >= 1 and main.reviewer_shortfall == 0
    assert qs.reviewer_shortfall > 0


def test_bodies(demo):
    bodies = EnforcementBody.objects.select_related("agency")
    assert bodies.filter(status=BodyStatus.PENDING).count() == 1
    public = selectors.public_bodies()
    assert public.count() == bodies.count() - 1
    assert {b.agency.kind for b in bodies} == {"department", "township"}
    townships = bodies.filter(agency__kind="township")
    assert townships.count() == 2 and all(b.standing == "authorized" and b.legal_basis for b in townships)
    assert not bodies.filter(agency__kind="comprehensive").exists()
    assert Agency.objects.filter(kind="comprehensive").exists()
