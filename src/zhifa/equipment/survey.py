"""摸底统计 (seed 003 五(一): 县司法局组织对全县各行政执法机关的执法行为类别、执法人员、法制审核人员、音像记录
设备、执法信息系统建设等情况进行全面摸底统计): one row per agency of the justice bureau's region, generated
from the registers — nothing typed. 执法信息系统 are the agency's systems 在用 in its register (equipment.systems)
and how many of them exchange data with this platform, beside its accounts on the platform itself. Each
column is one grouped query over the agencies."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from zhifa.accounts.models import User
from zhifa.core.models import Agency
from zhifa.registry import selectors as registry
from zhifa.registry.choices import BodyStatus, PersonKind, PersonStatus
from zhifa.registry.models import EnforcementBody, Officer

from . import selectors
from .choices import DeviceKind, DeviceStatus
from .models import Device
from .systems.selectors import systems_by_agency


@dataclass(frozen=True)
class SurveyRow:
    agency: Agency
    bodies: int  # 执法主体 confirmed
    officers: int  # 行政执法人员 在岗
    auxiliaries: int  # 执法辅助人员 在岗
    certified: int  # 持有效执法证
    reviewers: int  # 法制审核人员
    reviewers_required: int
    qualified: int  # of whom with 法律职业资格
    body_cameras: int  # 执法记录仪 在用
    devices: int  # 音像记录设备 在用 (all kinds)
    devices_required: int
    systems: int  # 执法信息系统 在用
    systems_connected: int  # of which 已对接本平台
    accounts: int  # the agency's active accounts on this platform

    @property
    def qualified_share(self) -> Decimal | None:
        if not self.reviewers:
            return None
        return (Decimal(self.qualified * 100) / self.reviewers).quantize(Decimal("0.1"))

    @property
    def reviewers_short(self) -> bool:
        return self.reviewers < self.reviewers_required

    @property
    def devices_short(self) -> bool:
        return self.devices < self.devices_required


def _grouped(queryset, **counts) -> dict[int, dict]:
    return {row["agency_id"]: row for row in queryset.order_by().values("agency_id").annotate(**counts)}


def survey_rows(agencies: list[Agency]) -> list[SurveyRow]:
    ids = [a.pk for a in agencies]
    ratios = registry.agency_ratios(Agency.objects.filter(pk__in=ids))
    equipment = selectors.equipment_by_agency(agencies)
    people = _grouped(
        Officer.objects.filter(agency_id__in=ids, status=PersonStatus.ACTIVE),
        auxiliaries=Count("pk", filter=Q(kind=PersonKind.AUXILIARY)),
    )
    bodies = _grouped(
        EnforcementBody.objects.filter(agency_id__in=ids, status=BodyStatus.CONFIRMED), n=Count("pk")
    )
    cameras = _grouped(
        Device.objects.filter(agency_id__in=ids, status=DeviceStatus.IN_USE, kind=DeviceKind.BODY_CAMERA),
        n=Count("pk"),
    )
    accounts = _grouped(User.objects.filter(agency_id__in=ids, is_active=True), n=Count("pk"))
    systems = systems_by_agency(ids)
    rows = []
    for agency in agencies:
        ratio, kit = ratios[agency.pk], equipment[agency.pk]
        rows.append(
            SurveyRow(
                agency=agency,
                bodies=bodies.get(agency.pk, {}).get("n", 0),
                officers=ratio.officers,
                auxiliaries=people.get(agency.pk, {}).get("auxiliaries", 0),
                certified=ratio.certified,
                reviewers=ratio.reviewers,
                reviewers_required=ratio.reviewers_required,
                qualified=ratio.qualified,
                body_cameras=cameras.get(agency.pk, {}).get("n", 0),
                devices=kit.devices,
                devices_required=kit.required,
                systems=systems[agency.pk].in_use,
                systems_connected=systems[agency.pk].connected,
                accounts=accounts.get(agency.pk, {}).get("n", 0),
            )
        )
    return rows


HEADERS = (
    "机关",
    "执法主体资格",
    "行政执法人员",
    "执法辅助人员",
    "持有效执法证",
    "法制审核人员",
    "法制审核人员应配备",
    "具有法律职业资格",
    "法律职业资格占比（%）",
    "执法记录仪（在用）",
    "音像记录设备（在用）",
    "音像记录设备应配备",
    "执法信息系统（在用）",
    "其中已对接本平台",
    "本平台账号",
)


def as_cells(row: SurveyRow) -> tuple:
    share = row.qualified_share
    return (
        row.agency.name,
        "已确认" if row.bodies else "未确认",
        row.officers,
        row.auxiliaries,
        row.certified,
        row.reviewers,
        row.reviewers_required,
        row.qualified,
        "—" if share is None else share,
        row.body_cameras,
        row.devices,
        row.devices_required,
        row.systems,
        row.systems_connected,
        row.accounts,
    )
