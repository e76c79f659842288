"""Reads of the equipment register, scoped by core.access: the list, one device, the ratio of each agency
against its standard (one grouped query per figure, however many agencies), and the devices on a case."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Round
from django.http import Http404

from zhifa.cases.models import Case, Evidence
from zhifa.core import access
from zhifa.core.models import Agency
from zhifa.registry.choices import PersonKind, PersonStatus
from zhifa.registry.models import Officer

from . import clocks
from .choices import DeviceStatus
from .models import Device, EquipmentStandard, RecordingDevice
from .services import RECORDED_KINDS
from .transitions import VIEW

SORTS = {
    "agency": ("agency__name", "number", "id"),
    "number": ("number", "id"),
    "kind": ("agency_id", "kind", "number", "id"),
    "-updated": ("-updated_at", "id"),
}
SORT_LABELS = {"agency": "按机关", "number": "按设备编号", "kind": "按设备种类", "-updated": "最近更新"}


@dataclass(frozen=True)
class DeviceFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    held: str = ""  # "1" out with an officer, "0" not, "" either
    agency: int | None = None
    sort: str = "agency"


def devices_visible_to(user, filters: DeviceFilters = DeviceFilters()) -> QuerySet[Device]:
    devices = access.visible_to(user, Device.objects.all(), VIEW).select_related("agency", "holder")
    if filters.q:
        devices = devices.filter(
            Q(number__icontains=filters.q)
            | Q(model__icontains=filters.q)
            | Q(holder__name__icontains=filters.q)
            | Q(agency__name__icontains=filters.q)
        )
    if filters.kind:
        devices = devices.filter(kind=filters.kind)
    if filters.status:
        devices = devices.filter(status=filters.status)
    if filters.held in ("0", "1"):
        devices = devices.filter(holder__isnull=filters.held == "0")
    if filters.agency:
        devices = devices.filter(agency_id=filters.agency)
    return devices.order_by(*SORTS.get(filters.sort, SORTS["agency"]))


def get_device(user, pk) -> Device:
    try:
        return devices_visible_to(user).select_related("agency__region", "registered_by").get(pk=pk)
    except (Device.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该设备，或您无权查看") from exc


# ---- 配备比例 ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyEquipment:
    """One agency's devices in use against its front-line officers and its standard."""

    agency: Agency
    officers: int  # 行政执法人员 在岗
    devices: int  # 在用
    held: int  # 在用 and out with an officer
    ratio: Decimal  # the standard: devices per officer
    own_standard: bool  # set for this agency (else the default)

    @property
    def required(self) -> int:
        return clocks.required(self.officers, self.ratio)

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.devices)

    @property
    def below(self) -> bool:
        return self.shortfall > 0

    @property
    def actual(self) -> Decimal | None:
        """Devices per officer, two decimals (None without officers)."""
        return (Decimal(self.devices) / self.officers).quantize(Decimal("0.01")) if self.officers else None


