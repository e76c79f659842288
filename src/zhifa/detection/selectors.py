"""Reads of the 线索中心, through core.access.

Who sees what (decided, issue 14): a 执法监督人员 sees the hits concerning the agencies of their region's
subtree and handles them; an enforcement agency's heads (机关负责人, 承办机构负责人, 法制审核人员) see,
read-only, the hits concerning their own agency — so the agency can correct itself — and nobody else's.
Runs carry no agency: whoever may see hits sees the run history (counts over every region)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet

from zhifa.core import access

from . import framework
from .choices import HitStatus
from .models import Hit, Run
from .transitions import VIEW

HIT_SORTS = {
    "-found": ("-found_at", "-id"),
    "found": ("found_at", "id"),
    "-measure": ("-measure", "-id"),
    "agency": ("agency__name", "-id"),
}
HIT_SORT_LABELS = {
    "-found": "最新发现在前",
    "found": "最早发现在前",
    "-measure": "偏离程度从大到小",
    "agency": "按机关",
}


@dataclass(frozen=True)
class HitFilters:
    q: str = ""
    model: str = ""
    status: str = ""
    agency: int | None = None
    sort: str = "-found"


def hits_visible_to(user, filters: HitFilters | None = None) -> QuerySet[Hit]:
    f = filters or HitFilters()
    qs = access.visible_to(user, Hit.objects.select_related("agency"), VIEW)
    if f.q:
        qs = qs.filter(Q(subject__icontains=f.q) | Q(reason__icontains=f.q) | Q(agency__name__icontains=f.q))
    if f.model:
        qs = qs.filter(model=f.model)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.agency:
        qs = qs.filter(agency_id=f.agency)
    return qs.order_by(*HIT_SORTS.get(f.sort, HIT_SORTS["-found"]))


def get_hit(user, pk: int) -> Hit:
    return access.get_visible_or_404(
        user,
        Hit.objects.select_related(
            "agency", "case", "supervision_item", "oversight", "handled_by", "first_run", "last_run"
        ),
        VIEW,
        pk=pk,
    )


@dataclass(frozen=True)
class ModelStats:
    model: framework.Model
    open: int
    confirmed: int
    dismissed: int
    last_run: Run | None

    @property
    def handled(self) -> int:
        return self.confirmed + self.dismissed

    @property
    def precision(self) -> Decimal | None:
        """确认 ÷ 已处理 (None until one is handled), in percent with one decimal."""
        if not self.handled:
            return None
        return (Decimal(self.confirmed) * 100 / self.handled).quantize(Decimal("0.1"))

    @property
    def precision_text(self) -> str:
        p = self.precision
        return "—（尚无已处理线索）" if p is None else f"{p}%（{self.confirmed}/{self.handled}）"


def model_stats(user) -> list[ModelStats]:
    """Each model with its hits the user sees per status (one grouped query) and its latest run."""
    counts: dict[tuple[str, str], int] = {
        (row["model"], row["status"]): row["n"]
        for row in access.visible_to(user, Hit.objects.all(), VIEW)
        .values("model", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    last_ids = Run.objects.values("model").annotate(last=Max("pk")).values_list("last", flat=True).order_by()
    latest = {run.model: run for run in Run.objects.filter(pk__in=list(last_ids))}
    return [
        ModelStats(
            m,
            counts.get((m.code, HitStatus.OPEN), 0),
            counts.get((m.code, HitStatus.CONFIRMED), 0),
            counts.get((m.code, HitStatus.DISMISSED), 0),
            latest.get(m.code),
        )
        for m in framework.registered()
    ]


def runs(model: str = "") -> QuerySet[Run]:
    qs = Run.objects.select_related("started_by")
    return qs.filter(model=model) if model else qs


def can_view_runs(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(VIEW)


def visible_evidence(user, hit: Hit) -> list[tuple[str, str]]:
    """The hit's evidence links the user may open (a link to a page they cannot see is not shown)."""
    from django.apps import apps

    shown = []
    for label, url, model_label, pk in hit.evidence:
        if model_label:
            model = apps.get_model(model_label)
            if not access.visible_to(user, model._default_manager.filter(pk=pk)).exists():
                continue
        shown.append((label, url))
    return shown
