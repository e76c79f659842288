"""A 2027 holiday schedule the tests of supervision's stored deadlines enter (made-up test input for a year
chinesecalendar does not know, the same as tests/core/test_holiday_schedule.py), and how they read what a
calendar change recorded."""

import json

from zhifa.accounts.choices import RoleCode
from zhifa.core import holidays
from zhifa.core.models import Record

# Before it is entered 2027 runs Monday–Friday; it makes 1 January and 8–12 February holidays and
# Saturday 20 February a working day.
NOTICE = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月20日（周六）上班。"""


def enter(agencies, make_user, text: str = NOTICE):
    admin = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sysadmin")
    return holidays.holiday_schedule_enter(actor=admin, text=text)


def moves_of(row) -> list[tuple[str, str, str]]:
    """(field, from, to) of each calendar move recorded on `row`."""
    found = Record.objects.filter(
        subject_type=row._meta.label_lower, subject_id=str(row.pk), action="calendar.deadline_moved"
    ).order_by("id")
    return [(p["field"], p["from"], p["to"]) for p in (json.loads(r.payload) for r in found)]
