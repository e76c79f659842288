"""The schedule: one table of what runs periodically (task, cadence, local time of day), overridable by
the setting ZHIFA_SCHEDULE ({key: {"cadence": …, "at": "HH:MM"}}; cadence "off" stops an entry), and the
scheduler's tick, which enqueues each entry's latest due slot once.

Why a scheduler process (`zhifa schedule`) and not self-re-enqueueing tasks: a task that re-enqueues
itself dies with one failure or a lost queue (Redis flushed), needs a backend that keeps `run_after` (RQ
only with its scheduler running), and two of them run twice. The scheduler only enqueues, so it works on every backend; the
slot (`ScheduleSlot`, unique per entry and slot) makes a slot enqueued once, however many schedulers run,
and a scheduler that was down runs the missed latest slot when it comes back. Each task is idempotent
besides (safe to run twice, tests/jobs/test_schedule.py)."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

CADENCES = {"hourly": "每小时", "daily": "每天", "monthly": "每月1日", "off": "停用"}


@dataclass(frozen=True)
class Entry:
    key: str
    label: str  # 中文任务名, shown on the task page
    task: str  # dotted path of a django-tasks Task
    cadence: str  # hourly (at's minute), daily (at), monthly (the 1st at `at`), off
    at: time


SCHEDULE: tuple[Entry, ...] = (
    Entry("clocks", "期限时钟与提醒", "zhifa.jobs.tasks.clocks", "daily", time(0, 10)),
    Entry("restore-certificates", "恢复暂扣期满的执法证", "zhifa.jobs.tasks.restore_certificates", "daily", time(0, 20)),
    Entry("publicity-expire", "撤下公示期满的公示", "zhifa.jobs.tasks.publicity_expire", "daily", time(0, 30)),
    Entry("detection-nightly", "问题发现模型夜间运行", "zhifa.jobs.tasks.detection_nightly", "daily", time(2, 0)),
    Entry("complaints-bulletins", "投诉举报定期通报", "zhifa.jobs.tasks.complaint_bulletins", "daily", time(3, 0)),
    Entry("data-exchange", "数据交换", "zhifa.jobs.tasks.data_exchange", "off", time(4, 0)),
    Entry("exports-purge", "清理过期的导出文件", "zhifa.jobs.tasks.exports_purge", "hourly", time(0, 5)),
    # the day's checkpoint late in the day, so it holds the day's disclosures (a later one is refused)
    Entry("publicity-checkpoint", "公示每日检查点", "zhifa.jobs.tasks.publicity_checkpoint", "daily", time(23, 50)),
    Entry("registry-summaries", "工作台执法人员统计", "zhifa.jobs.tasks.registry_summaries", "hourly", time(0, 15)),
    # in the morning, so the day's 期限提醒 is waiting when people start work
    Entry("notify-due", "期限提醒消息", "zhifa.jobs.tasks.notify_due", "daily", time(7, 0)),
    Entry("entrustment-reminders", "委托执法期限届满提醒", "zhifa.jobs.tasks.entrustment_reminders", "daily", time(7, 5)),
)  # fmt: skip


# tasks that are not in the schedule, by path: their Chinese name on the task page
OTHER_LABELS = {
    "zhifa.jobs.tasks.run_export": "后台导出",
    "zhifa.detection.tasks.run_on_demand": "问题发现模型运行（手动）",
    "zhifa.detection.tasks.run_nightly": "问题发现模型夜间运行",
    "zhifa.complaints.tasks.run_bulletins": "投诉举报定期通报",
}


def entries() -> list[Entry]:
    """The table with the settings' overrides applied."""
    overrides = getattr(settings, "ZHIFA_SCHEDULE", {}) or {}
    out = []
    for entry in SCHEDULE:
        change = overrides.get(entry.key, {})
        if "cadence" in change:
            if change["cadence"] not in CADENCES:
                raise ValueError(f"ZHIFA_SCHEDULE[{entry.key!r}]: 周期应为 {'、'.join(CADENCES)}")
            entry = replace(entry, cadence=change["cadence"])
        if "at" in change:
            entry = replace(entry, at=time.fromisoformat(change["at"]))
        out.append(entry)
    return out


def task_label(path: str) -> str:
    for entry in SCHEDULE:
        if entry.task == path:
            return entry.label
    return OTHER_LABELS.get(path, "后台任务")


def latest_slot(entry: Entry, now: datetime) -> tuple[str, date] | None:
    """The latest slot of `entry` due at `now` (local time): its key and the day it belongs to."""
    now = timezone.localtime(now)
    if entry.cadence == "off":
        return None
    if entry.cadence == "hourly":
        at = now.replace(minute=entry.at.minute, second=0, microsecond=0)
        if at > now:
            at -= timedelta(hours=1)
        return at.strftime("%Y-%m-%dT%H"), at.date()
    today_at = timezone.make_aware(datetime.combine(now.date(), entry.at))
    if entry.cadence == "daily":
        day = now.date() if today_at <= now else now.date() - timedelta(days=1)
        return day.isoformat(), day
    first = now.date().replace(day=1)  # monthly
    if timezone.make_aware(datetime.combine(first, entry.at)) > now:
        first = (first - timedelta(days=1)).replace(day=1)
    return first.strftime("%Y-%m"), first


def next_time(entry: Entry, now: datetime) -> datetime | None:
    """When `entry` is next due after `now` (the task page shows it)."""
    now = timezone.localtime(now)
    if entry.cadence == "off":
        return None
    if entry.cadence == "hourly":
        at = now.replace(minute=entry.at.minute, second=0, microsecond=0)
        return at if at > now else at + timedelta(hours=1)
    at = timezone.make_aware(datetime.combine(now.date(), entry.at))
    if entry.cadence == "daily":
        return at if at > now else at + timedelta(days=1)
    first = now.date().replace(day=1)
    at = timezone.make_aware(datetime.combine(first, entry.at))
    if at > now:
        return at
    following = (first + timedelta(days=32)).replace(day=1)
    return timezone.make_aware(datetime.combine(following, entry.at))


def tick(now: datetime | None = None) -> list[str]:
    """Enqueue every entry whose latest slot no scheduler has taken; the keys enqueued. The slot row and
    the enqueue commit together: an enqueue that fails leaves the slot free for the next tick."""
    from django.db import IntegrityError, transaction
    from django.utils.module_loading import import_string

    from .models import ScheduleSlot

    now = now or timezone.now()
    enqueued = []
    for entry in entries():
        slot = latest_slot(entry, now)
        if slot is None:
            continue
        key, day = slot
        if ScheduleSlot.objects.filter(entry=entry.key, slot=key).exists():
            continue
        try:
            with transaction.atomic():
                taken = ScheduleSlot.objects.create(entry=entry.key, slot=key)
                result = import_string(entry.task).enqueue(day=day.isoformat())
                ScheduleSlot.objects.filter(pk=taken.pk).update(result_id=str(result.id))
        except IntegrityError:  # another scheduler took it in between
            continue
        enqueued.append(entry.key)
    return enqueued
