"""The 执法信息系统's data exchange (docs/exchange.md): the agency names the source its exchange files carry
(`source.instance`, e.g. ZF320199), and the first accepted import from that source marks the system 已对接 with
the day it arrived — whether the import comes after the link (the "exchange.imported" event, in the import's
transaction) or before it (the link finds it). Both are recorded (`equipment_system.link_exchange`,
`equipment_system.connect`); the 对接情况 stays editable by hand for a system connected by other means."""

import re

from django.db import transaction
from django.utils import timezone

from zhifa.core import kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from . import selectors
from .choices import Connection, SystemStatus
from .models import InformationSystem
from .services import MANAGE_SYSTEM

FIELD = "exchange_source"
LABEL = "数据交换来源系统标识"
PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")  # `source.instance` of the exchange schema


def _clean(value: str, system: InformationSystem) -> str:
    from zhifa.exchange.services import instance_id

    value = (value or "").strip()
    if not value:
        return ""
    if not PATTERN.match(value):
        kit.refuse(FIELD, f"{LABEL}只能由字母、数字和“_”“.”“-”组成，最多64位（如ZF320199）")
    if value == instance_id():
        kit.refuse(FIELD, f"“{value}”是本平台自己的{LABEL}，请填写该系统导出交换文件中的来源系统标识")
    taken = (
        InformationSystem.objects.filter(agency=system.agency, exchange_source=value)
        .exclude(pk=system.pk)
        .first()
    )
    if taken is not None:
        kit.refuse(
            FIELD,
            f"{system.agency.name}的执法信息系统“{taken.name}”已关联{LABEL}“{value}”，"
            "同一来源只能关联本机关的一个系统",
        )
    return value


@transaction.atomic
def system_link_exchange(*, actor: Actor, system: InformationSystem, source: str) -> InformationSystem:
    """关联数据交换来源 (or clear it with an empty value). A system 停用 is not linked; a link to a source
    whose data has already arrived marks the system 已对接 at once, with the day of the first import."""
    system = kit.locked(
        InformationSystem.objects.select_related("agency__region"), system, actor=actor, perm=MANAGE_SYSTEM
    )
    Agency.objects.select_for_update().filter(pk=system.agency_id).first()  # two links of one source queue
    value = _clean(source, system)
    if value and system.status != SystemStatus.IN_USE:
        kit.refuse(FIELD, f"该系统已{system.get_status_display()}，不能关联{LABEL}")
    if value == system.exchange_source:
        return system
    before, system.exchange_source = system.exchange_source, value
    system.save(update_fields=["exchange_source", "updated_at"])
    kit.record(system, "equipment_system.link_exchange", actor=actor, payload={FIELD: [before, value]})
    first = selectors.first_exchange(system)
    if first is not None and system.connection != Connection.CONNECTED:
        _connect(system, first, actor=actor)
    return system


def connect_on_import(*, batch, receiver, actor: Actor, **_payload) -> None:
    """The "exchange.imported" handler: each system 在用 of the receiver's region (or below) linked to the
    batch's source, not yet 已对接, is marked 已对接 with the day of the import."""
    rows = selectors.systems_receiving(batch).select_for_update(of=("self",)).order_by("pk")
    for system in rows.select_related("agency"):
        _connect(system, batch, actor=actor)


def _connect(system: InformationSystem, batch, *, actor: Actor) -> None:
    on = timezone.localdate(batch.created_at)
    before = system.connection
    system.connection, system.connected_on = Connection.CONNECTED, on
    system.save(update_fields=["connection", "connected_on", "updated_at"])
    kit.record(
        system,
        "equipment_system.connect",
        actor=actor,
        payload={
            "connection": [before, Connection.CONNECTED.value],
            "connected_on": on.isoformat(),
            "batch": batch.cd_batch,
            FIELD: batch.source_instance,
        },
    )
