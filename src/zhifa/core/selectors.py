"""Reads on the shared kernel, already scoped by core.access."""

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404

from . import access, kit
from .choices import JUSTICE_KINDS, DayKind
from .models import Agency, HolidayOverride, Record, Region


def agencies_visible_to(user, *, q: str = "", kind: str = "", region_code: str = "") -> QuerySet[Agency]:
    agencies = access.visible_to(user, Agency.objects.select_related("region", "parent"))
    if q := q.strip():
        agencies = agencies.filter(
            Q(name__icontains=q) | Q(short_name__icontains=q) | Q(credit_code__iexact=q)
        )
    if kind:
        agencies = agencies.filter(kind=kind)
    if region_code:
        agencies = agencies.filter(region__code=region_code)
    return agencies.order_by("region__code", "name")


def active_agencies(user, perm: str) -> QuerySet[Agency]:
    """The active agencies `user` may do `perm` for: what an agency picker offers."""
    return access.visible_to(user, Agency.objects.filter(active=True), perm).order_by("region__code", "name")


def chosen_agency(user, pk, *, field: str = "agency_id", perm: str | None = None) -> Agency:
    """The agency an API caller names to act for (the picker's choice, given as an id): 404 when `user`
    cannot see it (with `perm`, else the view permission), refused on `field` when it is no longer
    active — what the picker would not have offered. Whether the user may act for it stays the
    service's to say (403)."""
    agency = access.get_visible_or_404(user, Agency.objects.select_related("region"), perm, pk=pk)
    if not agency.active:
        kit.refuse(field, f"“{agency.name}”已停用，不能选择")
    return agency


def records_visible_to(user, *, agency_id: int | None = None, subject_type: str = "", action: str = ""):
    records = access.visible_to(user, Record.objects.select_related("agency"))
    if agency_id:
        records = records.filter(agency_id=agency_id)
    if subject_type:
        records = records.filter(subject_type=subject_type)
    if action:
        records = records.filter(action__icontains=action)
    return records.order_by("-at", "-id")


def record_visible(user, record: Record) -> bool:
    """One record of the log is seen by whoever sees its subject (a case's record by those who see the
    case: its agency, the region's supervisors …) and by the auditors of its agency."""
    if access.is_system(user) or access.can(user, "core.view_record", record):
        return True
    return subject_visible(user, record)


def subject_visible(user, record: Record) -> bool:
    """Whether `user` sees the record's subject itself: an auditor who does not (the 审计管理员) sees the
    record's who/what/when and nothing of the subject's content — no card of the subject's app on the
    record's page (等保 三员分立; issue finding: the audit admin read case content there)."""
    if access.is_system(user):
        return True
    try:
        model = apps.get_model(record.subject_type)
    except (LookupError, ValueError):
        return False
    if getattr(model, "jurisdiction_field", None) is None:
        return False
    subject = model._default_manager.filter(pk=record.subject_id)
    return access.visible_to(user, subject, access.default_permission(model)).exists()


def get_record(user, pk) -> Record:
    """The record `pk` as `user` may see it (record_visible), else 404."""
    record = Record.objects.select_related("agency__region", "actor").filter(pk=pk).first()
    if record is None or not record_visible(user, record):
        raise Http404("未找到该执法记录，或您无权查看")
    return record


def holiday_override_years() -> list[dict]:
    """Per year with entered days: {year, holidays, workdays}, newest first (one grouped query)."""
    rows = (
        HolidayOverride.objects.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(
            holidays=Count("pk", filter=Q(kind=DayKind.HOLIDAY)),
            workdays=Count("pk", filter=Q(kind=DayKind.WORKDAY)),
        )
        .order_by("-year")
    )
    return list(rows)


# ---- remote-search pickers (core.pickers) ------------------------------------------------------------

PERM_RE = r"^[a-z_]+\.[a-z_]+$"


def picker_perm(perm: str, default: str) -> str:
    """The permission a picker searches under: `perm` when it looks like one, else `default` (a picker
    never widens the scope: an unknown or ungranted permission finds nothing)."""
    import re

    return perm if perm and re.match(PERM_RE, perm) else default


def agency_choices(
    user, *, q: str = "", perm: str = "", region_code: str = "", not_justice: bool = False, limit: int = 20
) -> list[dict]:
    """At most `limit` active agencies `user` may do `perm` for (default: see), matching `q` by name,
    short name or credit code: what an agency picker shows as the user types. One query.

    With `region_code`: the active agencies of that region's subtree whatever the user's scope — the
    receivers of a hand-off to another agency (投诉转办, 案件移送, 抄告), whose names are public anyway
    (the portal lists them); for signed-in staff only. `not_justice` leaves out the justice bureaus."""
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        if region is None or not getattr(user, "is_authenticated", False) or user.agency_id is None:
            return []
        agencies: QuerySet[Agency] = Agency.objects.filter(active=True, region__path__startswith=region.path)
        agencies = agencies.order_by("region__code", "name")
    else:
        agencies = active_agencies(user, picker_perm(perm, access.default_permission(Agency)))
    if not_justice:
        agencies = agencies.exclude(kind__in=JUSTICE_KINDS)
    if q := q.strip():
        agencies = agencies.filter(
            Q(name__icontains=q) | Q(short_name__icontains=q) | Q(credit_code__iexact=q)
        )
    return [{"id": pk, "label": name} for pk, name in agencies.values_list("pk", "name")[:limit]]


def agency_label(agency: Agency) -> str:
    return agency.name
