"""Writes on the shared kernel: agencies and regions (系统管理员's settings). The calendar's overrides are
core.holiday_overrides', the agencies' 文号格式 core.number_formats'."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import access, kit
from .kit import Actor
from .models import Agency, Region


def _validated(obj):
    obj.full_clean()
    return obj


def audit_admin_action(actor: Actor, obj, detail: str) -> None:
    """The 系统管理员's changes to the reference data, in the audit log (docs/security.md 三员分立)."""
    from zhifa.audit.choices import AuditAction  # the audit app sits above core
    from zhifa.audit.services import audit_event

    audit_event(AuditAction.ADMIN_ACTION, actor=actor, obj=obj, detail=detail)


def regions_of(actor: Actor):
    """The regions an admin may maintain: their own region's subtree (the system: all)."""
    if access.is_system(actor):
        return Region.objects.all()
    if actor.agency is None:
        return Region.objects.none()
    return Region.objects.filter(path__startswith=actor.agency.region.path)


def _require_region_scope(actor: Actor, region: Region | None, field: str) -> None:
    if access.is_system(actor):
        return
    if region is None or not regions_of(actor).filter(pk=region.pk).exists():
        kit.refuse(field, "只能维护本辖区内的行政区划")


@transaction.atomic
def region_create(*, actor: Actor, code: str, name: str, level: str, parent: Region | None = None) -> Region:
    if not access.is_system(actor) and not actor.has_perm("core.add_region"):
        raise PermissionDenied("您无权维护行政区划")
    _require_region_scope(actor, parent, "parent")
    region = _validated(Region(code=code, name=name, level=level, parent=parent))
    region.path = region.build_path()
    region.save()
    audit_admin_action(actor, region, "新增行政区划")
    return region


@transaction.atomic
def region_update(*, actor: Actor, region: Region, name: str) -> Region:
    """修改行政区划: only its name. Its code and place in the tree are what every path below is built on."""
    if not access.is_system(actor) and not actor.has_perm("core.change_region"):
        raise PermissionDenied("您无权维护行政区划")
    region = Region.objects.select_for_update().get(pk=region.pk)
    _require_region_scope(actor, region, "name")
    region.name = name
    _validated(region)
    region.save(update_fields=["name"])
    audit_admin_action(actor, region, "修改行政区划名称")
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
    audit_admin_action(actor, agency, "新增机关")
    return agency


@transaction.atomic
def agency_update(*, actor: Actor, agency: Agency, **changes) -> Agency:
    agency = kit.locked(Agency, agency, actor=actor, perm="core.change_agency")
    if "region" in changes:
        _require_region_scope(actor, changes["region"], "region")
    for name, value in changes.items():
        setattr(agency, name, value)
    _validated(agency)
    agency.save(update_fields=[*changes, "updated_at"])
    kit.record(agency, "agency.update", actor=actor, payload=_agency_payload(agency))
    audit_admin_action(actor, agency, "修改机关信息")
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
