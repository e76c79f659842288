"""The daily 期限提醒: each user is told of their 工作台's deadlines falling due within
ZHIFA_NOTIFY_DUE_WORKDAYS working days, once per deadline."""

from datetime import date

import pytest

from tests.factories import UserFactory
from zhifa.core import workbench
from zhifa.core.workbench import PendingItem
from zhifa.notifications import events
from zhifa.notifications.models import Message


def rows(**filters):
    return list(
        Message.objects.filter(**filters)
        .order_by("pk")
        .values_list("recipient__username", "kind", "title", "body", "link")
    )


# ---- 期限提醒 -----------------------------------------------------------------------------------------


MONDAY = date(2026, 3, 2)  # three working days later: Thursday 03-05


@pytest.fixture
def deadlines(monkeypatch, db, settings):
    """A 工作台 provider with one item per due date around the window."""
    settings.ZHIFA_NOTIFY_DUE_WORKDAYS = 3
    items = {
        "today": PendingItem("陈述申辩", "案件A 陈述申辩期满", "/cases/1/", due=MONDAY),
        "in window": PendingItem(
            "法制审核", "案件B 审核期满", "/review/2/", due=date(2026, 3, 5), note="第1轮"
        ),
        "too far": PendingItem("法制审核", "案件C 审核期满", "/review/3/", due=date(2026, 3, 6)),
        "overdue": PendingItem("案件", "案件D 逾期", "/cases/4/", due=date(2026, 2, 27), overdue=True),
        "no date": PendingItem("通知", "待阅", "/cases/5/"),
    }
    monkeypatch.setattr(
        workbench, "_providers", [lambda user: items.values() if user.username == "zw" else []]
    )
    return items


def test_deadlines_due_within_the_working_days_are_told_once(deadlines, agencies):
    zhang = UserFactory(username="zw", agency=agencies["east_market"])
    UserFactory(username="other", agency=agencies["east_market"])
    assert events.deadlines_coming_due(on=MONDAY) == 2
    assert rows() == [
        ("zw", "due", "陈述申辩：案件A 陈述申辩期满，将于2026-03-02到期", "", "/cases/1/"),
        ("zw", "due", "法制审核：案件B 审核期满，将于2026-03-05到期", "第1轮", "/review/2/"),
    ]
    # the next day: the same two are not told again; 案件C (03-06) enters the window
    assert events.deadlines_coming_due(on=date(2026, 3, 3)) == 1
    assert rows()[-1] == ("zw", "due", "法制审核：案件C 审核期满，将于2026-03-06到期", "", "/review/3/")
    assert events.deadlines_coming_due(on=date(2026, 3, 3)) == 0
    assert zhang.messages.count() == 3


def test_a_moved_deadline_is_told_again(deadlines, agencies):
    UserFactory(username="zw", agency=agencies["east_market"])
    events.deadlines_coming_due(on=MONDAY)
    deadlines["today"] = PendingItem("陈述申辩", "案件A 陈述申辩期满", "/cases/1/", due=date(2026, 3, 4))
    assert events.deadlines_coming_due(on=MONDAY) == 1


def test_the_scheduled_task_runs_the_reminder(deadlines, agencies):
    from zhifa.jobs import schedule, tasks

    UserFactory(username="zw", agency=agencies["east_market"])
    entry = {e.key: e for e in schedule.entries()}["notify-due"]
    assert (entry.task, entry.cadence, entry.label) == (
        "zhifa.jobs.tasks.notify_due",
        "daily",
        "期限提醒消息",
    )
    assert tasks.notify_due.call(day="2026-03-02") == 2
    assert tasks.notify_due.call(day="2026-03-02") == 0
