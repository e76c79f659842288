"""The schedule: one table with settings overrides, the latest due slot of each entry enqueued once
(however often the scheduler ticks), and every periodic task safe to run twice — the second run writes
nothing (run over the demo)."""

from datetime import date, datetime, time

import pytest
from django.core.management import call_command
from django.utils import timezone

from zhifa.jobs import schedule
from zhifa.jobs.models import ScheduleSlot, TaskRun

pytestmark = pytest.mark.django_db

KEYS = ["clocks", "restore-certificates", "publicity-expire", "detection-nightly", "complaints-bulletins",
        "exports-purge", "publicity-checkpoint", "registry-summaries", "notify-due", "entrustment-reminders"]  # fmt: skip


def at(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_the_latest_slot_of_each_cadence():
    entries = {entry.key: entry for entry in schedule.entries()}
    now = at(2026, 12, 4, 1, 0)
    assert schedule.latest_slot(entries["publicity-expire"], now) == ("2026-12-04", date(2026, 12, 4))
    assert schedule.latest_slot(entries["detection-nightly"], now) == ("2026-12-03", date(2026, 12, 3))
    assert schedule.latest_slot(entries["exports-purge"], now) == ("2026-12-04T00", date(2026, 12, 4))
    assert schedule.latest_slot(entries["data-exchange"], now) is None
    monthly = schedule.Entry("m", "月", "x", "monthly", time(3, 0))
    assert schedule.latest_slot(monthly, at(2026, 12, 1, 2, 0)) == ("2026-11", date(2026, 11, 1))
    assert schedule.latest_slot(monthly, at(2026, 12, 1, 3, 0)) == ("2026-12", date(2026, 12, 1))
    assert schedule.next_time(monthly, at(2026, 12, 1, 3, 0)) == at(2027, 1, 1, 3, 0)
    assert schedule.next_time(entries["detection-nightly"], now) == at(2026, 12, 4, 2, 0)


def test_settings_override_the_table(settings):
    settings.ZHIFA_SCHEDULE = {"data-exchange": {"cadence": "daily"}, "publicity-checkpoint": {"at": "22:30"}}
    entries = {entry.key: entry for entry in schedule.entries()}
    assert entries["data-exchange"].cadence == "daily"
    assert entries["publicity-checkpoint"].at == time(22, 30)
    settings.ZHIFA_SCHEDULE = {"clocks": {"cadence": "weekly"}}
    with pytest.raises(ValueError, match="周期应为"):
        schedule.entries()


def test_a_slot_is_enqueued_once(agencies):
    now = at(2026, 12, 4, 23, 55)
    assert schedule.tick(now) == KEYS
    assert schedule.tick(now) == []  # the same slots: nothing again
    assert ScheduleSlot.objects.count() == len(KEYS)
    assert TaskRun.objects.filter(status="succeeded").count() == len(KEYS)
    assert schedule.tick(at(2026, 12, 5, 0, 6)) == ["exports-purge"]  # the next hour's slot only


def test_the_command_ticks_once(agencies):
    call_command("schedule", "--once")
    assert ScheduleSlot.objects.count() == len(KEYS)


def _state():
    from zhifa.complaints.models import ComplaintBulletin
    from zhifa.core.models import Record
    from zhifa.detection.models import Hit, Run
    from zhifa.notifications.models import Message
    from zhifa.publicity.models import Checkpoint, Disclosure, LogLeaf
    from zhifa.registry.models import ScopeSummary

    return {
        "records": Record.objects.count(),
        "checkpoints": Checkpoint.objects.count(),
        "leaves": LogLeaf.objects.count(),
        "disclosures up": Disclosure.objects.filter(status="published").count(),
        "bulletins": ComplaintBulletin.objects.count(),
        "runs": Run.objects.count(),
        "hits": Hit.objects.count(),
        "messages": Message.objects.count(),
        "summaries": list(
            ScopeSummary.objects.order_by("scope").values_list("scope", "expiring", "training_short")
        ),
    }


def test_every_periodic_task_is_safe_to_run_twice(demo_db):
    from django.utils.module_loading import import_string

    day = timezone.localdate().isoformat()

    def run_all() -> None:
        for entry in schedule.SCHEDULE:
            result = import_string(entry.task).enqueue(day=day)
            assert not result.errors, (entry.key, result.errors[-1].traceback)

    run_all()
    first = _state()
    run_all()
    assert _state() == first
    ours = TaskRun.objects.exclude(result_id__startswith="demo-")  # the demo shows a failed run of its own
    assert ours.count() == 2 * len(schedule.SCHEDULE) and not ours.filter(status="failed").exists()
