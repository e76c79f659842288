"""Reads of the 线索中心, through core.access.

Who sees what (decided, issue 14): a 执法监督人员 sees the hits concerning the agencies of their region's
subtree and handles them; an enforcement agency's heads (机关负责人, 承办机构负责人, 法制审核人员) see,
read-only, the hits concerning their own agency — so the agency can correct itself — and nobody else's.
Runs carry no agency: whoever may see hits sees the runs that covered their region (the nightly run over
every region, a run of their region or of a region above or below it), each with the counts of the
agencies the viewer sees (`Run.counts`). Parameters: every viewer sees the values of their region and
where each comes from; the region's supervisors set them (services.params_set)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from zhifa.core import access
from zhifa.core.models import Agency, Record, Region

from . import framework
from .choices import HitStatus
from .models import Hit, ParamSetting, Run
from .transitions import SET_PARAMS, VIEW

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
    """Each model with its hits the user sees per status (one grouped query) and its latest run the user
    sees (with the user's counts)."""
    counts: dict[tuple[str, str], int] = {
        (row["model"], row["status"]): row["n"]
        for row in access.visible_to(user, Hit.objects.all(), VIEW)
        .values("model", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    last_ids = (
        runs_visible_to(user)
        .values("model")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
        .order_by()
    )
    latest = {run.model: run for run in with_counts(user, Run.objects.filter(pk__in=list(last_ids)))}
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


def viewer_region(user) -> Region | None:
    agency = getattr(user, "agency", None)
    return agency.region if agency is not None else None


def runs_visible_to(user, model: str = "") -> QuerySet[Run]:
    """The runs that covered the user's region: every region's (nightly), their region's, a region above
    theirs, or one inside it. (A superuser sees every run.)"""
    qs = Run.objects.select_related("started_by", "region")
    qs = qs.filter(model=model) if model else qs
    if not can_view_runs(user):
        return qs.none()
    if user.is_superuser:
        return qs
    region = viewer_region(user)
    if region is None:
        return qs.none()
    return qs.filter(
        Q(region__isnull=True)
        | Q(region__path__in=region.paths_up())
        | Q(region__path__startswith=region.path)
    )


def _seen_agencies(user) -> set[int] | None:
    """The agencies whose hits the user sees (None: all, for a superuser)."""
    if user.is_superuser:
        return None
    return set(access.visible_to(user, Agency.objects.all(), VIEW).values_list("pk", flat=True))


def with_counts(user, runs) -> list[Run]:
    """The runs with `seen_found` / `seen_added`: what each found among the agencies the user sees."""
    seen = _seen_agencies(user)
    rows = list(runs)
    for run in rows:
        if seen is None:
            run.seen_found, run.seen_added = run.found, run.added
            continue
        mine = [pair for agency, pair in (run.counts or {}).items() if int(agency) in seen]
        run.seen_found = sum(found for found, _ in mine)
        run.seen_added = sum(added for _, added in mine)
    return rows


def can_view_runs(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(VIEW)


# ---- parameters per region -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParamRow:
    param: framework.Param
    value: Any  # in force in the region
    source: str  # where it comes from, in Chinese
    own: Any  # the region's own value (None: not set here)
    inherited: str  # what the region takes without its own value, in Chinese

    @property
    def range_text(self) -> str:
        p = self.param
        kind = "可保留两位小数" if p.decimal else "整数"
        upper = f"至{p.upper}" if p.upper is not None else "以上"
        return f"{p.minimum}{upper}{p.unit}，{kind}"


def param_rows(region: Region | None, model: framework.Model) -> list[ParamRow]:
    """Each parameter of `model` as it applies in `region`: its value and where it comes from (本区划设定 →
    上级区划的设定 → 全局配置 → 默认值)."""
    params = framework.Params(model)
    own = (
        {
            s.name: s.value
            for s in ParamSetting.objects.filter(region=region, model=model.code, value__isnull=False)
        }
        if region is not None
        else {}
    )
    names = dict(Region.objects.filter(code__in=params.by_region).values_list("code", "name"))

    def source(name: str, path: str | None, fallback: str) -> tuple[Any, str]:
        value, code = (params.defaults[name], None) if path is None else params.source_at(name, path)
        if code is None:
            return value, fallback
        if region is not None and code == region.code:
            return value, "本区划设定"
        return value, f"上级区划（{names.get(code, code)}）的设定"

    parent = region.parent if region is not None and region.parent_id else None
    rows = []
    for p in model.params:
        fallback = "全局配置" if p.name in params.configured else "默认值"
        value, where = source(p.name, region.path if region else None, fallback)
        above, where_above = source(p.name, parent.path if parent else None, fallback)
        rows.append(ParamRow(p, value, where, own.get(p.name), f"{where_above}{above}{p.unit}"))
    return rows


def param_history(region: Region | None, model: str = "", limit: int = 50) -> list[dict]:
    """The changes of the region's parameters, newest first, each with its old and new value."""
    if region is None:
        return []
    settings_ = ParamSetting.objects.filter(region=region)
    if model:
        settings_ = settings_.filter(model=model)
    ids = [str(pk) for pk in settings_.values_list("pk", flat=True)]
    rows = Record.objects.filter(
        subject_type=ParamSetting._meta.label_lower, subject_id__in=ids, action="detection.param.set"
    ).order_by("-at", "-id")[:limit]
    labels = {(m.code, p.name): (m.name, p) for m in framework.registered() for p in m.params}
    history = []
    for record in rows:
        data = json.loads(record.payload)
        model_name, param = labels.get((data["model"], data["param"]), (data["model"], None))
        history.append(
            {
                "at": record.at,
                "actor": record.actor_name,
                "model": model_name,
                "param": param.label if param else data["param"],
                "unit": param.unit if param else "",
                "old": data["old"],
                "new": data["new"],
            }
        )
    return history


def can_set_params(user) -> bool:
    from zhifa.core.choices import AgencyKind

    agency = getattr(user, "agency", None)
    return (
        bool(getattr(user, "is_authenticated", False))
        and agency is not None
        and agency.kind == AgencyKind.JUSTICE
        and user.has_perm(SET_PARAMS)
    )


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
