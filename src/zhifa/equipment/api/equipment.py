"""/api/equipment/ 音像记录设备: the register the caller may see, one device, and one POST per action
(登记, 更新, 领用, 归还); the ratio per agency, an agency's standard, the 摸底统计, and the device of a recorded
piece of evidence. Thin: schemas only parse; reads through selectors, writes through services. Another
agency's row is a 404, an action the user may not take a 403, a refusal a 422 keyed by field in Chinese."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core import access, kit
from zhifa.core.params import Id
from zhifa.core.selectors import chosen_agency
from zhifa.registry.models import Officer

from .. import selectors, services, survey
from ..transitions import LINK, MANAGE, MANAGE_STANDARD, VIEW, VIEW_EVIDENCE, VIEW_SURVEY

router = Router(tags=["音像记录设备"])


class DeviceOut(Schema):
    id: int
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    kind: str
    kind_label: str
    model: str
    number: str
    status: str
    status_label: str
    acquired_on: date | None
    holder_id: int | None
    holder_name: str
    held_since: datetime | None
    note: str
    updated_at: datetime

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_holder_name(obj) -> str:
        return obj.holder.name if obj.holder else ""


class DeviceIn(Schema):
    kind: str = Field("", max_length=16)
    model: str = Field("", max_length=200)
    number: str = Field("", max_length=100)
    status: str = Field("in_use", max_length=16)
    acquired_on: date | None = None
    note: str = Field("", max_length=4000)


class DeviceNewIn(DeviceIn):
    agency_id: Id


class IssueIn(Schema):
    officer_id: Id


def _require_view(request) -> None:
    if not request.auth.has_perm(VIEW):
        raise PermissionDenied("您无权查看音像记录设备")


@router.get("/devices", response=list[DeviceOut], summary="音像记录设备台账")
@paginate
def device_list(
    request,
    q: str = "",
    kind: str = "",
    status: str = "",
    held: Literal["", "0", "1"] = "",
    agency_id: Id | None = None,
    sort: Literal["agency", "number", "kind", "-updated"] = "agency",
):
    _require_view(request)
    filters = selectors.DeviceFilters(q=q, kind=kind, status=status, held=held, agency=agency_id, sort=sort)
    return selectors.devices_visible_to(request.auth, filters)


@router.get("/devices/{int:device_id}", response=DeviceOut, summary="音像记录设备详情")
def device_detail(request, device_id: int):
    return selectors.get_device(request.auth, device_id)


def _input(data: DeviceIn) -> services.DeviceInput:
    return services.DeviceInput(**{name: getattr(data, name) for name in services.DEVICE_FIELDS})


@router.post("/devices", response={201: DeviceOut}, summary="登记音像记录设备")
def device_register(request, data: DeviceNewIn):
    agency = chosen_agency(request.auth, data.agency_id, field="agency", perm=MANAGE)
    device = services.device_register(actor=request.auth, agency=agency, data=_input(data))
    return Status(201, selectors.get_device(request.auth, device.pk))


@router.post("/devices/{int:device_id}", response=DeviceOut, summary="更新音像记录设备信息")
def device_update(request, device_id: int, data: DeviceIn):
    device = selectors.get_device(request.auth, device_id)
    services.device_update(actor=request.auth, device=device, data=_input(data))
    return selectors.get_device(request.auth, device_id)


@router.post("/devices/{int:device_id}/issue", response=DeviceOut, summary="领用音像记录设备")
def device_issue(request, device_id: int, data: IssueIn):
    device = selectors.get_device(request.auth, device_id)
    access.require(request.auth, MANAGE, device)
    officer = Officer.objects.filter(pk=data.officer_id, agency_id=device.agency_id).first()
    if officer is None:
        kit.refuse("officer", "所选人员不是本机关的执法人员")
    services.device_issue(actor=request.auth, device=device, officer=officer)
    return selectors.get_device(request.auth, device_id)


@router.post("/devices/{int:device_id}/return", response=DeviceOut, summary="归还音像记录设备")
def device_return(request, device_id: int):
    device = selectors.get_device(request.auth, device_id)
    services.device_return(actor=request.auth, device=device)
    return selectors.get_device(request.auth, device_id)


class RatioOut(Schema):
    agency_id: int
    agency_name: str
    officers: int
    devices: int
    held: int
    ratio: Decimal
    own_standard: bool
    required: int
    shortfall: int
    below: bool


def _ratio(row: selectors.AgencyEquipment) -> dict:
    return {
        "agency_id": row.agency.pk,
        "agency_name": row.agency.name,
        "officers": row.officers,
        "devices": row.devices,
        "held": row.held,
        "ratio": row.ratio,
        "own_standard": row.own_standard,
        "required": row.required,
        "shortfall": row.shortfall,
        "below": row.below,
    }


@router.get("/ratios", response=list[RatioOut], summary="各机关音像记录设备配备比例")
@paginate
def ratios(request, below: bool = False):
    _require_view(request)
    if below:
        return [_ratio(row) for row in selectors.agencies_below(request.auth)]
    agencies = list(selectors.agencies_for_ratio(request.auth))
    return [_ratio(row) for row in selectors.equipment_by_agency(agencies).values()]


class StandardIn(Schema):
    ratio: str = Field(..., max_length=10)
    basis: str = Field("", max_length=400)


@router.post(
    "/agencies/{int:agency_id}/standard", response=RatioOut, summary="设置机关的音像记录设备配备标准"
)
def standard_set(request, agency_id: int, data: StandardIn):
    agency = selectors.get_agency(request.auth, agency_id)
    if not access.can(request.auth, MANAGE_STANDARD, agency):
        raise PermissionDenied("您无权设置该机关的配备标准")
    services.standard_set(actor=request.auth, agency=agency, ratio=data.ratio, basis=data.basis)
    return _ratio(selectors.equipment_by_agency([agency])[agency.pk])


class SurveyOut(Schema):
    agency_id: int
    agency_name: str
    body_confirmed: bool
    officers: int
    auxiliaries: int
    certified: int
    reviewers: int
    reviewers_required: int
    qualified: int
    qualified_share: Decimal | None
    body_cameras: int
    devices: int
    devices_required: int
    systems: int
    systems_connected: int
    accounts: int


@router.get("/survey", response=list[SurveyOut], summary="摸底统计（本辖区各机关）")
@paginate
def survey_rows(request):
    if not request.auth.has_perm(VIEW_SURVEY):
        raise PermissionDenied("您无权查看摸底统计")
    rows = survey.survey_rows(list(selectors.agencies_for_ratio(request.auth)))
    return [
        {
            "agency_id": r.agency.pk,
            "agency_name": r.agency.name,
            "body_confirmed": bool(r.bodies),
            "officers": r.officers,
            "auxiliaries": r.auxiliaries,
            "certified": r.certified,
            "reviewers": r.reviewers,
            "reviewers_required": r.reviewers_required,
            "qualified": r.qualified,
            "qualified_share": r.qualified_share,
            "body_cameras": r.body_cameras,
            "devices": r.devices,
            "devices_required": r.devices_required,
            "systems": r.systems,
            "systems_connected": r.systems_connected,
            "accounts": r.accounts,
        }
        for r in rows
    ]


class RecordingOut(Schema):
    evidence_id: int
    device_id: int | None
    device_number: str


class LinkIn(Schema):
    device_id: Id


@router.get("/evidence/{int:evidence_id}/device", response=RecordingOut, summary="证据的记录设备")
def recording_detail(request, evidence_id: int):
    evidence = selectors.get_evidence(request.auth, evidence_id, VIEW_EVIDENCE)
    link = selectors.recording_of(evidence)
    return {
        "evidence_id": evidence.pk,
        "device_id": link.device_id if link else None,
        "device_number": link.device.number if link else "",
    }


@router.post("/evidence/{int:evidence_id}/device", response={201: RecordingOut}, summary="标注证据的记录设备")
def recording_link(request, evidence_id: int, data: LinkIn):
    evidence = selectors.get_evidence(request.auth, evidence_id, VIEW_EVIDENCE)
    access.require(request.auth, LINK, evidence)
    device = selectors.devices_for_evidence(evidence).filter(pk=data.device_id).first()
    if device is None:
        kit.refuse("device", "所选记录设备不是该案件办案机关的音像记录设备")
    link = services.recording_link(actor=request.auth, evidence=evidence, device=device)
    return Status(
        201, {"evidence_id": evidence.pk, "device_id": link.device_id, "device_number": device.number}
    )
