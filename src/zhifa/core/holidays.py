"""Entering a year's statutory schedule (法定节假日安排) from the State Council's notice.

chinesecalendar knows the schedule only up to the year of its last release; the notice for the next
year comes out each November. The system admin pastes it, sees the days it gives, and confirms: the
year's overrides are replaced, and every open due date the change moves is recomputed and recorded.
"""

from dataclasses import dataclass
from datetime import date

import chinese_calendar
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from . import deadlines, kit, workdays
from .choices import DayKind
from .holiday_notice import NoticeError, Schedule, parse_notice
from .models import Agency, HolidayOverride
from .workbench import PendingItem

ENTER = "core.add_holidayoverride"
# The notice comes out in November; from then on a missing next year is worth a warning.
WARN_FROM_MONTH = 11


@dataclass(frozen=True)
class Entered:
    schedule: Schedule
    moved: list[deadlines.Moved]


def holiday_schedule_preview(*, actor: kit.Actor, text: str) -> Schedule:
    """What the notice says, without saving anything (预览)."""
    _require_admin(actor)
    return _parsed(text)


@transaction.atomic
def holiday_schedule_enter(*, actor: kit.Actor, text: str) -> Entered:
    """录入全年安排: the notice's days replace the year's overrides; open due dates follow."""
    _require_admin(actor)
    schedule = _parsed(text)
    days = [day for day, _, _ in schedule.days]
    replaced = HolidayOverride.objects.filter(Q(date__year=schedule.year) | Q(date__in=days))
    earliest = min([*days, *replaced.values_list("date", flat=True)])
    replaced.delete()
    HolidayOverride.objects.bulk_create(
        HolidayOverride(
            date=day,
            kind=DayKind.WORKDAY if is_workday else DayKind.HOLIDAY,
            name=name,
            set_by=actor,
            set_at=timezone.now(),
        )
        for day, is_workday, name in schedule.days
    )
    workdays.clear_cache()
    transaction.on_commit(workdays.clear_cache)
    agency = recording_agency(actor)
    if agency is not None:
        kit.record(
            agency,
            "calendar.schedule_entered",
            actor=actor,
            payload={
                "year": schedule.year,
                "holidays": sorted(schedule.holidays),
                "workdays": sorted(schedule.workdays),
            },
        )
    return Entered(schedule, deadlines.recompute_after_calendar_change(actor=actor, since=earliest))


def year_is_known(year: int) -> bool:
    """Whether the working-day clock knows `year`'s schedule (chinesecalendar or entered overrides)."""
    if HolidayOverride.objects.filter(date__year=year).exists():
        return True
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def missing_years(today: date | None = None) -> list[int]:
    """The years whose schedule is missing and already matters: this year, and from November the next."""
    today = today or timezone.localdate()
    years = [today.year, today.year + 1] if today.month >= WARN_FROM_MONTH else [today.year]
    return [year for year in years if not year_is_known(year)]


def _parsed(text: str) -> Schedule:
    try:
        return parse_notice(text)
    except NoticeError as exc:
        kit.refuse("text", f"通知文本：{exc}")


def _require_admin(actor: kit.Actor) -> None:
    if actor is not None and not actor.has_perm(ENTER):
        raise PermissionDenied("您无权维护节假日安排")
    if not may_change(actor, ENTER):
        raise PermissionDenied(COUNTY_DENIED)


COUNTY_DENIED = "节假日安排全国统一，只有市级（顶级行政区划）的系统管理员可以调整"


def may_change(user, perm: str = ENTER) -> bool:
    """Whether `user` may change the calendar with `perm`. The calendar is the instance's, not an
    agency's: the system, or a holder of `perm` whose agency lies in a top-level region (the same rule as
    the background tasks': zhifa.jobs.selectors.may_see_runs); a county's admin sees it read-only."""
    if user is None or getattr(user, "is_superuser", False):
        return True
    if not user.has_perm(perm) or user.agency_id is None:
        return False
    return user.agency.region.parent_id is None


def recording_agency(actor: kit.Actor) -> Agency | None:
    """The chain the entry is recorded in: the admin's agency, or for the system the top-level one."""
    if actor is not None and actor.agency_id:
        return actor.agency
    return Agency.objects.filter(parent__isnull=True).order_by("region__path", "pk").first()


def pending_for(user) -> list[PendingItem]:
    """工作台 of whoever enters the schedule: a missing year that already matters."""
    if not may_change(user):
        return []
    return [
        PendingItem(
            category="节假日安排",
            title=f"{year}年法定节假日安排尚未录入，{year}年的期限暂按周一至周五计算",
            url=reverse("core:holiday_schedule"),
            overdue=True,
        )
        for year in missing_years()
    ]