def equipment_by_agency(agencies: list[Agency]) -> dict[int, AgencyEquipment]:
    """Ratios of every agency in `agencies`: three grouped queries whatever their number."""
    ids = [a.pk for a in agencies]
    officers = dict(
        Officer.objects.filter(agency_id__in=ids, kind=PersonKind.OFFICER, status=PersonStatus.ACTIVE)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    devices = {
        row["agency_id"]: row
        for row in Device.objects.filter(agency_id__in=ids, status=DeviceStatus.IN_USE)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"), held=Count("pk", filter=Q(holder__isnull=False)))
    }
    own = dict(EquipmentStandard.objects.filter(agency_id__in=ids).values_list("agency_id", "ratio"))
    default = clocks.default_ratio()
    return {
        a.pk: AgencyEquipment(
            agency=a,
            officers=officers.get(a.pk, 0),
            devices=devices.get(a.pk, {}).get("n", 0),
            held=devices.get(a.pk, {}).get("held", 0),
            ratio=own.get(a.pk, default),
            own_standard=a.pk in own,
        )
        for a in agencies
    }


def agencies_for_ratio(user, *, q: str = "") -> QuerySet[Agency]:
    """The agencies whose ratio the user may see: their own, or a justice bureau's region."""
    agencies = access.visible_to(user, Agency.objects.select_related("region"), VIEW).filter(active=True)
    if q:
        agencies = agencies.filter(name__icontains=q)
    return agencies.order_by("region__code", "name", "id")


def _counted(queryset: QuerySet) -> Coalesce:
    """The number of rows of `queryset` (already filtered on OuterRef("pk")), as a subquery (0 for none)."""
    counts = queryset.order_by().values("agency_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


RATIO = DecimalField(max_digits=4, decimal_places=2)


def below_standard(agencies: QuerySet[Agency]) -> list[AgencyEquipment]:
    """The agencies of `agencies` below their standard, in one query however many they are: each agency's
    在岗 行政执法人员, 在用 devices (and those out with an officer) and own standard are subqueries, and the
    rule (devices < ⌈officers × ratio⌉, i.e. devices < officers × ratio, rounded to the ratio's two decimals
    so that a float product on SQLite compares exactly) is the database's filter."""
    default = clocks.default_ratio()
    in_use = Device.objects.filter(agency_id=OuterRef("pk"), status=DeviceStatus.IN_USE)
    own = EquipmentStandard.objects.filter(agency_id=OuterRef("pk")).values("ratio")[:1]
    rows = (
        agencies.annotate(
            n_officers=_counted(
                Officer.objects.filter(
                    agency_id=OuterRef("pk"), kind=PersonKind.OFFICER, status=PersonStatus.ACTIVE
                )
            ),
            n_devices=_counted(in_use),
            n_held=_counted(in_use.filter(holder__isnull=False)),
            own_ratio=Subquery(own, output_field=RATIO),
        )
        .annotate(ratio=Coalesce(F("own_ratio"), Value(default, output_field=RATIO)))
        .annotate(needed=Round(ExpressionWrapper(F("n_officers") * F("ratio"), output_field=RATIO), 2))
        .filter(n_devices__lt=F("needed"))
    )
    return [
        AgencyEquipment(
            agency=a,
            officers=a.n_officers,
            devices=a.n_devices,
            held=a.n_held,
            ratio=default if a.own_ratio is None else a.own_ratio,  # as equipment_by_agency gives it
            own_standard=a.own_ratio is not None,
        )
        for a in rows
    ]


def agencies_below(user) -> list[AgencyEquipment]:
    """Agencies below their standard among those the user sees (the justice bureau: its region)."""
    return below_standard(agencies_for_ratio(user))


def get_agency(user, pk) -> Agency:
    try:
        return agencies_for_ratio(user).get(pk=pk)
    except (Agency.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该机关，或您无权查看") from exc


# ---- 证据的记录设备 --------------------------------------------------------------------------------------


def recorded_evidence(case: Case) -> list[Evidence]:
    """The case's photos, recordings and videos, each with its device when one was noted."""
    return list(
        Evidence.objects.filter(case=case, kind__in=RECORDED_KINDS)
        .select_related("recording_device__device")
        .order_by("created_at", "id")
    )


def get_evidence(user, pk, perm: str) -> Evidence:
    try:
        return access.get_visible_or_404(user, Evidence.objects.select_related("case__agency"), perm, pk=pk)
    except (ValueError, TypeError) as exc:
        raise Http404("未找到该证据，或您无权查看") from exc


def devices_for_evidence(evidence: Evidence) -> QuerySet[Device]:
    """The devices a recording of this case could have been made on: the agency's devices not scrapped."""
    return (
        Device.objects.filter(agency_id=evidence.case.agency_id)
        .exclude(status=DeviceStatus.SCRAPPED)
        .select_related("holder")
        .order_by("number", "id")
    )


def recording_of(evidence: Evidence) -> RecordingDevice | None:
    return RecordingDevice.objects.select_related("device").filter(evidence=evidence).first()
