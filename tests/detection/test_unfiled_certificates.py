"""有案不立 (`not_filing`) and 无有效执法证件执法 (`certificates` v2) over seeded data with known hits and known
non-hits: the exact hits, the reason of one in full, the evidence links."""

from datetime import date

import pytest

from tests.factories import CertificateFactory, OfficerFactory, field
from zhifa.complaints.choices import Channel, Status
from zhifa.complaints.models import Complaint
from zhifa.detection import services
from zhifa.detection.models import Hit, ParamSetting
from zhifa.inspections.choices import SubjectKind
from zhifa.inspections.models import Inspection, Subject
from zhifa.registry.choices import CertificateStatus

from .conftest import TODAY
from .test_models import hits

_n = iter(range(1, 1000))


@pytest.fixture
def complain(agencies, city, item_of):
    def make(agency=None, *, due=date(2026, 5, 20), item=True, **extra):
        n = next(_n)
        agency = agency or agencies["east_market"]
        return Complaint.objects.create(
            number=f"TS2026{n:04d}",
            channel=Channel.HOTLINE,
            subject_name="东区第一食品店",
            title=f"销售过期食品{n}",
            content="货架上有过期食品。",
            region=agency.region,
            agency=agency,
            item=item_of() if item else None,
            item_code="SCJG-CF-001" if item else "",
            status=Status.ACCEPTED,
            received_on=date(2026, 4, 20),
            routed_on=date(2026, 4, 20),
            clock_from=date(2026, 4, 20),
            ack_due=date(2026, 4, 23),
            reply_due=date(2026, 5, 12),
            accepted_on=date(2026, 4, 22),
            case_due=due if item else None,
            **extra,
        )

    return make


@pytest.mark.django_db
def test_not_filing_exact_hits(complain, make_case, agencies):
    late = complain()
    west = complain(agencies["west_market"], due=date(2026, 5, 29))
    complain(due=date(2026, 6, 5))  # its period still runs
    complain(due=TODAY)  # the last day of its period: not yet late
    complain(case=make_case())  # led to a case
    complain(merged_into=late)  # a merged duplicate
    complain(item=False)  # no enforceable matter named
    found = hits("not_filing")
    assert set(found) == {f"complaint:{late.pk}", f"complaint:{west.pk}"}
    hit = found[f"complaint:{late.pk}"]
    item = late.item
    assert hit.reason == (
        f"投诉举报涉及执法事项“{item.name}”（SCJG-CF-001），2026-04-22受理，应于2026-05-20前作出是否立案的判断，"
        "已过12日仍未立案"
    )
    assert (hit.agency_id, hit.measure) == (agencies["east_market"].pk, 12)
    assert [e[:2] for e in hit.evidence] == [
        [f"投诉举报{late.number}", f"/complaints/{late.pk}/"],
        [f"执法事项{item.name}", f"/catalog/items/{item.pk}/"],
    ]


@pytest.mark.django_db
def test_not_filing_grace_per_region(complain, agencies, city):
    east = complain()  # 12 days late
    west = complain(agencies["west_market"], due=date(2026, 5, 29))  # 3 days late
    ParamSetting.objects.create(
        region=city["city"], bureau=agencies["city_justice"], model="not_filing", name="grace_days", value=2,
        set_at="2026-05-01T00:00:00Z",
    )  # fmt: skip
    ParamSetting.objects.create(
        region=city["east"], bureau=agencies["east_justice"], model="not_filing", name="grace_days", value=15,
        set_at="2026-05-01T00:00:00Z",
    )  # fmt: skip
    assert set(hits("not_filing")) == {f"complaint:{west.pk}"}  # 东区 grants 15 days, 西县 its city's 2
    ParamSetting.objects.filter(region=city["city"]).update(value=5)
    assert set(hits("not_filing")) == set()
    assert east


@pytest.mark.django_db
def test_not_filing_stored_and_scoped_to_the_runners_region(complain, agencies, supervisor, city):
    east = complain()
    complain(agencies["west_market"])
    run = services.run_model(actor=supervisor, model="not_filing", today=TODAY)
    assert (run.region, run.found, run.counts) == (city["east"], 1, {str(agencies["east_market"].pk): [1, 1]})
    hit = Hit.objects.get()
    assert (hit.key, hit.model, hit.agency) == (f"complaint:{east.pk}", "not_filing", agencies["east_market"])


