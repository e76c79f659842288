"""Writes on the shared kernel: agencies, regions and calendar overrides (系统管理员's settings)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import access, kit, workdays
from .kit import Actor, Person
from .models import Agency, HolidayOverride, Region


def _validated(obj):
    obj.full_clean()
    return obj


@transaction.atomic
def region_create(*, actor: Actor, code: str, name: str, level: str, parent: Region | None = None) -> Region:
    if not access.is_system(actor) and not actor.has_perm("core.add_region"):
        raise PermissionDenied("您无权维护行政区划")
    region = _validated(Region(code=code, name=name, level=level, parent=parent))
    region.path = region.build_path()
    region.save()
    return region


@transaction.atomic
def agency_create(*, actor: Actor, **fields) -> Agency:
    """新增机关/机构: only inside the actor's region; the agency's chain starts with this record."""
    agency = _validated(Agency(**fields))
    if not access.is_system(actor):
        if not actor.has_perm("core.add_agency"):
            raise PermissionDenied("您无权新增机关")
        if actor.agency is None or not agency.region.path.startswith(actor.agency.region.path):
            raise PermissionDenied("只能在本辖区内新增机关")
    agency.save()
    kit.record(agency, "agency.create", actor=actor, payload=_agency_payload(agency))
    return agency


@transaction.atomic
def agency_update(*, actor: Actor, agency: Agency, **changes) -> Agency:
    agency = kit.locked(Agency, agency, actor=actor, perm="core.change_agency")
    for name, value in changes.items():
        setattr(agency, name, value)
    _validated(agency)
    agency.save(update_fields=[*changes, "updated_at"])
    kit.record(agency, "agency.update", actor=actor, payload=_agency_payload(agency))
    return agency


def _agency_payload(agency: Agency) -> dict:
    return {
        "name": agency.name,
        "credit_code": agency.credit_code,
        "kind": agency.kind,
        "region": agency.region.code,
        "parent": agency.parent_id,
        "superior_department": agency.superior_department_id,
        "active": agency.active,
    }


@transaction.atomic
def holiday_override_set(*, actor: Person, day: date, kind: str, name: str = "") -> HolidayOverride:
    """Enter one day of a year's official schedule (放假/调休上班)."""
    if not actor.has_perm("core.add_holidayoverride"):
        raise PermissionDenied("您无权维护节假日安排")
    override, _ = HolidayOverride.objects.update_or_create(date=day, defaults={"kind": kind, "name": name})
    transaction.on_commit(workdays.clear_cache)
    return override


@transaction.atomic
def holiday_override_delete(*, actor: Person, day: date) -> None:
    if not actor.has_perm("core.delete_holidayoverride"):
        raise PermissionDenied("您无权维护节假日安排")
    HolidayOverride.objects.filter(date=day).delete()
    transaction.on_commit(workdays.clear_cache)
