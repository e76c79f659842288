"""A change of the holiday schedule moves every open computed deadline of 监督事项 — the item's, its
instruments' reply and rectification dates, a 限期整改's — to the exact new day, recorded on each row; a
closed item and the dates a supervisor typed keep theirs."""

from datetime import date

import pytest

from tests.supervision.calendar import enter, moves_of
from zhifa.supervision.actions import services
from zhifa.supervision.actions.choices import EscalationStep, Grade
from zhifa.supervision.models import Instrument

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 12, 28)


@pytest.fixture(autouse=True)
def late_december(today):
    return today(MONDAY)


def issue(item, finding, supervisor, **dates) -> Instrument:
    return services.instrument_issue(
        actor=supervisor,
        item=item,
        grade=Grade.NOTICE,
        requirements="请规范裁量基准的适用",
        finding_ids=[finding.pk],
        **dates,
    )


def test_an_open_items_computed_deadlines_move_to_the_new_day_and_are_recorded(
    item, finding, supervisor, agencies, make_user
):
    notice = issue(item, finding, supervisor)  # 通知书: 10 and 20 working days from Monday 12-28
    item.refresh_from_db()
    assert (notice.reply_due, notice.rectify_due, item.due_on) == (
        date(2027, 1, 11),
        date(2027, 1, 25),
        date(2027, 1, 11),
    )
    entered = enter(agencies, make_user)  # 1 January becomes a holiday: one working day fewer
    notice.refresh_from_db()
    item.refresh_from_db()
    assert (notice.reply_due, notice.rectify_due, item.due_on) == (
        date(2027, 1, 12),
        date(2027, 1, 26),
        date(2027, 1, 12),
    )
    assert moves_of(item) == [("due_on", "2027-01-11", "2027-01-12")]
    assert moves_of(notice) == [
        ("reply_due", "2027-01-11", "2027-01-12"),
        ("rectify_due", "2027-01-25", "2027-01-26"),
    ]
    assert [(m.deadline.label, m.row) for m in entered.moved] == [
        ("整改期限", item),
        ("答复期限", notice),
        ("整改期限", notice),
    ]


def test_dates_the_supervisor_typed_are_not_moved(item, finding, supervisor, agencies, make_user):
    notice = issue(item, finding, supervisor, reply_due=date(2027, 1, 11), rectify_due=date(2027, 1, 25))
    enter(agencies, make_user)
    notice.refresh_from_db()
    item.refresh_from_db()
    assert (notice.reply_due, notice.rectify_due, item.due_on) == (
        date(2027, 1, 11),
        date(2027, 1, 25),
        date(2027, 1, 11),
    )
    assert moves_of(item) == moves_of(notice) == []


def test_a_closed_items_dates_stay(item, finding, supervisor, head, agencies, make_user):
    notice = issue(item, finding, supervisor)
    services.reply_submit(actor=head, item=item, text="已整改")
    services.reply_accept(actor=supervisor, item=item, note="整改到位")
    enter(agencies, make_user)
    notice.refresh_from_db()
    assert (notice.reply_due, notice.rectify_due) == (date(2027, 1, 11), date(2027, 1, 25))
    assert moves_of(notice) == []


def test_a_returned_reply_carries_the_rectification_deadline_and_it_moves(
    item, finding, supervisor, head, agencies, make_user
):
    issue(item, finding, supervisor)
    services.reply_submit(actor=head, item=item, text="已整改")
    services.reply_return(actor=supervisor, item=item, reason="材料不全")
    item.refresh_from_db()
    assert item.due_on == date(2027, 1, 25)
    enter(agencies, make_user)
    item.refresh_from_db()
    assert item.due_on == date(2027, 1, 26)
    assert moves_of(item) == [("due_on", "2027-01-25", "2027-01-26")]


def test_a_computed_limit_on_escalation_moves_a_typed_one_does_not(
    item, finding, supervisor, agencies, make_user, today
):
    today(date(2026, 12, 1))
    issue(item, finding, supervisor)  # due 2026-12-15
    today(MONDAY)
    ordered = services.escalate(actor=supervisor, item=item, step=EscalationStep.DEADLINE, note="逾期未答复")
    assert ordered.due_on == date(2027, 1, 11)  # 限期整改: 10 working days
    enter(agencies, make_user)
    ordered.refresh_from_db()
    item.refresh_from_db()
    assert (ordered.due_on, item.due_on) == (date(2027, 1, 12), date(2027, 1, 12))
    assert moves_of(ordered) == [("due_on", "2027-01-11", "2027-01-12")]


def test_a_typed_limit_on_escalation_stays(item, finding, supervisor, agencies, make_user, today):
    today(date(2026, 12, 1))
    issue(item, finding, supervisor)
    today(MONDAY)
    ordered = services.escalate(
        actor=supervisor, item=item, step=EscalationStep.DEADLINE, note="逾期", due_on=date(2027, 1, 11)
    )
    enter(agencies, make_user)
    ordered.refresh_from_db()
    item.refresh_from_db()
    assert (ordered.due_on, item.due_on) == (date(2027, 1, 11), date(2027, 1, 11))
    assert moves_of(ordered) == moves_of(item) == []
