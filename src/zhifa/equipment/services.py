"""Writes of the equipment register, one function per user action: 登记, 更新, 领用, 归还, 设置配备标准,
标注证据的记录设备. Each checks the actor and the rules, writes, and appends its record (core.records)."""

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from zhifa.cases.choices import EvidenceKind
from zhifa.cases.models import Evidence
from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.registry.choices import PersonStatus
from zhifa.registry.models import Officer

from .choices import DeviceKind, DeviceStatus
from .models import Device, EquipmentStandard, RecordingDevice
from .transitions import LINK, MANAGE, MANAGE_STANDARD

RECORDED_KINDS = (EvidenceKind.PHOTO, EvidenceKind.AUDIO, EvidenceKind.VIDEO)


@dataclass(frozen=True)
class DeviceInput:
    kind: str
    model: str
    number: str
    status: str = DeviceStatus.IN_USE
    acquired_on: date | None = None
    note: str = ""


DEVICE_FIELDS = tuple(f.name for f in fields(DeviceInput))


def _values(agency: Agency, data: DeviceInput, *, exclude: int | None = None) -> dict:
    kind = kit.choice(data.kind, DeviceKind, "kind", "设备种类")
    status = kit.choice(data.status, DeviceStatus, "status", "设备状态")
    values = {
        "kind": kind,
        "model": kit.text(data.model, "model", "品牌型号", 100),
        "number": kit.text(data.number, "number", "设备编号", 50),
        "status": status,
        "acquired_on": data.acquired_on,
        "note": kit.text(data.note, "note", "备注", 2000, required=False),
    }
    if data.acquired_on and data.acquired_on > timezone.localdate():
        kit.refuse("acquired_on", f"配备日期（{data.acquired_on:%Y-%m-%d}）不能晚于今天")
    taken = Device.objects.filter(agency=agency, number=values["number"]).exclude(pk=exclude)
    if taken.exists():
        kit.refuse("number", f"设备编号“{values['number']}”在{agency.name}已登记，同一机关的设备编号不能重复")
    return values


@transaction.atomic
def device_register(*, actor: Actor, agency: Agency | None, data: DeviceInput) -> Device:
    """登记音像记录设备 of an agency the actor manages (the system: of any)."""
    if agency is None:
        kit.refuse("agency", "请选择所属机关")
    access.require_for_agency(actor, MANAGE, agency, f"您无权登记{agency.name}的音像记录设备")
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # two registrations of one number queue
    values = _values(agency, data)
    device = Device.objects.create(agency=agency, registered_by=actor, **values)
    kit.record(device, "equipment_device.register", actor=actor, payload=values)
    return device


@transaction.atomic
def device_update(*, actor: Actor, device: Device, data: DeviceInput) -> Device:
    """更新设备信息 (送修、闲置、报废…); a device out with an officer is returned before it leaves 在用."""
    device = kit.locked(Device.objects.select_related("agency"), device, actor=actor, perm=MANAGE)
    values = _values(device.agency, data, exclude=device.pk)
    if device.holder_id and values["status"] != DeviceStatus.IN_USE:
        kit.refuse("status", "设备已由执法人员领用，请先办理归还，再变更为在用以外的状态")
    changed = kit.changes(device, values)
    if not changed:
        return device
    for name, value in values.items():
        setattr(device, name, value)
    device.save(update_fields=[*values, "updated_at"])
    kit.record(
        device, "equipment_device.update", actor=actor, payload={"status": device.status, "changed": changed}
    )
    return device