# ---- certificates on the act's date -----------------------------------------------------------------------


def _certified(officer, *, status=CertificateStatus.VALID, since=None, until=None, expires=date(2030, 1, 1)):
    certificate = CertificateFactory(
        officer=officer, issued_on=date(2025, 1, 1), expires_on=expires, status=status,
        status_since=since, suspended_until=until,
    )  # fmt: skip
    certificate.fields.set([field("market")])
    return certificate


@pytest.mark.django_db
def test_certificates_status_dated_by_the_act(make_case, agencies):
    east = agencies["east_market"]
    revoked_later = OfficerFactory(agency=east, name="王强")  # 吊销 after the decision (2026-04-01)
    _certified(revoked_later, status=CertificateStatus.REVOKED, since=date(2026, 5, 1))
    suspended_before = OfficerFactory(agency=east, name="赵敏")  # 暂扣 from 2026-03-20, before the decision
    _certified(suspended_before, status=CertificateStatus.SUSPENDED, since=date(2026, 3, 20))
    suspension_over = OfficerFactory(agency=east, name="钱进")  # 暂扣 ended 2026-02-28, before both acts
    _certified(
        suspension_over, status=CertificateStatus.SUSPENDED, since=date(2026, 2, 1), until=date(2026, 2, 28)
    )
    undated = OfficerFactory(agency=east, name="孙丽")  # 吊销 with no date kept: out of force all along
    _certified(undated, status=CertificateStatus.REVOKED)
    first = make_case(officers=(revoked_later, suspended_before))
    second = make_case(officers=(suspension_over, undated))
    found = hits("certificates")
    assert set(found) == {
        f"case:{first.pk}:officer:{suspended_before.pk}",
        f"case:{second.pk}:officer:{undated.pk}",
    }
    assert found[f"case:{first.pk}:officer:{suspended_before.pk}"].reason == (
        "承办人赵敏在决定日2026-04-01没有市场监管领域的有效行政执法证"
    )
    assert found[f"case:{second.pk}:officer:{undated.pk}"].reason == (
        "承办人孙丽在立案日2026-03-02、决定日2026-04-01没有市场监管领域的有效行政执法证"
    )


@pytest.mark.django_db
def test_certificates_of_inspecting_officers(agencies, make_user):
    from zhifa.accounts.choices import RoleCode

    east = agencies["east_market"]
    subject = Subject.objects.create(
        agency=east, kind=SubjectKind.values[0], name="东区第一食品店", code="91110101MA00000019"
    )
    people = {}
    for username, name, cert in (
        ("insp_ok", "张伟", {}),
        ("insp_expired", "李娜", {"expires": date(2026, 3, 31)}),
        ("insp_later", "王强", {"status": CertificateStatus.REVOKED, "since": date(2026, 5, 1)}),
    ):
        user = make_user(east, RoleCode.OFFICER, username=username)
        officer = OfficerFactory(agency=east, name=name, user=user)
        _certified(officer, **cert)
        people[username] = (user, officer)
    make_user(east, RoleCode.OFFICER, username="insp_nobody")  # a login without an officer: not checked
    made = {
        username: Inspection.objects.create(
            agency=east, subject=subject, started_on=date(2026, 4, 10), started_by=user
        )
        for username, (user, _) in people.items()
    }
    found = hits("certificates")
    officer = people["insp_expired"][1]
    key = f"inspection:{made['insp_expired'].pk}:officer:{officer.pk}"
    assert set(found) == {key}
    assert found[key].reason == "检查人李娜在检查日2026-04-10没有有效的行政执法证"
    assert found[key].subject == "李娜对东区第一食品店的检查"


@pytest.mark.django_db
def test_a_status_change_dates_itself(agencies):
    from django.utils import timezone

    from zhifa.registry import services as registry

    officer = OfficerFactory(agency=agencies["east_market"])
    certificate = _certified(officer)
    registry.certificate_set_status(actor=None, certificate=certificate, status="suspended", reason="调查")
    certificate.refresh_from_db()
    today = timezone.localdate()
    assert certificate.status_since == today
    certificate.status_since = date(2026, 1, 5)
    certificate.save(update_fields=["status_since"])
    registry.certificate_set_status(actor=None, certificate=certificate, status="revoked", reason="查实")
    certificate.refresh_from_db()
    assert certificate.status_since == date(2026, 1, 5)  # a 暂扣 turned 吊销: out of force since the 暂扣
