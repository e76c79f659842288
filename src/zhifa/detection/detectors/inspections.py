"""Two models over 涉企检查 (inspections):

- 重复检查 (`repeat_inspection`): an inspection of an enterprise that another department already inspected
  within `window_days` before it (the parts of one joint 综合查一次 task are one visit, not a repeat).
  One query, an EXISTS per inspection on the (subject_code, started_on) index.
- 检查频次过高 (`over_cap`): an enterprise inspected more often in a year than its yearly cap (the
  subject's own `yearly_cap`, else the parameter, whose default is the platform's
  ZHIFA_ENTERPRISE_YEARLY_CAP). One grouped query.

v1 each."""

from decimal import Decimal

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Substr

from zhifa.inspections.clocks import enterprise_yearly_cap
from zhifa.inspections.models import Inspection

from ..framework import Context, Found, Model, Param
from . import _links
from ._expr import DaysBefore, iso


def _earlier(days: int) -> Exists:
    return Exists(
        Inspection.objects.filter(
            subject_code=OuterRef("subject_code"),
            started_on__gte=DaysBefore(OuterRef("started_on"), days),
            started_on__lte=OuterRef("started_on"),
        )
        .exclude(agency=OuterRef("agency"))
        .exclude(pk=OuterRef("pk"))
        .exclude(task__isnull=False, task=OuterRef("task"))
        .filter(Q(started_on__lt=OuterRef("started_on")) | Q(pk__lt=OuterRef("pk")))
    )


def find_repeats(ctx: Context):
    rows = (
        ctx.scoped(Inspection.objects, "agency__region__path")
        .filter(ctx.where("window_days", "agency__region__path", lambda days: Q(_earlier(days))))
        .annotate(on=iso("started_on"))
        .values_list("pk", "agency_id", "agency__name", "subject_id", "subject__name", "on")
        .order_by()
    )
    days = ctx.value("window_days")
    for pk, agency_id, agency, subject_id, subject, on in rows:
        yield Found(
            key=f"inspection:{pk}",
            agency_id=agency_id,
            subject=f"{agency}对{subject}的检查",
            reason=f"{agency}于{on}检查{subject}，此前{days}日内已有其他部门检查过该企业",
            evidence=[_links.inspection(pk, on), _links.subject(subject_id, subject)],
            measure=Decimal(1),
        )


def find_over_cap(ctx: Context):
    rows = (
        ctx.scoped(Inspection.objects, "subject__agency__region__path")
        .annotate(year=Substr(iso("started_on"), 1, 4))
        .values("subject_id", "year")
        .annotate(
            n=Count("pk"),
            name=Max("subject__name"),
            owner=Max("subject__agency_id"),
            path=Max("subject__agency__region__path"),
            own_cap=Max("subject__yearly_cap"),
            departments=Count("agency_id", distinct=True),
        )
        .filter(ctx.where("yearly_cap", "path", lambda cap: Q(n__gt=Coalesce(F("own_cap"), Value(int(cap))))))
        .values_list("subject_id", "year", "n", "name", "owner", "own_cap", "departments")
        .order_by()
    )
    default = ctx.value("yearly_cap")
    for subject_id, year, n, name, owner, own_cap, departments in rows:
        cap = own_cap or default
        yield Found(
            key=f"subject:{subject_id}:year:{year}",
            agency_id=owner,
            subject=f"{name}（{year}年）",
            reason=f"{name}在{year}年被{departments}个部门检查{n}次，超过每年{cap}次的上限",
            evidence=[_links.subject(subject_id, name)],
            measure=Decimal(n - cap),
        )


MODELS = [
    Model(
        code="repeat_inspection",
        name="重复检查",
        version="1",
        summary="同一企业在统计天数内被不同部门分别检查（同一联合检查任务的各部门除外）。",
        find=find_repeats,
        params=(Param("window_days", "统计天数", 30, "日"),),
        category="inspections",
    ),
    Model(
        code="over_cap",
        name="检查频次过高",
        version="1",
        summary="企业一年内被检查的次数超过其年度检查上限（未单独设定的按参数）。",
        find=find_over_cap,
        params=(Param("yearly_cap", "年度检查上限", enterprise_yearly_cap, "次"),),
        category="inspections",
    ),
]
