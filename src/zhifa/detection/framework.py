"""The detection framework: what a model is, its parameters per region, and what it returns.

A model (`Model`) is a documented, versioned function `find(ctx) -> Iterable[Found]` over the platform's
own data. It computes in the database — one grouped or windowed query (an overdue-duties model: one per
kind of duty) — and returns only its hits, each with the reason in Chinese with the numbers and links to the
evidence. Raise `version` whenever what counts as a hit changes: a hit keeps the version that found it
first, a run records the version it ran.

Parameters (`Param`) have documented defaults and a range; settings override them everywhere
(`ZHIFA_DETECTION_PARAMS = {model: {param: value}}`) or per region (`ZHIFA_DETECTION_PARAMS_BY_REGION =
{区划代码: {model: {param: value}}}`), and a region's justice bureau sets its own values on the 参数设置
page (`ParamSetting`, which wins over the settings for that region): the nearest configured region up the
tree wins, as in supervision.regional. A model reads them through `ctx.where(param, path_field, build)`,
which builds one filter with a branch per configured region (deepest first), so the query stays one query.

Scope: a run may cover one region's subtree (`Context.region`, a county supervisor's 运行). A model starts
each query from `ctx.scoped(queryset, path_field)`, the one place that narrows the data to that subtree
(the whole data when the run covers every region, as the nightly run does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model as DbModel
from django.db.models import Q, QuerySet

from zhifa.core import formatting
from zhifa.core.models import Region

M = TypeVar("M", bound=DbModel)


UNIT_MAXIMUM = {"%": 100, "日": 3650}


@dataclass(frozen=True)
class Param:
    name: str
    label: str
    default: Any  # a value, or a callable giving it (a default another app's setting holds)
    unit: str = ""
    minimum: Decimal | int = 0  # the range a region's value must lie in (inclusive)
    maximum: Decimal | int | None = None  # None: by unit — 100 %, 3650 日 (ten years), else no bound
    decimal: bool = False  # a decimal number with at most two places (else a whole number)

    @property
    def upper(self) -> Decimal | int | None:
        return self.maximum if self.maximum is not None else UNIT_MAXIMUM.get(self.unit)


@dataclass(frozen=True)
class Found:
    """One hit as a model returns it: `key` identifies the subject within the model (the same subject
    found again is the same hit)."""

    key: str
    agency_id: int
    subject: str
    reason: str
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    measure: Decimal = Decimal(0)
    case_id: int | None = None


@dataclass(frozen=True)
class Model:
    code: str
    name: str
    version: str
    summary: str  # what counts as a hit, in Chinese (shown on the 线索中心 and the settings page)
    find: Callable[[Context], Iterable[Found]]
    params: tuple[Param, ...] = ()
    category: str = "other"  # supervision.actions ProblemCategory of the 监督事项 a hit becomes

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)


_registry: dict[str, Model] = {}

# Models a later app is expected to register: the slot's code and name are reserved here so the 线索中心
# names it (待接入) before it exists. 有案不立 (`not_filing`) was one; detectors/unfiled.py fills it.
SLOTS: dict[str, str] = {}


def open_slots() -> dict[str, str]:
    return {code: name for code, name in SLOTS.items() if code not in _registry}


def register(model: Model) -> None:
    _registry[model.code] = model


def registered() -> list[Model]:
    return list(_registry.values())


def get(code: str) -> Model | None:
    return _registry.get(code)


class Params:
    """The parameters of one model: defaults, the settings' overrides, and the per-region ones (the
    settings', then the values regions set on the 参数设置 page, which win)."""

    def __init__(self, model: Model):
        from .models import ParamSetting

        self.model = model
        everywhere = (getattr(settings, "ZHIFA_DETECTION_PARAMS", {}) or {}).get(model.code, {})
        self.builtin = {p.name: p.default() if callable(p.default) else p.default for p in model.params}
        self.configured = {p.name for p in model.params if p.name in everywhere}
        self.defaults = {p.name: everywhere.get(p.name, self.builtin[p.name]) for p in model.params}
        by_region = getattr(settings, "ZHIFA_DETECTION_PARAMS_BY_REGION", {}) or {}
        self.by_region: dict[str, dict[str, Any]] = {
            code: dict(values[model.code]) for code, values in by_region.items() if model.code in values
        }
        names = {p.name for p in model.params}
        for code, name, value in ParamSetting.objects.filter(
            model=model.code, value__isnull=False
        ).values_list("region__code", "name", "value"):
            if name in names:
                self.by_region.setdefault(code, {})[name] = value
        paths = dict(Region.objects.filter(code__in=self.by_region).values_list("code", "path"))
        self.codes = {path: code for code, path in paths.items()}
        # deepest first, so a county's own value is tried before its city's
        self._paths = sorted(
            ((paths[code], values) for code, values in self.by_region.items() if code in paths),
            key=lambda pv: -len(pv[0]),
        )

    def source_at(self, name: str, path: str) -> tuple[Any, str | None]:
        """The value for the region at `path` and the 区划代码 it comes from (None: the default)."""
        for configured, values in self._paths:
            if path.startswith(configured) and name in values:
                return values[name], self.codes[configured]
        return self.defaults[name], None

    def value(self, name: str, region: Region | None = None) -> Any:
        """The value for `region` (the nearest configured region up the tree), else the default."""
        return self.defaults[name] if region is None else self.value_at(name, region.path)

    def value_at(self, name: str, path: str) -> Any:
        """The value for the region whose path is `path` (a grouped row's region path)."""
        return self.source_at(name, path)[0]

    def where(self, name: str, path_field: str, build: Callable[[Any], Q]) -> Q:
        """`build(value)` for each region's value of `name`, each branch limited to the rows whose
        `path_field` (a region path) lies in that region and in no deeper configured one."""
        branches: list[Q] = []
        taken: Q | None = None
        for path, values in self._paths:
            if name not in values:
                continue
            inside = Q(**{f"{path_field}__startswith": path})
            branches.append(
                inside & build(values[name]) if taken is None else inside & ~taken & build(values[name])
            )
            taken = inside if taken is None else taken | inside
        default = build(self.defaults[name])
        if taken is None:
            return default
        q = ~taken & default
        for branch in branches:
            q |= branch
        return q

    def as_record(self) -> dict:
        return {"defaults": self.defaults, "regions": self.by_region}


@dataclass
class Context:
    model: Model
    today: date
    params: Params
    region: Region | None = None  # the subtree the run covers; None: every region

    def scoped(self, queryset: QuerySet[M], path_field: str) -> QuerySet[M]:
        """`queryset` narrowed to the run's region subtree by `path_field` (a region path): the one
        place a model's data is scoped, so a county's run reads and finds only that county's data."""
        if self.region is None:
            return queryset.all()
        return queryset.filter(**{f"{path_field}__startswith": self.region.path})

    def where(self, name: str, path_field: str, build: Callable[[Any], Q]) -> Q:
        return self.params.where(name, path_field, build)

    def value(self, name: str) -> Any:
        return self.params.defaults[name]


def money(amount: Decimal | float | int | None) -> str:
    return formatting.money(Decimal(amount or 0))


def chunks(rows: Iterable[Found], size: int = 2000) -> Iterator[list[Found]]:
    batch: list[Found] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def level_label(level: str) -> str:
    """裁量情节 as shown: the label of a CircumstanceLevel value, else the text as stored."""
    return _level_labels().get(level) or level or "未记载"


@cache
def _level_labels() -> dict[str, str]:
    from zhifa.catalog.choices import CircumstanceLevel

    return {value: str(label) for value, label in CircumstanceLevel.choices}
