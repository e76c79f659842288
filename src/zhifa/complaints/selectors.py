"""Reads of 投诉举报, scoped by core.access: an agency sees what is routed to it, a justice bureau's
supervisor the complaints of every agency in their region's subtree; any other is a 404. The statistics
are one grouped query per dimension; `unfiled` is the 有案不立 signal other modules read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from zhifa.catalog.choices import ItemCategory
from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from . import clocks
from .choices import IN_HAND, UNACCEPTED, Rating, Status
from .models import Complaint
from .transitions import VIEW

# The list's sortable columns on the core list kit; the default (no or an unknown `sort`) is newest received
# first. Each column is backed by an index (complaints 0004 for received, 0005 for the others).
COMPLAINT_SORTS = Sorts(
    SortColumn("number", "编号", ("number",)),
    SortColumn("received", "收到日期", ("received_on",)),
    SortColumn("due", "答复期限", ("reply_due",)),
    SortColumn("updated", "最近更新", ("updated_at",)),
    default=("-received_on", "-id"),
)


@dataclass(frozen=True)
class Filters:
    q: str = ""
    status: str = ""
    channel: str = ""
    kind: str = ""
    agency: int | None = None
    overdue: bool = False
    sort: str = ""


def overdue_q(on: date | None = None) -> Q:
    """Open past the clock now running (acceptance, then reply)."""
    today = on or clocks.today()
    return Q(status__in=UNACCEPTED, ack_due__lt=today) | Q(status__in=IN_HAND, reply_due__lt=today)


def complaints_visible_to(user, filters: Filters = Filters()) -> QuerySet[Complaint]:
    rows = access.visible_to(user, Complaint.objects.all(), VIEW).select_related("agency", "region")
    if filters.q:
        rows = rows.filter(
            Q(number__icontains=filters.q)
            | Q(title__icontains=filters.q)
            | Q(subject_name__icontains=filters.q)
            | Q(hotline_number__icontains=filters.q)
        )
    for name in ("status", "channel", "kind"):
        if value := getattr(filters, name):
            rows = rows.filter(**{name: value})
    if filters.agency:
        rows = rows.filter(agency_id=filters.agency)
    if filters.overdue:
        rows = rows.filter(overdue_q())
    return COMPLAINT_SORTS.parse(filters.sort).apply(rows)


def get_complaint(user, pk) -> Complaint:
    try:
        return (
            complaints_visible_to(user)
            .select_related("item", "merged_into", "case", "supervision_item", "oversight", "replied_by")
            .get(pk=pk)
        )
    except (Complaint.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该投诉举报，或您无权查看") from exc


def is_overdue(complaint: Complaint, on: date | None = None) -> bool:
    today = on or clocks.today()
    if complaint.status in UNACCEPTED:
        return complaint.ack_due < today
    return complaint.status in IN_HAND and complaint.reply_due < today


# ---- duplicates ------------------------------------------------------------------------------------


def duplicates_of(complaint: Complaint, user=None) -> QuerySet[Complaint]:
    """Suggested for merging: open complaints received within the window before or after it, about the
    same subject or from the same contact, and about the same matter (the item, else the same summary)."""
    since = clocks.duplicate_since(complaint.received_on)
    until = complaint.received_on + (complaint.received_on - since)
    same_party = Q(subject_name=complaint.subject_name)
    if complaint.phone:
        same_party |= Q(phone=complaint.phone)
    same_matter = Q(title=complaint.title)
    if complaint.item_code:
        same_matter |= Q(item_code=complaint.item_code)
    rows = Complaint.objects.all() if user is None else access.visible_to(user, Complaint.objects.all(), VIEW)
    return (
        rows.filter(same_party, same_matter, received_on__gte=since, received_on__lte=until)
        .exclude(pk=complaint.pk)
        .exclude(status=Status.CLOSED)
        .select_related("agency")
        .order_by("received_on", "id")
    )


# ---- 有案不立 ---------------------------------------------------------------------------------------


def unfiled(on: date | None = None, queryset: QuerySet[Complaint] | None = None) -> QuerySet[Complaint]:
    """有案不立 (行政执法监督条例): complaints about a matter a case could be opened for — a catalogue item
    of the kind 行政处罚 (a licence, a check or a coercive measure opens no case) — accepted more than the
    period (clocks.case_workdays) ago that led to no case, opened from it or linked back to it
    (services.complaint_link_case); merged duplicates excluded."""
    rows = Complaint.objects.all() if queryset is None else queryset
    return rows.filter(
        case__isnull=True,
        case_due__isnull=False,
        case_due__lt=on or clocks.today(),
        merged_into__isnull=True,
        item__category=ItemCategory.PENALTY,
    ).select_related("agency", "item")


LINKABLE_SHOWN = 10


def linkable_cases(complaint: Complaint, q: str) -> list:
    """关联已立案件's search: the handling agency's registered cases whose number, party or 案由 contains
    `q` (at most LINKABLE_SHOWN, newest first) — a search, never a list of every case."""
    from zhifa.cases.models import Case

    q = (q or "").strip()[:64]
    if not q:
        return []
    return list(
        Case.objects.filter(agency_id=complaint.agency_id)
        .exclude(number="")
        .filter(Q(number__icontains=q) | Q(party_name__icontains=q) | Q(summary__icontains=q))
        .order_by("-registered_on", "-id")[:LINKABLE_SHOWN]
    )


# ---- statistics ------------------------------------------------------------------------------------

DIMENSIONS = {
    "agency": ("agency__name", "承办机关"),
    "item": ("item_code", "执法事项"),
    "channel": ("channel", "来源渠道"),
}


@dataclass(frozen=True)
class StatRow:
    key: str
    label: str
    total: int
    replied: int
    on_time: int
    rated: int
    satisfied: int
    fairly: int
    unsatisfied: int

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.replied, 1) if self.replied else None

    @property
    def satisfaction(self) -> float | None:
        """(满意 + 基本满意) ÷ 已评价."""
        return round(100 * (self.satisfied + self.fairly) / self.rated, 1) if self.rated else None


def _period(rows: QuerySet[Complaint], since: date | None, until: date | None) -> QuerySet[Complaint]:
    if since:
        rows = rows.filter(received_on__gte=since)
    if until:
        rows = rows.filter(received_on__lte=until)
    return rows.filter(merged_into__isnull=True)


def statistics(
    user,
    dimension: str,
    since: date | None = None,
    until: date | None = None,
    *,
    scope: QuerySet[Complaint] | None = None,
) -> list[StatRow]:
    """Counts per agency, item or channel, in one grouped query over what the user sees (or over `scope`:
    a bureau's region for the scheduled 通报, which has no user)."""
    from .choices import Channel

    key, _ = DIMENSIONS.get(dimension, DIMENSIONS["agency"])
    seen = access.visible_to(user, Complaint.objects.all(), VIEW) if scope is None else scope
    rows = _period(seen, since, until)
    grouped = (
        rows.values(key)
        .annotate(
            total=Count("id"),
            replied=Count("id", filter=Q(replied_on__isnull=False)),
            on_time=Count("id", filter=Q(replied_on__isnull=False, replied_on__lte=F("reply_due"))),
            rated=Count("id", filter=~Q(rating="")),
            satisfied=Count("id", filter=Q(rating=Rating.SATISFIED)),
            fairly=Count("id", filter=Q(rating=Rating.FAIRLY)),
            unsatisfied=Count("id", filter=Q(rating=Rating.UNSATISFIED)),
        )
        .order_by("-total", key)
    )
    labels = dict(Channel.choices)
    out = []
    for g in grouped:
        raw = g[key] or ""
        label = labels.get(raw, raw) if dimension == "channel" else (raw or "未关联事项")
        out.append(
            StatRow(
                raw,
                label,
                **{
                    k: g[k]
                    for k in ("total", "replied", "on_time", "rated", "satisfied", "fairly", "unsatisfied")
                },
            )
        )
    return out


def totals(rows: list[StatRow]) -> StatRow:
    fields = ("total", "replied", "on_time", "rated", "satisfied", "fairly", "unsatisfied")
    return StatRow("", "合计", **{f: sum(getattr(r, f) for r in rows) for f in fields})


# ---- 定期通报 ---------------------------------------------------------------------------------------

BULLETIN_SORTS = {
    "-until": ("-until", "period", "bureau_id", "id"),
    "until": ("until", "period", "bureau_id", "id"),
}


def bulletins_visible_to(user, period: str = "", year: int | None = None, sort: str = "-until"):
    """The scheduled 通报 of the justice bureaus the user sees (its own; a supervisor's region's subtree)."""
    from .models import BulletinPeriod, ComplaintBulletin

    rows = access.visible_to(user, ComplaintBulletin.objects.all(), VIEW).select_related("bureau")
    if period in BulletinPeriod.values:
        rows = rows.filter(period=period)
    if year:
        rows = rows.filter(since__year=year)
    return rows.order_by(*BULLETIN_SORTS.get(sort, BULLETIN_SORTS["-until"]))
