"""Publicity's clocks through the services, at the limit, one below and one above (issue 19, 7e): the
3-working-day withdrawal and the 2 / 5 years an entry stays public."""

import json
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from tests.publicity.conftest import published
from zhifa.core.models import Record
from zhifa.publicity import services
from zhifa.publicity.choices import DisclosureStatus
from zhifa.publicity.models import Disclosure

pytestmark = pytest.mark.django_db

REVOKED = SimpleNamespace(
    kind="reconsideration",
    get_kind_display=lambda: "行政复议",
    outcome="revoked",
    concluded_on=date(2026, 6, 1),  # a Monday: the third working day is Thursday 06-04
    note="",
    voids_decision=True,
)


@pytest.mark.parametrize(
    ("today", "late"), [(date(2026, 6, 3), False), (date(2026, 6, 4), False), (date(2026, 6, 5), True)]
)
def test_a_voided_decision_is_withdrawn_within_three_working_days(
    simple_decision, reviewer, monkeypatch, today, late
):
    case = simple_decision()
    services.disclosure_publish(actor=reviewer, disclosure=Disclosure.objects.get())
    (d,) = services.schedule_withdrawal(case=case, challenge=REVOKED)
    assert d.withdraw_due == date(2026, 6, 4)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    services.disclosure_withdraw(actor=reviewer, disclosure=d, reason="")
    record = Record.objects.get(action="publicity.withdraw")
    assert json.loads(record.payload)["late"] is late


@pytest.mark.parametrize(("years_after", "days", "expired"), [(2, -1, False), (2, 0, True), (2, 1, True)])
def test_a_persons_penalty_comes_down_after_two_years(simple_decision, reviewer, years_after, days, expired):
    simple_decision()
    d = services.disclosure_publish(actor=reviewer, disclosure=Disclosure.objects.get())
    assert d.expires_on == d.published_on.replace(year=d.published_on.year + 2)
    assert services.disclosures_expire(today=d.expires_on + timedelta(days=days)) == int(expired)
    d.refresh_from_db()
    assert (d.status == DisclosureStatus.EXPIRED) is expired


@pytest.mark.parametrize(("days", "expired"), [(-1, False), (0, True), (1, True)])
def test_other_entries_come_down_after_five_years(agencies, days, expired):
    d = published(agencies["east_market"])
    assert d.expires_on == d.published_on.replace(year=d.published_on.year + 5)
    assert services.disclosures_expire(today=d.expires_on + timedelta(days=days)) == int(expired)
