"""/api/equipment/systems 执法信息系统: the register the caller may see, one system, 登记 and 更新. Thin: schemas
only parse; reads through selectors, writes through services. Another agency's system is a 404, an action
the user may not take a 403, a refusal a 422 keyed by field in Chinese."""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core.params import Id
from zhifa.core.selectors import chosen_agency

from . import exchange_source, selectors, services

router = Router(tags=["执法信息系统"])


class SystemOut(Schema):
    id: int
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    name: str
    kind: str
    kind_label: str
    level: str
    level_label: str
    builder: str
    in_use_since: date | None
    connection: str
    connection_label: str
    connected_on: date | None
    exchange_source: str
    status: str
    status_label: str
    note: str
    updated_at: datetime

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_level_label(obj) -> str:
        return obj.get_level_display()

    @staticmethod
    def resolve_connection_label(obj) -> str:
        return obj.get_connection_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class ExchangeOut(Schema):
    id: int
    cd_batch: str
    source_instance: str
    total: int
    created_at: datetime


class SystemDetailOut(SystemOut):
    last_exchange: ExchangeOut | None = Field(None, description="最近一次从其数据交换来源导入的批次")

    @staticmethod
    def resolve_last_exchange(obj):
        return selectors.last_exchange(obj)


class ExchangeSourceIn(Schema):
    exchange_source: str = Field("", max_length=200, title="数据交换来源系统标识")


class SystemIn(Schema):
    name: str = Field("", max_length=200, title="系统名称")
    kind: str = Field("", max_length=20, title="系统类别")
    level: str = Field("", max_length=16, title="建设层级")
    builder: str = Field("", max_length=200, title="建设（承建）单位")
    in_use_since: date | None = None
    connection: str = Field("none", max_length=16, title="与本平台对接")
    connected_on: date | None = None
    status: str = Field("in_use", max_length=16, title="状态")
    note: str = Field("", max_length=4000, title="备注")


class SystemNewIn(SystemIn):
    agency_id: Id


def _input(data: SystemIn) -> services.SystemInput:
    return services.SystemInput(**{name: getattr(data, name) for name in services.SYSTEM_FIELDS})


@router.get("/systems", response=list[SystemOut], summary="执法信息系统台账")
@paginate
def system_list(
    request,
    q: str = "",
    kind: str = "",
    level: str = "",
    connection: str = "",
    status: str = "",
    agency_id: Id | None = None,
    sort: Annotated[str, selectors.SYSTEM_SORTS] = "",
):
    if not request.auth.has_perm(services.VIEW_SYSTEM):
        raise PermissionDenied("您无权查看执法信息系统")
    rows = selectors.systems_visible_to(
        request.auth, q=q, kind=kind, level=level, connection=connection, status=status, agency_id=agency_id
    )
    return selectors.SYSTEM_SORTS.parse(sort).apply(rows)


@router.get("/systems/{int:system_id}", response=SystemDetailOut, summary="执法信息系统详情")
def system_detail(request, system_id: int):
    return selectors.get_system(request.auth, system_id)


@router.post(
    "/systems/{int:system_id}/exchange-source",
    response=SystemDetailOut,
    summary="关联数据交换来源（首次收到其交换数据即标为已对接）",
)
def system_link_exchange(request, system_id: int, data: ExchangeSourceIn):
    system = selectors.get_system(request.auth, system_id)
    exchange_source.system_link_exchange(actor=request.auth, system=system, source=data.exchange_source)
    return selectors.get_system(request.auth, system_id)


@router.post("/systems", response={201: SystemOut}, summary="登记执法信息系统")
def system_register(request, data: SystemNewIn):
    agency = chosen_agency(request.auth, data.agency_id, field="agency", perm=services.MANAGE_SYSTEM)
    system = services.system_register(actor=request.auth, agency=agency, data=_input(data))
    return Status(201, selectors.get_system(request.auth, system.pk))


@router.post("/systems/{int:system_id}", response=SystemOut, summary="更新执法信息系统")
def system_update(request, system_id: int, data: SystemIn):
    system = selectors.get_system(request.auth, system_id)
    services.system_update(actor=request.auth, system=system, data=_input(data))
    return selectors.get_system(request.auth, system_id)
