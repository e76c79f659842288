"""A single day's 节假日调整 moves the open due dates it touches, as a whole year's 节假日安排 does, and
each move is recorded on the row; a refused change moves nothing."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.cases.conftest import *  # noqa: F403 (the case fixtures)
from tests.core.test_holiday_schedule import notified, sysadmin  # noqa: F401 (fixtures)
from zhifa.cases.models import Case
from zhifa.core import holiday_overrides
from zhifa.core.choices import DayKind
from zhifa.core.models import HolidayOverride, Record

pytestmark = pytest.mark.django_db


def moves():
    return [
        json.loads(r.payload) for r in Record.objects.filter(action="calendar.deadline_moved").order_by("pk")
    ]


def deadline(case):
    return Case.objects.get(pk=case.pk).hearing_deadline


def test_a_new_holiday_moves_the_hearing_deadline_and_records_it(sysadmin, notified):  # noqa: F811
    assert notified.hearing_deadline == date(2027, 1, 4)
    holiday_overrides.holiday_override_set(
        actor=sysadmin, day=date(2026, 12, 30), kind=DayKind.HOLIDAY, name="测试"
    )
    assert deadline(notified) == date(2027, 1, 5)
    assert moves() == [
        {"field": "hearing_deadline", "label": "听证申请期限", "from": "2027-01-04", "to": "2027-01-05"}
    ]


def test_moving_the_holiday_past_the_deadline_moves_it_back(sysadmin, notified):  # noqa: F811
    override = holiday_overrides.holiday_override_set(
        actor=sysadmin, day=date(2026, 12, 30), kind=DayKind.HOLIDAY, name="测试"
    )
    holiday_overrides.holiday_override_update(
        actor=sysadmin, override=override, day=date(2027, 1, 6), kind=DayKind.HOLIDAY, name="测试"
    )
    assert deadline(notified) == date(2027, 1, 4)
    assert [(m["from"], m["to"]) for m in moves()] == [
        ("2027-01-04", "2027-01-05"),
        ("2027-01-05", "2027-01-04"),
    ]


def test_deleting_the_holiday_gives_the_day_back(sysadmin, notified):  # noqa: F811
    override = holiday_overrides.holiday_override_set(
        actor=sysadmin, day=date(2026, 12, 31), kind=DayKind.HOLIDAY, name="测试"
    )
    assert deadline(notified) == date(2027, 1, 5)
    holiday_overrides.holiday_override_delete(actor=sysadmin, override=override)
    assert deadline(notified) == date(2027, 1, 4)
    assert len(moves()) == 2


def test_a_refused_change_moves_nothing(sysadmin, notified):  # noqa: F811
    holiday_overrides.holiday_override_set(
        actor=sysadmin, day=date(2027, 1, 6), kind=DayKind.HOLIDAY, name="测试"
    )
    records = Record.objects.count()
    with pytest.raises(ValidationError):
        holiday_overrides.holiday_override_set(
            actor=sysadmin, day=date(2027, 1, 6), kind=DayKind.WORKDAY, name="重复"
        )
    assert deadline(notified) == date(2027, 1, 4)
    assert Record.objects.count() == records and HolidayOverride.objects.count() == 1