@transaction.atomic
def device_issue(*, actor: Actor, device: Device, officer: Officer | None) -> Device:
    """领用: an officer of the device's agency takes an idle device in use; who and when are kept."""
    device = kit.locked(Device.objects.select_related("agency"), device, actor=actor, perm=MANAGE)
    if officer is None:
        kit.refuse("officer", "请选择领用人")
    if device.status != DeviceStatus.IN_USE:
        kit.refuse("officer", f"设备状态为“{device.get_status_display()}”，只有在用的设备可以领用")
    if device.holder_id:
        kit.refuse("officer", f"设备已由{device.holder.name}领用，请先办理归还")
    if officer.agency_id != device.agency_id:
        kit.refuse("officer", f"领用人{officer.name}不是{device.agency.name}的执法人员")
    if officer.status != PersonStatus.ACTIVE:
        kit.refuse("officer", f"领用人{officer.name}不在岗（{officer.get_status_display()}）")
    device.holder, device.held_since = officer, timezone.now()
    device.save(update_fields=["holder", "held_since", "updated_at"])
    kit.record(
        device,
        "equipment_device.issue",
        actor=actor,
        payload={"officer": officer.pk, "officer_name": officer.name},
    )
    return device


@transaction.atomic
def device_return(*, actor: Actor, device: Device) -> Device:
    """归还: the holder gives the device back; the record keeps who had it and since when."""
    device = kit.locked(Device.objects.select_related("agency", "holder"), device, actor=actor, perm=MANAGE)
    if not device.holder_id:
        kit.refuse("holder", "设备未被领用，无需归还")
    holder, since = device.holder, device.held_since
    device.holder, device.held_since = None, None
    device.save(update_fields=["holder", "held_since", "updated_at"])
    kit.record(
        device,
        "equipment_device.return",
        actor=actor,
        payload={
            "officer": holder.pk,
            "officer_name": holder.name,
            "held_since": since.isoformat() if since else None,
        },
    )
    return device


def _ratio(raw) -> Decimal:
    try:
        ratio = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        kit.refuse("ratio", "配备标准应为数字，例如1或0.5")
    if not ratio.is_finite() or ratio <= 0 or ratio > 10:
        kit.refuse("ratio", "配备标准应大于0且不超过10（台/人）")
    if ratio != ratio.quantize(Decimal("0.01")):
        kit.refuse("ratio", "配备标准最多两位小数")
    return ratio


@transaction.atomic
def standard_set(*, actor: Actor, agency: Agency, ratio, basis: str = "") -> EquipmentStandard:
    """设置配备标准 of one agency (the justice bureau of its region), replacing the default ratio."""
    access.require_for_agency(
        actor, MANAGE_STANDARD, agency, f"您无权设置{agency.name}的音像记录设备配备标准"
    )
    value = _ratio(ratio)
    basis = kit.text(basis, "basis", "依据", 200, required=False)
    standard, _ = EquipmentStandard.objects.select_for_update().get_or_create(
        agency=agency, defaults={"ratio": value, "basis": basis, "set_by": actor}
    )
    standard.ratio, standard.basis, standard.set_by = value, basis, actor
    standard.save(update_fields=["ratio", "basis", "set_by", "set_at"])
    kit.record(standard, "equipment_standard.set", actor=actor, payload={"ratio": str(value), "basis": basis})
    return standard


@transaction.atomic
def recording_link(*, actor: Actor, evidence: Evidence, device: Device | None) -> RecordingDevice:
    """标注记录设备: the device (of the case's agency) a photo, recording or video was made on; set once,
    as the evidence itself never changes."""
    evidence = kit.locked(Evidence.objects.select_related("case__agency"), evidence, actor=actor, perm=LINK)
    if device is None:
        kit.refuse("device", "请选择记录设备")
    if evidence.kind not in RECORDED_KINDS:
        kit.refuse("device", f"“{evidence.get_kind_display()}”不是音像证据，无需标注记录设备")
    if RecordingDevice.objects.filter(evidence=evidence).exists():
        kit.refuse("device", "该证据已标注记录设备，不能更改")
    if device.agency_id != evidence.case.agency_id:
        kit.refuse("device", f"记录设备{device.number}不属于{evidence.case.agency.name}")
    link = RecordingDevice.objects.create(evidence=evidence, device=device, linked_by=actor)
    kit.record(
        evidence.case,
        "equipment_recording.link",
        actor=actor,
        payload={
            "evidence": evidence.pk,
            "sha256": evidence.sha256,
            "number": device.number,
        },
    )
    return link
