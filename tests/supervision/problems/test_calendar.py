"""A change of the holiday schedule moves an open 整改任务's computed deadline, recorded; a typed one stays."""

from datetime import date

import pytest

from tests.supervision.calendar import enter, moves_of
from zhifa.supervision.problems import services

pytestmark = pytest.mark.django_db


def test_a_computed_rectification_deadline_moves_a_typed_one_stays(
    problem, supervisor, today, agencies, make_user
):
    today(date(2026, 12, 28))
    computed = services.task_assign(actor=supervisor, problem=problem, measures="逐案说明裁量理由")
    typed = services.task_assign(
        actor=supervisor, problem=problem, measures="组织裁量基准培训", due_on=date(2027, 1, 25)
    )
    assert computed.due_on == date(2027, 1, 25)  # 20 working days, Mon–Fri in 2027
    enter(agencies, make_user)
    computed.refresh_from_db()
    typed.refresh_from_db()
    assert (computed.due_on, typed.due_on) == (date(2027, 1, 26), date(2027, 1, 25))
    assert moves_of(computed) == [("due_on", "2027-01-25", "2027-01-26")]
    assert moves_of(typed) == []
