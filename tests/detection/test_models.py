"""Each model over seeded data with known hits and known non-hits: the exact set of hits, and the reason
of one in full."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.factories import CertificateFactory, OfficerFactory, field
from zhifa.cases.choices import CaseStatus, DecisionKind
from zhifa.cases.models import Service
from zhifa.detection import framework
from zhifa.detection.framework import Context, Params

from .conftest import TODAY


def hits(code: str, today: date = TODAY) -> dict[str, framework.Found]:
    model = framework.get(code)
    assert model is not None
    return {f.key: f for f in model.find(Context(model, today, Params(model)))}


@pytest.mark.django_db
def test_discretion_outside_the_range_without_a_reason(make_case):
    above = make_case(fine="80000", low="50000", high="70000")
    below = make_case(fine="40000", low="50000", high="70000")
    make_case(fine="60000", low="50000", high="70000")  # inside
    make_case(fine="90000", low="50000", high="70000", deviation="当事人拒不配合，从重处罚")  # explained
    make_case(fine="90000", low="50000", high="70000", deviation="   ")  # blank is no reason: a hit
    make_case(fine="90000")  # no benchmark on the decision
    found = hits("discretion")
    assert len(found) == 3
    assert {f"case:{above.pk}", f"case:{below.pk}"} <= set(found)
    assert found[f"case:{above.pk}"].reason == (
        "罚款¥80,000.00，“一般”情节的裁量基准推荐范围为¥50,000.00—¥70,000.00，偏离¥10,000.00，"
        "决定未说明偏离裁量基准的理由"
    )
    assert found[f"case:{below.pk}"].measure == Decimal("10000")


@pytest.mark.django_db
def test_discretion_tolerance_per_region(make_case, settings, city, agencies):
    east = make_case(fine="72000", low="50000", high="70000")
    west = make_case(agencies["west_market"], fine="72000", low="50000", high="70000")
    settings.ZHIFA_DETECTION_PARAMS_BY_REGION = {city["east"].code: {"discretion": {"tolerance_pct": 5}}}
    assert set(hits("discretion")) == {f"case:{west.pk}"}  # 东区 tolerates 5 %, 西县 the default 0 %
    settings.ZHIFA_DETECTION_PARAMS_BY_REGION = {
        city["city"].code: {"discretion": {"tolerance_pct": 5}},
        city["east"].code: {"discretion": {"tolerance_pct": 1}},
    }
    assert set(hits("discretion")) == {f"case:{east.pk}"}  # the county's own value before its city's


@pytest.mark.django_db
def test_disparity_flags_outliers_of_their_group(make_case):
    normal = [make_case(fine=f) for f in ("5000", "6000", "5500", "4500", "5000")]
    high = make_case(fine="30000")
    low = make_case(fine="1000")
    make_case(fine="30000", level="serious")  # another level: a group of one
    make_case(fine="30000", item="SCJG-CF-003")  # another item
    found = hits("disparity")
    assert set(found) == {f"case:{high.pk}:item:SCJG-CF-001", f"case:{low.pk}:item:SCJG-CF-001"}
    assert found[f"case:{high.pk}:item:SCJG-CF-001"].reason.endswith(
        "“一般”情节的7件罚款案件中，本案罚款¥30,000.00，其余6件平均罚款¥4,500.00，为其6.67倍"
    )
    assert normal


@pytest.mark.django_db
def test_disparity_needs_a_group_of_min_group(make_case):
    make_case(fine="5000")
    make_case(fine="5000")
    make_case(fine="50000")
    assert hits("disparity") == {}


@pytest.mark.django_db
def test_overlimit(make_case):
    late = make_case(status=CaseStatus.INVESTIGATING, decision_due=TODAY - timedelta(days=3), decide=False)
    make_case(status=CaseStatus.INVESTIGATING, decision_due=TODAY, decide=False)  # due today: not yet
    make_case(status=CaseStatus.CLOSED, decision_due=TODAY - timedelta(days=30))  # decided
    found = hits("overlimit")
    assert set(found) == {f"case:{late.pk}"}
    assert (
        found[f"case:{late.pk}"].reason
        == "2026-03-02立案，办案期限2026-05-29已过3日，案件仍处于“调查取证”阶段，未作出决定"
    )


@pytest.mark.django_db
def test_certificates_on_the_acts_dates(make_case, agencies):
    market = field("market")
    valid = OfficerFactory(agency=agencies["east_market"], name="张伟")
    CertificateFactory(officer=valid, issued_on=date(2025, 1, 1), expires_on=date(2030, 1, 1)).fields.set(
        [market]
    )
    expired = OfficerFactory(agency=agencies["east_market"], name="李娜")
    CertificateFactory(officer=expired, issued_on=date(2021, 1, 1), expires_on=date(2026, 3, 20)).fields.set(
        [market]
    )
    case = make_case(officers=(valid, expired))
    before = make_case(
        officers=(valid, expired), registered_on=date(2026, 3, 2), decided_on=date(2026, 3, 10)
    )
    found = hits("certificates")
    assert set(found) == {f"case:{case.pk}:officer:{expired.pk}"}
    assert (
        found[f"case:{case.pk}:officer:{expired.pk}"].reason
        == "承办人李娜在决定日2026-04-01没有市场监管领域的有效行政执法证"
    )
    assert before


@pytest.mark.django_db
def test_overdue_service_of_a_decision(make_case):
    late = make_case(status=CaseStatus.DECIDED, decided_on=date(2026, 5, 20))
    make_case(status=CaseStatus.DECIDED, decided_on=date(2026, 5, 28))  # within 7 working days
    served = make_case(status=CaseStatus.DECIDED, decided_on=date(2026, 5, 1))
    Service.objects.create(
        case=served, document="行政处罚决定书", served_on=date(2026, 5, 6), method="direct", recipient="甲"
    )
    found = hits("overdue")
    assert set(found) == {f"case:{late.pk}:service"}
    assert found[f"case:{late.pk}:service"].reason.startswith("2026-05-20作出决定，应于2026-05-29前送达")


@pytest.mark.django_db
def test_repeat_fine(make_case, agencies):
    thrice = [make_case(party="91110101MA00000019", decided_on=date(2026, m, 1)) for m in (1, 3, 5)]
    [make_case(party="91110101MA0000002X", party_name="另一店", decided_on=date(2026, m, 1)) for m in (1, 3)]
    make_case(party="91110101MA0000002X", party_name="另一店", decided_on=date(2024, 1, 1))  # outside a year
    found = hits("repeat_fine")
    key = f"party:91110101MA00000019:item:SCJG-CF-001:agency:{agencies['east_market'].pk}"
    assert set(found) == {key}
    assert found[key].reason.startswith("当事人东区第一食品店因")
    assert found[key].reason.endswith(
        "被同一机关罚款3次，合计¥15,000.00，多次处罚未见整改成效，存在以罚代管之嫌"
    )
    assert thrice


@pytest.mark.django_db
def test_crime_flagged_but_fined(make_case, supervisor):
    from django.utils import timezone

    from zhifa.review.choices import ReviewStatus
    from zhifa.review.models import Review, ReviewRound

    fined = make_case()
    moved = make_case(kind=DecisionKind.TRANSFER, fine=None)
    clean = make_case()
    for case, flag in ((fined, True), (moved, True), (clean, False)):
        review = Review.objects.create(case=case, status=ReviewStatus.PASSED)
        ReviewRound.objects.create(
            review=review,
            number=1,
            suspected_crime=flag,
            proposal="拟罚款",
            submitted_at=timezone.now(),
            due_on=date(2026, 3, 20),
        )
    assert set(hits("crime")) == {f"case:{fined.pk}"}


@pytest.mark.django_db
def test_profit_concentration(make_case, agencies):
    west = agencies["west_market"]
    for m in (1, 2, 3, 4):
        make_case(fine="20000", decided_on=date(2026, m, 10))
    make_case(fine="120000", decided_on=date(2026, 5, 10))  # 60 % of 200,000 in May
    for m in (1, 2, 3):
        make_case(west, fine="50000", decided_on=date(2026, m, 10))  # 33 % each: not concentrated
    found = hits("profit")
    key = f"agency:{agencies['east_market'].pk}:month:2026-05"
    assert set(found) == {key}
    assert found[key].reason == (
        "东区市场监督管理局2026年05月罚款1件共¥120,000.00，占近12个月罚款总额¥200,000.00的60.0%，罚款在时间上明显集中"
    )


@pytest.mark.django_db
def test_profit_needs_a_minimum_total(make_case):
    make_case(fine="90000", decided_on=date(2026, 5, 10))
    assert hits("profit") == {}
