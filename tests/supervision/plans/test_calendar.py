"""A change of the holiday schedule moves an open 督办's computed deadline and the tasks and pending ledger
entries seeded from the seeds' milestones, recorded per row; a typed or extended deadline, a closed 督办
and a reported entry keep theirs."""

from datetime import date

import pytest

from tests.supervision.calendar import NOTICE, enter, moves_of
from zhifa.supervision.models import LedgerEntry
from zhifa.supervision.plans import services

pytestmark = pytest.mark.django_db

# 端午 on Monday 31 May 2027 (test input): the 专项整治 milestone of 5/31 moves to Tuesday 1 June.
DRAGON_BOAT = NOTICE + "\n三、端午节：5月29日（周六）至31日（周一）放假，共3天。"


def open_oversight(sv, title, **extra):
    return services.oversight_open(
        actor=sv["east_sup"],
        agency=sv["agencies"]["east_market"],
        title=title,
        ground="repeated",
        description="查明事实，依法处理",
        **extra,
    )


def test_an_open_oversights_computed_deadline_moves_typed_extended_and_closed_ones_stay(
    sv, clock, agencies, make_user
):
    clock.set(date(2026, 12, 28))
    computed = open_oversight(sv, "某商户被反复投诉")
    typed = open_oversight(sv, "某餐馆油烟扰民", due=date(2027, 1, 18))
    extended = open_oversight(sv, "某工地夜间施工")
    services.oversight_extend(
        actor=sv["east_sup"], oversight=extended, new_due=date(2027, 1, 25), reason="案情复杂"
    )
    closed = open_oversight(sv, "某超市价格欺诈")
    services.oversight_close(actor=sv["east_sup"], oversight=closed, conclusion="已依法处理")
    assert computed.due == closed.due == date(2027, 1, 18)  # 15 working days, Mon–Fri in 2027
    enter(agencies, make_user)
    for row in (computed, typed, extended, closed):
        row.refresh_from_db()
    assert [row.due for row in (computed, typed, extended, closed)] == [
        date(2027, 1, 19),
        date(2027, 1, 18),
        date(2027, 1, 25),
        date(2027, 1, 18),
    ]
    assert moves_of(computed) == [("due", "2027-01-18", "2027-01-19")]
    assert moves_of(typed) == moves_of(extended) == moves_of(closed) == []


def test_milestone_tasks_and_pending_entries_move_a_reported_entry_stays(sv, clock, agencies, make_user):
    clock.set(date(2026, 12, 28))
    plan = services.plan_create(
        actor=sv["east_sup"], agency=agencies["east_justice"], year=2027, title="东区2027年度监督计划"
    )
    own = services.task_add(  # a task the supervisor typed, due the same day: never moved
        actor=sv["east_sup"],
        plan=plan,
        title="专项监督",
        kind="special",
        owner="监督科",
        due=date(2027, 5, 31),
    )
    services.plan_publish(actor=sv["east_sup"], plan=plan)
    task = plan.tasks.get(milestone="special_may")
    entries = LedgerEntry.objects.filter(task=task).order_by("agency__name")
    assert task.due == date(2027, 5, 31) and {e.due for e in entries} == {date(2027, 5, 31)}
    reported, *pending = list(entries)
    assert pending  # the bureau's region has several reporting agencies
    LedgerEntry.objects.filter(pk=reported.pk).update(status="reported", reported_on=date(2027, 1, 5))
    enter(agencies, make_user, DRAGON_BOAT)
    task.refresh_from_db()
    assert task.due == date(2027, 6, 1)
    assert moves_of(task) == [("due", "2027-05-31", "2027-06-01")]
    for entry in pending:
        entry.refresh_from_db()
        assert (entry.due, moves_of(entry)) == (date(2027, 6, 1), [("due", "2027-05-31", "2027-06-01")])
    reported.refresh_from_db()
    assert (reported.due, moves_of(reported)) == (date(2027, 5, 31), [])
    # a milestone on a day the change leaves a working day stays
    mid_term = plan.tasks.get(milestone="mid_term")
    assert (mid_term.due, moves_of(mid_term)) == (date(2027, 8, 31), [])
    own.refresh_from_db()
    assert (own.due, moves_of(own)) == (date(2027, 5, 31), [])
    own_entry = own.entries.get()
    assert (own_entry.due, moves_of(own_entry)) == (date(2027, 5, 31), [])
