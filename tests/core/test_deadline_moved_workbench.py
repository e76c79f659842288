"""工作台 期限调整: the due dates a calendar change moved, shown to the agency that owns them — read from
the agency's own records in one query, however many kinds of deadline are registered and however large
the log of the other agencies."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.conftest import *  # noqa: F403 (the case fixtures)
from tests.core.test_holiday_schedule import notified, sysadmin  # noqa: F401 (fixtures)
from zhifa.accounts.choices import RoleCode
from zhifa.core import deadlines, holiday_overrides, kit
from zhifa.core.choices import DayKind
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db


def moved_items(user):
    return [(i.category, i.title, i.url, i.due) for i in deadlines.moved_for(user)]


@pytest.fixture
def moved(sysadmin, notified):  # noqa: F811
    """A holiday on 2026-12-30 moves the notified case's 听证申请期限 from 2027-01-04 to 2027-01-05."""
    holiday_overrides.holiday_override_set(
        actor=sysadmin, day=date(2026, 12, 30), kind=DayKind.HOLIDAY, name="测试"
    )
    return notified


def test_the_owning_agency_sees_the_moved_deadline(leader, moved):
    assert moved_items(leader) == [
        (
            "期限调整",
            f"因节假日安排变更，{moved}的听证申请期限由2027-01-04调整为2027-01-05",
            f"/cases/{moved.pk}/",
            date(2027, 1, 5),
        )
    ]


def test_another_agency_sees_nothing(agencies, make_user, moved):
    west = make_user(agencies["west_market"], RoleCode.UNIT_HEAD, username="west_head")
    assert moved_items(west) == []


def test_only_the_latest_twenty_of_a_kind_and_one_query_for_them(leader, moved):
    for day in range(6, 30):  # 24 more moves of the same case, the latest last
        kit.record(
            moved,
            deadlines.MOVED_ACTION,
            actor=None,
            payload={
                "field": "hearing_deadline",
                "label": "听证申请期限",
                "from": "2027-01-05",
                "to": f"2027-01-{day:02d}",
            },
        )
    deadlines.moved_for(leader)  # the user's permissions are read once, then cached on the user
    with CaptureQueriesContext(connection) as captured:
        items = deadlines.moved_for(leader)
    assert [i.due for i in items] == [date(2027, 1, day) for day in range(29, 9, -1)]
    # the records of every kind the user may see in one query, the rows of the one kind that has some in another
    assert len(captured) == 2


def test_the_queries_do_not_grow_with_other_agencies_records(agencies, leader, moved):
    deadlines.moved_for(leader)
    with CaptureQueriesContext(connection) as few:
        deadlines.moved_for(leader)
    for _ in range(30):  # moves in another agency's log
        kit.record(
            moved,
            deadlines.MOVED_ACTION,
            actor=None,
            payload={
                "field": "hearing_deadline",
                "label": "听证申请期限",
                "from": "2027-01-05",
                "to": "2027-01-06",
            },
            agency=agencies["west_market"],
        )
    assert Record.objects.filter(action=deadlines.MOVED_ACTION).count() == 31
    with CaptureQueriesContext(connection) as many:
        assert len(deadlines.moved_for(leader)) == 1
    assert len(many) == len(few)
