"""部门协作配合 in 评议考核 (seed 004 七(四)): the three computed leaves count, per agency, the hand-offs it owed in
the year and those it did in time — each one grouped query, with a drill-down listing exactly what is counted."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import AgencyFactory
from zhifa.collaboration.models import AssistanceRequest, Notice, Transfer
from zhifa.core.models import Agency
from zhifa.evaluation import indicators

pytestmark = pytest.mark.django_db
YEAR = 2025


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def pair(city):
    return AgencyFactory(name="东区综合行政执法局", region=city["east"]), AgencyFactory(
        name="东区交通运输局", region=city["east"]
    )


def notice(sender, receiver, due: date, sent: date | None) -> Notice:
    return Notice.objects.create(kind="penalty", sender=sender, receiver=receiver, title="占道经营", party="张三",
                                 decided_on=date(YEAR, 1, 2), due_on=due, sent_at=sent and at(sent),
                                 status="sent" if sent else "pending")  # fmt: skip


def assistance(requester, helper, due: date, answered: date | None) -> AssistanceRequest:
    return AssistanceRequest.objects.create(kind="consult", requester=requester, helper=helper, subject="认定车辆改装",
                                            questions="是否属于非法改装", sent_at=at(date(YEAR, 1, 2)), due_on=due,
                                            answered_on=answered, status="answered" if answered else "received")  # fmt: skip


def transfer(sender, receiver, due: date, answered: date | None) -> Transfer:
    return Transfer.objects.create(agency=sender, receiver=receiver, kind="lead", item_code="JTYS-CF-001",
                                   item_name="超限运输", summary="超限运输", facts="超限", source_material="巡查记录",
                                   reasons="不属本机关管辖", party_kind="person", party_name="李四",
                                   discovered_at=at(date(YEAR, 1, 2)), answer_due=due,
                                   answered_at=answered and at(answered, 23),
                                   status="accepted" if answered else "received")  # fmt: skip


def measured(key, *agencies):
    found = indicators.measure(
        indicators.get(key), Agency.objects.filter(pk__in=[a.pk for a in agencies]), YEAR
    )
    return {a.name: (int(found[a.pk].counted), found[a.pk].total) for a in agencies if a.pk in found}


def test_each_leaf_counts_what_the_agency_owed_and_did_in_time(pair, django_assert_num_queries):
    urban, transport = pair
    notice(urban, transport, date(YEAR, 3, 16), date(YEAR, 3, 16))  # on the last day: in time
    notice(urban, transport, date(YEAR, 3, 16), date(YEAR, 3, 17))  # a day late
    notice(urban, transport, date(YEAR, 4, 1), None)  # never sent
    notice(urban, transport, date(YEAR + 1, 1, 5), date(YEAR, 12, 30))  # due next year: not this year's
    assistance(urban, transport, date(YEAR, 5, 8), date(YEAR, 5, 8))
    assistance(urban, transport, date(YEAR, 5, 8), date(YEAR, 5, 11))
    transfer(urban, transport, date(YEAR, 6, 5), date(YEAR, 6, 5))  # 23:00 on the last day: in time
    transfer(transport, urban, date(YEAR, 6, 5), None)  # urban never answered

    with django_assert_num_queries(1):
        assert measured("collaboration.notices", urban, transport) == {"东区综合行政执法局": (1, 3)}
    assert measured("collaboration.assistance", urban, transport) == {"东区交通运输局": (1, 2)}
    assert measured("collaboration.transfers", urban, transport) == {
        "东区综合行政执法局": (0, 1),
        "东区交通运输局": (1, 1),
    }
    rows = indicators.records(indicators.get("collaboration.notices"), urban, YEAR)
    assert sorted((r.due_on, r.is_counted) for r in rows) == [
        (date(YEAR, 3, 16), False),
        (date(YEAR, 3, 16), True),
        (date(YEAR, 4, 1), False),
    ]
    assert indicators.score(
        indicators.get("collaboration.notices"), indicators.Measure(Decimal(1), 3), Decimal(100)
    ) == Decimal("33.33")


def test_the_leaves_count_as_the_dashboards_rates_of_the_same_deadline(pair):
    from zhifa.stats.ontime import Period, rate

    urban, transport = pair
    notice(urban, transport, date(YEAR, 3, 16), date(YEAR, 3, 16))
    notice(urban, transport, date(YEAR, 3, 16), date(YEAR, 3, 17))
    notice(transport, urban, date(YEAR, 4, 1), None)
    assistance(urban, transport, date(YEAR, 5, 8), date(YEAR, 5, 8))
    assistance(transport, urban, date(YEAR, 5, 8), date(YEAR, 5, 11))
    year = Period(date(YEAR, 1, 1), date(YEAR, 12, 31))
    for key, code in [
        ("collaboration.notices", "collaboration.notice"),
        ("collaboration.assistance", "collaboration.assistance"),
    ]:
        tallies = rate(code).tally([urban.pk, transport.pk], year)
        rated = {a.name: (tallies[a.pk].on_time, tallies[a.pk].due) for a in pair if a.pk in tallies}
        assert measured(key, urban, transport) == rated
    assert measured("collaboration.notices", urban, transport) == {
        "东区综合行政执法局": (1, 2),
        "东区交通运输局": (0, 1),
    }
    assert measured("collaboration.assistance", urban, transport) == {
        "东区综合行政执法局": (0, 1),
        "东区交通运输局": (1, 1),
    }


def test_a_notice_still_within_its_period_is_not_late_yet(pair, monkeypatch):
    urban, transport = pair
    monkeypatch.setattr("zhifa.evaluation.indicators._today", lambda: date(YEAR, 3, 10))
    notice(urban, transport, date(YEAR, 3, 16), None)
    assert measured("collaboration.notices", urban) == {}


def test_the_default_scheme_scores_cooperation():
    from zhifa.evaluation.defaults import DEFAULT_TREE

    specific = dict((name, children) for name, _, _, children in DEFAULT_TREE)["专项指标"]
    cooperation = {name: (weight, children) for name, weight, _, children in specific}["部门协作配合"]
    assert cooperation[0] == Decimal(10)
    assert [(name, weight, key) for name, weight, key, _ in cooperation[1]] == [
        ("抄告按期率", Decimal(40), "collaboration.notices"),
        ("协助请求按期答复率", Decimal(30), "collaboration.assistance"),
        ("移送按期处理率", Decimal(30), "collaboration.transfers"),
    ]
