"""The background tasks of the schedule (schedule.SCHEDULE) and the background export. Each takes the
slot's day (ISO text: task arguments travel as JSON) and is idempotent: run twice for a day, the second
run finds nothing left to do and writes nothing (tests/jobs/test_schedule.py)."""

import logging
from collections.abc import Callable
from datetime import date

from django_tasks import task

log = logging.getLogger("zhifa.jobs")

# 期限时钟与提醒: daily hooks (label, fn(day) -> count) that a later app registers from its ready();
# each must be idempotent for a day.
CLOCK_HOOKS: list[tuple[str, Callable[[date], int]]] = []
# 数据交换: the exchange app's scheduled export/import registers here (fn(day) -> count).
EXCHANGE_HOOKS: list[tuple[str, Callable[[date], int]]] = []


def register_clock(label: str, hook: Callable[[date], int]) -> None:
    if (label, hook) not in CLOCK_HOOKS:
        CLOCK_HOOKS.append((label, hook))


def register_exchange(label: str, hook: Callable[[date], int]) -> None:
    if (label, hook) not in EXCHANGE_HOOKS:
        EXCHANGE_HOOKS.append((label, hook))


def _day(day: str | None) -> date:
    from django.utils import timezone

    return date.fromisoformat(day) if day else timezone.localdate()


@task()
def clocks(day: str | None = None) -> int:
    on = _day(day)
    return sum(hook(on) for _, hook in CLOCK_HOOKS)


@task()
def restore_certificates(day: str | None = None) -> int:
    from zhifa.supervision.accountability.services import suspensions_lapse

    return suspensions_lapse(today=_day(day))


@task()
def publicity_expire(day: str | None = None) -> int:
    from zhifa.publicity.services import disclosures_expire

    return disclosures_expire(today=_day(day))


@task()
def publicity_checkpoint(day: str | None = None) -> int:
    """The day's checkpoint; none when that day (or a later one) has one already (the log refuses a
    second), so a second run is a no-op rather than a failure."""
    from django.db import transaction

    from zhifa.publicity.log import checkpoint_create
    from zhifa.publicity.models import Checkpoint

    on = _day(day)
    with transaction.atomic():
        if Checkpoint.objects.filter(day__gte=on).exists():
            return 0
        return checkpoint_create(day=on).size


@task()
def detection_nightly(day: str | None = None) -> int:
    """Every detection model over every region, once a day: a nightly run already made that day is not
    repeated (a hit is keyed besides, so a repeated run would add no hit, only a run row)."""
    from django.utils import timezone

    from zhifa.detection import services
    from zhifa.detection.choices import RunTrigger
    from zhifa.detection.models import Run

    on = _day(day)
    start = timezone.make_aware(timezone.datetime.combine(on, timezone.datetime.min.time()))
    if Run.objects.filter(trigger=RunTrigger.NIGHTLY, started_at__gte=start).exists():
        return 0
    return sum(run.found for run in services.run_all(actor=None, trigger=RunTrigger.NIGHTLY, today=on))


@task()
def complaint_bulletins(day: str | None = None) -> int:
    """Each bureau's monthly (and quarterly) 通报 now due; one already made is skipped."""
    from zhifa.complaints import bulletins

    return len(bulletins.bulletins_due(on=_day(day)))


@task()
def data_exchange(day: str | None = None) -> int:
    on = _day(day)
    return sum(hook(on) for _, hook in EXCHANGE_HOOKS)


@task()
def exports_purge(day: str | None = None) -> int:
    from . import services

    return services.exports_purge()


@task()
def run_export(job_id: int) -> int:
    from . import services

    return services.export_run(job_id=job_id)


@task()
def registry_summaries(day: str | None = None) -> int:
    """Recount every scope's 工作台 figures (registry.summaries) for the day: a recount replaces the
    row, so a second run leaves the same figures."""
    from zhifa.registry import summaries

    return summaries.recount_all(today=_day(day))


@task()
def run_import(job_id: int) -> int:
    from . import services

    return services.import_run(job_id=job_id)


@task()
def notify_due(day: str | None = None) -> int:
    """期限提醒消息: each user told of their 工作台's deadlines coming due; a deadline already announced is
    not announced again (notifications.events.deadlines_coming_due keys each one)."""
    from zhifa.notifications.events import deadlines_coming_due

    return deadlines_coming_due(on=_day(day))


@task()
def entrustment_reminders(day: str | None = None) -> int:
    """委托执法期限届满提醒: each 委托机关 told of its entrustments ending within
    ZHIFA_ENTRUSTMENT_REMINDER_DAYS (once per body and end date, so a second run writes nothing)."""
    from zhifa.notifications.events import entrustments_expiring

    return entrustments_expiring(on=_day(day))
