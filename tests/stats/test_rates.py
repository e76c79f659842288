"""Each on-time rate with exact figures: what falls due in the period, what is on time (done on the due day
included), what lies outside the period, and the agencies not asked for."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from zhifa.stats.ontime import RATES, Period, Tally, rate
from zhifa.stats.rates.cases import service_due

from ..factories import AgencyFactory
from . import rows

MARCH = Period(date(2025, 3, 1), date(2025, 3, 31))
CODES = list(rows.MAKERS)

pytestmark = pytest.mark.django_db


def test_every_kind_is_registered_once_in_the_dashboards_order():
    # the ten of stats.rates, then 报送's own (registered by its part of the app)
    assert [r.code for r in RATES] == [*CODES, "reports"]
    assert [r.label for r in RATES] == [
        "决定按期率",
        "送达按期率",
        "公示按期率",
        "法制审核按期率",
        "移送按期率",
        "抄告按期率",
        "协助答复按期率",
        "投诉举报答复按期率",
        "监督事项整改按期率",
        "整改任务按期率",
        "报送按期率",
    ]
    assert all(r.definition and r.view_perm for r in RATES)


def _seed(code, mine, other):
    """Four deadlines of `mine` in March (two met: one on its very day, one early; one met late, one never
    met), two just outside March (met), one of `other` in March (met on its day)."""
    make = rows.MAKERS[code]
    made = {
        "on_the_day": make(mine, date(2025, 3, 10), date(2025, 3, 10)),
        "early": make(mine, date(2025, 3, 20), date(2025, 3, 14)),
        "late": make(mine, date(2025, 3, 25), date(2025, 3, 26)),
        "never": make(mine, date(2025, 3, 31), None),
    }
    make(mine, date(2025, 4, 1), date(2025, 3, 20))
    make(mine, date(2025, 2, 28), date(2025, 2, 28))
    make(other, date(2025, 3, 12), date(2025, 3, 12))
    return made


@pytest.mark.parametrize("code", CODES)
def test_tally_counts_the_period_and_the_agencies_asked_for(code):
    mine, other = AgencyFactory(), AgencyFactory()
    _seed(code, mine, other)
    kind = rate(code)

    assert kind.tally([mine.pk], MARCH) == {mine.pk: Tally(due=4, on_time=2)}
    assert kind.tally([mine.pk], MARCH)[mine.pk].rate == 0.5
    assert kind.tally([mine.pk, other.pk], MARCH) == {mine.pk: Tally(4, 2), other.pk: Tally(1, 1)}
    assert kind.tally([], MARCH) == {}
    assert kind.tally([mine.pk], Period(date(2025, 3, 10), date(2025, 3, 10))) == {mine.pk: Tally(1, 1)}
    assert kind.tally([mine.pk], Period(date(2025, 3, 11), date(2025, 3, 19))) == {}


@pytest.mark.parametrize("code", CODES)
def test_rows_behind_the_number_and_their_pages(code):
    mine, other = AgencyFactory(), AgencyFactory()
    made = _seed(code, mine, other)
    kind = rate(code)

    every = list(kind.rows([mine.pk], MARCH, False))
    assert [r.pk for r in every] == [made[k].pk for k in ("on_the_day", "early", "late", "never")]
    assert [r.on_time for r in every] == [True, True, False, False]
    late = list(kind.rows([mine.pk], MARCH, True))
    assert [r.pk for r in late] == [made["late"].pk, made["never"].pk]
    assert [kind.row_url(r) for r in late] == [rows.PAGES[code](r) for r in late]
    assert [kind.row_due(r) for r in every] == [  # type: ignore[misc]
        date(2025, 3, 10), date(2025, 3, 20), date(2025, 3, 25), date(2025, 3, 31)
    ]  # fmt: skip
    assert [kind.row_done(r) for r in every] == [  # type: ignore[misc]
        date(2025, 3, 10), date(2025, 3, 14), date(2025, 3, 26), None
    ]  # fmt: skip


@pytest.mark.parametrize("code", CODES)
def test_a_deadline_still_running_is_not_counted_until_met(code):
    mine = AgencyFactory()
    today = timezone.localdate()
    ahead = today + timedelta(days=30)
    while ahead.weekday() >= 5:  # a working day, so the service maker finds its decision day
        ahead += timedelta(days=1)
    make = rows.MAKERS[code]
    make(mine, ahead, None)  # not yet due, not yet done: neither on time nor late
    make(mine, ahead + timedelta(days=1 if ahead.weekday() < 4 else 3), today)  # met early
    around = Period(today, ahead + timedelta(days=10))
    assert rate(code).tally([mine.pk], around) == {mine.pk: Tally(1, 1)}


def test_service_falls_due_seven_working_days_after_the_decision():
    # 2025-03-20 (Thursday) + 7 working days = 2025-03-31; 2025-03-21 → 2025-04-01, outside March
    assert service_due(date(2025, 3, 20)) == date(2025, 3, 31)
    assert service_due(date(2025, 3, 21)) == date(2025, 4, 1)
    # 2025-02-19 → 2025-02-28 (outside); 2025-02-20 → 2025-03-03 (inside)
    assert service_due(date(2025, 2, 19)) == date(2025, 2, 28)
    assert service_due(date(2025, 2, 20)) == date(2025, 3, 3)
    mine = AgencyFactory()
    rows.service(mine, date(2025, 3, 3), date(2025, 3, 3))
    rows.service(mine, date(2025, 2, 28), date(2025, 2, 28))
    # neither the simple procedure (served on the spot) nor a transfer decision (no service) counts
    rows.service(mine, date(2025, 3, 10), None, procedure="simple")
    rows.service(mine, date(2025, 3, 10), None, kind="transfer")
    assert rate("cases.service").tally([mine.pk], MARCH) == {mine.pk: Tally(1, 1)}


def test_a_review_met_late_in_the_evening_of_its_due_day_is_on_time():
    mine = AgencyFactory()
    made = rows.review_round(mine, date(2025, 3, 10), date(2025, 3, 10))
    assert made.reviewed_at.utcoffset() is not None
    assert made.reviewed_at.astimezone(timezone.get_fixed_timezone(0)).date() == date(2025, 3, 10)
    rows.review_round(mine, date(2025, 3, 11), date(2025, 3, 12))
    assert rate("review.round").tally([mine.pk], MARCH) == {mine.pk: Tally(2, 1)}


def test_an_urgent_transfer_sent_after_its_24_hours_is_late_though_within_its_working_days():
    mine = AgencyFactory()
    t = rows.transfer(mine, date(2025, 3, 10), date(2025, 3, 7), urgent=True)
    t.due_at = t.discovered_at + timedelta(hours=24)
    t.save(update_fields=["due_at"])
    rows.transfer(
        mine, date(2025, 3, 11), date(2025, 3, 11), urgent=True, due_at=rows.late_evening(date(2025, 3, 12))
    )
    assert rate("collaboration.transfer").tally([mine.pk], MARCH) == {mine.pk: Tally(2, 1)}


def test_a_transfer_withdrawn_before_sending_and_a_declined_assistance_are_not_counted():
    mine = AgencyFactory()
    rows.transfer(mine, date(2025, 3, 10), None, status="withdrawn")
    rows.assistance(mine, date(2025, 3, 10), None, status="declined")
    assert rate("collaboration.transfer").tally([mine.pk], MARCH) == {}
    assert rate("collaboration.assistance").tally([mine.pk], MARCH) == {}


def test_assistance_counts_for_the_helper_not_the_requester():
    mine = AgencyFactory()
    made = rows.assistance(mine, date(2025, 3, 10), date(2025, 3, 10))
    assert rate("collaboration.assistance").tally([made.requester_id], MARCH) == {}
    assert rate("collaboration.assistance").tally([mine.pk], MARCH) == {mine.pk: Tally(1, 1)}


def test_a_reopened_complaint_needs_a_new_reply_and_a_merged_one_is_not_counted():
    mine = AgencyFactory()
    # replied on 03-01, reopened on 03-05 with a new reply due 03-25, not answered again: late
    rows.complaint(mine, date(2025, 3, 25), date(2025, 3, 1), clock_from=date(2025, 3, 5), status="reopened")
    first = rows.complaint(mine, date(2025, 3, 12), date(2025, 3, 12))
    rows.complaint(mine, date(2025, 3, 12), None, merged_into=first)
    assert rate("complaints.reply").tally([mine.pk], MARCH) == {mine.pk: Tally(2, 1)}


def test_only_the_first_version_of_a_disclosure_and_nothing_withheld():
    mine = AgencyFactory()
    first = rows.disclosure(mine, date(2025, 3, 10), date(2025, 3, 10))
    rows.disclosure(mine, date(2025, 3, 10), date(2025, 3, 20), version=2, supersedes=first)
    rows.disclosure(mine, date(2025, 3, 11), None, status="withheld")
    assert rate("publicity.disclosure").tally([mine.pk], MARCH) == {mine.pk: Tally(1, 1)}
