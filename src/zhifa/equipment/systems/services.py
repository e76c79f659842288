"""Writes of the 执法信息系统台账, one function per user action: 登记 and 更新 (停用 is an update of its status).
Each checks the actor and the rules, writes, and appends its record (core.records)."""

from dataclasses import dataclass, fields
from datetime import date

from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from .choices import Connection, SystemKind, SystemLevel, SystemStatus
from .models import InformationSystem

VIEW_SYSTEM = "equipment.view_informationsystem"
MANAGE_SYSTEM = "equipment.manage_informationsystem"


@dataclass(frozen=True)
class SystemInput:
    name: str
    kind: str
    level: str
    builder: str = ""
    connection: str = Connection.NONE
    connected_on: date | None = None
    status: str = SystemStatus.IN_USE
    in_use_since: date | None = None
    note: str = ""


SYSTEM_FIELDS = tuple(f.name for f in fields(SystemInput))


def _dates(data: SystemInput) -> None:
    today = timezone.localdate()
    if data.in_use_since and data.in_use_since > today:
        kit.refuse("in_use_since", f"启用日期（{data.in_use_since:%Y-%m-%d}）不能晚于今天")
    if data.connection == Connection.CONNECTED and data.connected_on is None:
        kit.refuse("connected_on", "已对接的系统请填写对接日期")
    if data.connection != Connection.CONNECTED and data.connected_on is not None:
        kit.refuse("connected_on", "只有已对接的系统填写对接日期，请清空对接日期或将对接情况改为已对接")
    if data.connected_on and data.connected_on > today:
        kit.refuse("connected_on", f"对接日期（{data.connected_on:%Y-%m-%d}）不能晚于今天")
    if data.connected_on and data.in_use_since and data.connected_on < data.in_use_since:
        kit.refuse(
            "connected_on",
            f"对接日期（{data.connected_on:%Y-%m-%d}）不能早于启用日期（{data.in_use_since:%Y-%m-%d}）",
        )


def _values(agency: Agency, data: SystemInput, *, exclude: int | None = None) -> dict:
    values = {
        "name": kit.text(data.name, "name", "系统名称", 100),
        "kind": kit.choice(data.kind, SystemKind, "kind", "系统类别"),
        "level": kit.choice(data.level, SystemLevel, "level", "建设层级"),
        "builder": kit.text(data.builder, "builder", "建设（承建）单位", 100, required=False),
        "connection": kit.choice(data.connection, Connection, "connection", "与本平台对接情况"),
        "connected_on": data.connected_on,
        "status": kit.choice(data.status, SystemStatus, "status", "状态"),
        "in_use_since": data.in_use_since,
        "note": kit.text(data.note, "note", "备注", 2000, required=False),
    }
    _dates(data)
    taken = InformationSystem.objects.filter(agency=agency, name=values["name"]).exclude(pk=exclude)
    if taken.exists():
        kit.refuse(
            "name", f"{agency.name}已登记名为“{values['name']}”的执法信息系统，同一机关的系统名称不能重复"
        )
    return values


@transaction.atomic
def system_register(*, actor: Actor, agency: Agency | None, data: SystemInput) -> InformationSystem:
    """登记执法信息系统 of an agency the actor manages (the system: of any)."""
    if agency is None:
        kit.refuse("agency", "请选择使用机关")
    access.require_for_agency(actor, MANAGE_SYSTEM, agency, f"您无权登记{agency.name}的执法信息系统")
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # two registrations of one name queue
    values = _values(agency, data)
    system = InformationSystem.objects.create(agency=agency, registered_by=actor, **values)
    kit.record(system, "equipment_system.register", actor=actor, payload=values)
    return system


@transaction.atomic
def system_update(*, actor: Actor, system: InformationSystem, data: SystemInput) -> InformationSystem:
    """更新系统信息 (对接进展、停用…); the record keeps each changed field before and after."""
    system = kit.locked(
        InformationSystem.objects.select_related("agency"), system, actor=actor, perm=MANAGE_SYSTEM
    )
    values = _values(system.agency, data, exclude=system.pk)
    changed = kit.changes(system, values)
    if not changed:
        return system
    for name, value in values.items():
        setattr(system, name, value)
    system.save(update_fields=[*values, "updated_at"])
    kit.record(
        system, "equipment_system.update", actor=actor, payload={"status": system.status, "changed": changed}
    )
    return system
