"""工作台 items of the catalogue.

For those who delegate or evaluate delegations (catalog.manage_delegation: department heads, the county
justice bureau's supervisors): delegations whose yearly evaluation is overdue, and those due within 30
days. For those who keep the catalogue (catalog.manage_catalog): benchmark evaluations of the last year
that found a benchmark needs revising, while no catalogue version has been published since they were
recorded; and the benchmarks in force whose periodic evaluation is overdue or due within 30 days
(catalog.evaluations, every ZHIFA_BENCHMARK_EVALUATION_MONTHS). A fixed handful of queries per call, at most MAX_ITEMS items of each kind plus a count of the
rest.
"""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from zhifa.core import access
from zhifa.core.workbench import PendingItem

from . import evaluations, selectors
from .choices import VersionStatus
from .models import BenchmarkEvaluation, CatalogVersion, Delegation
from .services import MANAGE_CATALOG, MANAGE_DELEGATION

CATEGORY_DELEGATION = "赋权乡镇评估"
CATEGORY_BENCHMARK = "裁量基准"
CATEGORY_BENCHMARK_DUE = "裁量基准评估"
CATEGORY_LIST_REVIEW = "清单审核"
DUE_SOON_DAYS = 30
MAX_ITEMS = 20


def pending(user, *, today: date | None = None) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    today = today or timezone.localdate()
    items: list[PendingItem] = []
    try:
        if user.has_perm(MANAGE_DELEGATION):
            items += _delegation_items(user, today)
        if user.has_perm(MANAGE_CATALOG):
            items += _benchmark_items(user, today)
            items += _benchmark_due_items(user, today)
            items += _returned_items(user)
        items += _review_items(user)
    except NoReverseMatch:  # the catalogue's pages are not installed
        return []
    return items


def _url(name: str, *args, **query) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _delegation_items(user, today: date) -> list[PendingItem]:
    delegations = access.visible_to(
        user, Delegation.objects.select_related("from_agency", "to_agency"), MANAGE_DELEGATION
    )
    overdue, soon = selectors.delegations_due(delegations, on=today, within_days=DUE_SOON_DAYS)
    items = []
    for queryset, is_overdue, state in ((overdue, True, "overdue"), (soon, False, "soon")):
        rows = list(queryset.order_by("evaluation_due", "id")[: MAX_ITEMS + 1])
        for d in rows[:MAX_ITEMS]:
            when = (
                f"评估已逾期（应于{d.evaluation_due:%Y-%m-%d}前评估）"
                if is_overdue
                else f"应于{d.evaluation_due:%Y-%m-%d}前评估"
            )
            title = f"赋权事项“{d.item_name}”（{d.from_agency.name}→{d.to_agency.name}）{when}"
            items.append(
                PendingItem(
                    CATEGORY_DELEGATION,
                    title,
                    _url("catalog:delegation_detail", d.pk),
                    due=d.evaluation_due,
                    overdue=is_overdue,
                )
            )
        if len(rows) > MAX_ITEMS:
            rest = queryset.count() - MAX_ITEMS
            label = "评估已逾期" if is_overdue else f"{DUE_SOON_DAYS}日内应评估"
            items.append(
                PendingItem(
                    CATEGORY_DELEGATION,
                    f"另有{rest}项赋权事项{label}",
                    _url("catalog:delegation_list", due=state),
                    overdue=is_overdue,
                )
            )
    return items


def _review_items(user) -> list[PendingItem]:
    """The reviewer's side: lists waiting for their agency's approval (seed 003 二(一)2)."""
    return [
        PendingItem(
            CATEGORY_LIST_REVIEW,
            f"{r.version.agency.name}{r.get_list_name_display()}第{r.version.number}版待审核",
            _url("catalog:review_detail", r.pk),
            due=None,
        )
        for r in selectors.reviews_pending_for(user)[:MAX_ITEMS]
    ]


def _returned_items(user) -> list[PendingItem]:
    """The agency's side: versions returned by a reviewer, to be edited and resubmitted."""
    versions = access.visible_to(
        user, CatalogVersion.objects.select_related("agency"), MANAGE_CATALOG
    ).filter(status=VersionStatus.RETURNED)
    return [
        PendingItem(
            CATEGORY_LIST_REVIEW,
            f"{v.agency.name}清单第{v.number}版被审核机关退回，请修改后重新报送",
            _url("catalog:version_detail", v.pk),
            due=None,
        )
        for v in versions.order_by("-id")[:MAX_ITEMS]
    ]


def _benchmark_items(user, today: date) -> list[PendingItem]:
    published_since = CatalogVersion.objects.filter(
        agency=OuterRef("agency"), status=VersionStatus.PUBLISHED, published_at__gt=OuterRef("created_at")
    )
    evaluations = (
        access.visible_to(user, BenchmarkEvaluation.objects.select_related("agency"), MANAGE_CATALOG)
        .filter(needs_revision=True, on__gte=today - timedelta(days=365))
        .exclude(Exists(published_since))
        .order_by("-on", "-id")[:MAX_ITEMS]
    )
    return [
        PendingItem(
            CATEGORY_BENCHMARK,
            f"{e.agency.name}事项{e.item_code}的裁量基准经{e.on:%Y-%m-%d}评估需要修订",
            _url("catalog:benchmark_evaluations", agency=e.agency_id),
            due=None,
        )
        for e in evaluations
    ]


def _benchmark_due_items(user, today: date) -> list[PendingItem]:
    """The benchmarks in force of the agencies whose catalogue the user keeps, due for their periodic
    evaluation within DUE_SOON_DAYS or overdue (one query)."""
    from zhifa.core.models import Agency

    agencies = access.visible_to(user, Agency.objects.all(), MANAGE_CATALOG)
    rows = evaluations.schedule(agencies, on=today, due_within_days=DUE_SOON_DAYS, limit=MAX_ITEMS)
    return [
        PendingItem(
            CATEGORY_BENCHMARK_DUE,
            f"{row.agency_name}事项{row.item_code}“{row.item_name}”的裁量基准"
            + (
                f"评估已逾期（应于{row.due:%Y-%m-%d}前评估）"
                if row.overdue
                else f"应于{row.due:%Y-%m-%d}前评估"
            ),
            _url("catalog:benchmark_evaluations", agency=row.agency_id),
            due=row.due,
            overdue=row.overdue,
        )
        for row in rows
    ]
