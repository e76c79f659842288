"""The monthly and quarterly 通报 as a background task (django-tasks, as detection.tasks runs its nightly
models): `run_bulletins` makes what is due (bulletins.bulletins_due) and enqueues itself for the 1st of the
next month at BULLETIN_HOUR, so one enqueued task keeps the schedule; `ensure_bulletins` (the command
`zhifa complaints_bulletin_schedule`, also run by `zhifa demo`) enqueues it when none is waiting."""

from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone
from django_tasks import task

BULLETIN_HOUR = 3  # default; setting ZHIFA_COMPLAINT_BULLETIN_HOUR (local time, on the 1st of each month)


def next_first(now: datetime | None = None) -> datetime:
    """The next 1st of a month at the bulletin hour (today's, if it is the 1st and the hour is ahead)."""
    now = timezone.localtime(now or timezone.now())
    hour = int(getattr(settings, "ZHIFA_COMPLAINT_BULLETIN_HOUR", BULLETIN_HOUR))
    at = timezone.make_aware(datetime.combine(now.date().replace(day=1), time(hour)))
    if at > now:
        return at
    first = date(now.year + now.month // 12, now.month % 12 + 1, 1)
    return timezone.make_aware(datetime.combine(first, time(hour)))


@task()
def run_bulletins(reschedule: bool = True) -> int:
    """定期通报: every bureau's monthly (and, after a quarter, quarterly) 通报 now due."""
    from . import bulletins

    made = len(bulletins.bulletins_due())
    if reschedule:
        run_bulletins.using(run_after=next_first()).enqueue()
    return made


def ensure_bulletins() -> bool:
    """Enqueue the monthly run unless one is already waiting (database backend); True when enqueued."""
    from django_tasks_db.models import DBTaskResult

    database = settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    if database and DBTaskResult.objects.filter(status="READY", task_path=run_bulletins.module_path).exists():
        return False
    run_bulletins.using(run_after=next_first()).enqueue()
    return True
