"""节假日调整 (系统管理员): one date's kind at a time — a day of a year the chinesecalendar package does not
know yet, or a correction of one it knows. The whole year's schedule from the State Council's notice is
core.holidays'; this is the day-by-day upkeep, with the year's working days per month to check it by.

The calendar is the instance's, not an agency's: every admin with the view permission sees it, only a
系统管理员 whose scope is the whole instance (of an agency in a top-level region, as for the background
tasks: zhifa.jobs.selectors.may_see_runs) changes it. Each change is recorded (core.records), audited as
管理操作, and the working-day clock forgets its cached overrides at once, so the next due date counts it.
"""

from calendar import monthrange
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import deadlines, kit, workdays
from .choices import DayKind
from .holidays import COUNTY_DENIED, may_change, recording_agency
from .models import HolidayOverride
from .params import YEAR_MAX, YEAR_MIN
from .services import audit_admin_action

VIEW = "core.view_holidayoverride"
ADD = "core.add_holidayoverride"
CHANGE = "core.change_holidayoverride"
DELETE = "core.delete_holidayoverride"

WEEKDAYS = "一二三四五六日"


# ---- reads ----------------------------------------------------------------------------------------


def overrides_of_year(year: int) -> QuerySet[HolidayOverride]:
    """The year's overrides by date, with who set them (one query)."""
    return HolidayOverride.objects.filter(date__year=year).select_related("set_by").order_by("date")


def weekday_label(day: date) -> str:
    return f"星期{WEEKDAYS[day.weekday()]}"


def workdays_per_month(year: int) -> list[tuple[int, int]]:
    """(month, working days) for each month of `year` on the working-day clock: one pass over the year's
    days, whose overrides the clock reads in one query."""
    counts = [0] * 12
    day, last = date(year, 1, 1), date(year, 12, 31)
    while day <= last:
        if workdays.is_workday(day):
            counts[day.month - 1] += 1
        day += timedelta(days=1)
    return [(month, counts[month - 1]) for month in range(1, 13)]


def days_in_month(year: int, month: int) -> int:
    return monthrange(year, month)[1]


# ---- writes ---------------------------------------------------------------------------------------


def _require(actor: kit.Actor, perm: str) -> None:
    if actor is not None and not actor.has_perm(perm):
        raise PermissionDenied("您无权维护节假日安排")
    if not may_change(actor, perm):
        raise PermissionDenied(COUNTY_DENIED)


def _checked(*, day: date | None, kind: str, name: str, exclude: int | None = None) -> tuple[date, str]:
    """The rules of one override; returns its date and its 说明 stripped."""
    if not isinstance(day, date):
        kit.refuse("date", "请填写日期")
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        kit.refuse("date", f"“日期”应在{YEAR_MIN}年至{YEAR_MAX}年之间")
    if kind not in DayKind.values:
        kit.refuse("kind", "请选择类型（法定节假日或调休上班）")
    name = (name or "").strip()
    longest = HolidayOverride._meta.get_field("name").max_length
    if longest is not None and len(name) > longest:
        kit.refuse("name", f"“说明”最多{longest}个字符")
    taken = HolidayOverride.objects.filter(date=day)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        kit.refuse("date", f"“日期”{day:%Y-%m-%d}已有节假日调整，请修改该条")
    return day, name


def _payload(override: HolidayOverride) -> dict:
    return {"date": override.date.isoformat(), "kind": override.kind, "name": override.name}


def _log(actor: kit.Actor, override: HolidayOverride, action: str, detail: str) -> None:
    agency = recording_agency(actor)
    if agency is not None:
        kit.record(override, action, actor=actor, payload=_payload(override), agency=agency)
    audit_admin_action(actor, override, f"{detail}：{override.date:%Y-%m-%d} {override.get_kind_display()}")


def _calendar_changed(actor: kit.Actor, *days: date) -> None:
    """Forget the cached overrides now (for the rest of this transaction) and after the commit (for every
    other request), then move the stored due dates the change moves, as a whole year's 节假日安排 does."""
    workdays.clear_cache()
    transaction.on_commit(workdays.clear_cache)
    deadlines.recompute_after_calendar_change(actor=actor, since=min(days))


@transaction.atomic
def holiday_override_set(*, actor: kit.Actor, day: date | None, kind: str, name: str = "") -> HolidayOverride:
    """新增节假日调整: one date's kind; a date that already has one is refused (edit that one)."""
    _require(actor, ADD)
    day, name = _checked(day=day, kind=kind, name=name)
    override = HolidayOverride.objects.create(
        date=day, kind=kind, name=name, set_by=actor, set_at=timezone.now()
    )
    _log(actor, override, "calendar.override_set", "新增节假日调整")
    _calendar_changed(actor, day)
    return override


@transaction.atomic
def holiday_override_update(
    *, actor: kit.Actor, override: HolidayOverride, day: date | None, kind: str, name: str = ""
) -> HolidayOverride:
    """修改节假日调整: its date, kind or 说明."""
    _require(actor, CHANGE)
    override = kit.locked(HolidayOverride, override, actor=None)
    day, name = _checked(day=day, kind=kind, name=name, exclude=override.pk)
    before = override.date
    override.date, override.kind, override.name = day, kind, name
    override.set_by, override.set_at = actor, timezone.now()
    override.save(update_fields=["date", "kind", "name", "set_by", "set_at"])
    _log(actor, override, "calendar.override_update", "修改节假日调整")
    _calendar_changed(actor, before, day)
    return override


@transaction.atomic
def holiday_override_delete(*, actor: kit.Actor, override: HolidayOverride) -> None:
    """删除节假日调整: the date goes back to the package's calendar (or to Monday–Friday)."""
    _require(actor, DELETE)
    override = kit.locked(HolidayOverride, override, actor=None)
    _log(actor, override, "calendar.override_delete", "删除节假日调整")
    day = override.date
    override.delete()
    _calendar_changed(actor, day)
