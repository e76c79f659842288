"""The nightly run as a background task (django-tasks; the database backend `django_tasks_db` and its
`db_worker` in production and in `zhifa demo`, the immediate backend in tests).

`run_nightly` runs every model and then enqueues itself for the next night (NIGHTLY_HOUR local time), so
one enqueued task keeps the schedule; `ensure_nightly` (the command `zhifa detection_schedule`, also run
by `zhifa demo`) enqueues it when none is waiting, and is safe to call again."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

NIGHTLY_HOUR = 2  # default; setting ZHIFA_DETECTION_NIGHTLY_HOUR


def next_night(now: datetime | None = None) -> datetime:
    now = timezone.localtime(now or timezone.now())
    hour = int(getattr(settings, "ZHIFA_DETECTION_NIGHTLY_HOUR", NIGHTLY_HOUR))
    at = timezone.make_aware(datetime.combine(now.date(), time(hour)))
    return at if at > now else at + timedelta(days=1)


@task()
def run_on_demand(model: str, user_id: int) -> int:
    """运行 (from the page or the API): one model, or every model when `model` is empty."""
    from zhifa.accounts.models import User

    from . import services

    actor = User.objects.get(pk=user_id)
    if model:
        return services.run_model(actor=actor, model=model).found
    return sum(run.found for run in services.run_all(actor=actor))


@task()
def run_nightly(reschedule: bool = True) -> int:
    from . import services
    from .choices import RunTrigger

    found = sum(run.found for run in services.run_all(actor=None, trigger=RunTrigger.NIGHTLY))
    if reschedule:
        run_nightly.using(run_after=next_night()).enqueue()
    return found


def ensure_nightly() -> bool:
    """Enqueue the nightly run unless one is already waiting (database backend); True when enqueued."""
    from django_tasks_db.models import DBTaskResult

    database = settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    if database and DBTaskResult.objects.filter(status="READY", task_path=run_nightly.module_path).exists():
        return False
    run_nightly.using(run_after=next_night()).enqueue()
    return True
