"""逾期履职: a duty of an agency whose stored due date has passed while it is still open.

The duties are the stored deadlines `core.deadlines` knows (each app registers its due dates there: 法制审核
期限, 公示期限 …) except the parties' own periods (陈述申辩期限, 听证申请期限: the party's to use, not a
duty) and the rows that only mirror another (`notify=False`), plus two this app reads itself:
送达 of a decision (7 working days after the decision, 行政处罚法 第六十一条; a case still 已决定) and
整改 of a 监督事项 (its 整改期限 `due_on` while it awaits the agency's reply). One query per kind of duty,
each returning only the overdue rows. (办案期限 is the `overlimit` model's.)

v1. Parameter: 宽限天数 grace_days (default 0)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, Q

from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.core import access, workdays
from zhifa.core import deadlines as stored
from zhifa.core.deadlines import StoredDeadline

from ..framework import Context, Found, Model, Param
from . import _links

PARTY_PERIODS = frozenset({"陈述申辩期限", "听证申请期限"})  # the party's periods, not the agency's duties
SERVICE_WORKDAYS = (
    7  # 行政处罚法 第六十一条: 决定书 served within seven days (the platform's working-day clock)
)


def duties() -> list[StoredDeadline]:
    return [d for d in stored.registered() if d.notify and d.label not in PARTY_PERIODS]


def _late(ctx: Context, path: str, field: str) -> Q:
    return ctx.where(
        "grace_days", path, lambda days: Q(**{f"{field}__lt": ctx.today - timedelta(days=int(days))})
    )


def _stored(ctx: Context, duty: StoredDeadline):
    agency = access._agency_path(duty.model)
    path = f"{agency}__region__path"
    rows = (
        ctx.scoped(duty.model._default_manager, path).filter(duty.open).filter(_late(ctx, path, duty.field))
    )
    meta = duty.model._meta
    for row in rows.annotate(**{"_agency_id": _agency_f(agency)}).iterator():
        due: date = getattr(row, duty.field)
        late = (ctx.today - due).days
        yield Found(
            key=f"{meta.label_lower}:{row.pk}:{duty.field}",
            agency_id=row._agency_id,
            subject=f"{meta.verbose_name}：{row}",
            reason=f"{duty.label}{due:%Y-%m-%d}已过{late}日，{meta.verbose_name}仍未办结",
            evidence=[[f"{meta.verbose_name}", duty.url(row), meta.label_lower, row.pk]],
            measure=Decimal(late),
        )


def _agency_f(path: str) -> F:
    return F(f"{path}__id")


def _service_cutoff(today: date) -> date:
    """The latest decision date whose 7-working-day service period has ended before `today`."""
    day = today - timedelta(days=1)
    while workdays.add_workdays(day, SERVICE_WORKDAYS) >= today:
        day -= timedelta(days=1)
    return day


def _unserved(ctx: Context):
    def late(days) -> Q:
        return Q(decision__decided_on__lte=_service_cutoff(ctx.today - timedelta(days=int(days))))

    rows = (
        ctx.scoped(Case.objects, "agency__region__path")
        .filter(status=CaseStatus.DECIDED, decision__isnull=False, services__isnull=True)
        .filter(ctx.where("grace_days", "agency__region__path", late))
        .values_list("pk", "agency_id", "number", "summary", "decision__decided_on")
        .order_by()
    )
    service_due: dict[date, date] = {}  # decisions share their dates: the working-day clock once per date
    for pk, agency_id, number, summary, decided in rows:
        due = service_due.get(decided) or service_due.setdefault(
            decided, workdays.add_workdays(decided, SERVICE_WORKDAYS)
        )
        yield Found(
            key=f"case:{pk}:service",
            agency_id=agency_id,
            case_id=pk,
            subject=f"案件{number or pk}（{summary}）",
            reason=(
                f"{decided:%Y-%m-%d}作出决定，应于{due:%Y-%m-%d}前送达（行政处罚法 第六十一条），"
                f"已过{(ctx.today - due).days}日仍未送达"
            ),
            evidence=[_links.case(pk, number)],
            measure=Decimal((ctx.today - due).days),
        )


def _rectification(ctx: Context):
    from zhifa.supervision.actions.choices import ItemStatus
    from zhifa.supervision.models import SupervisionItem

    rows = (
        ctx.scoped(SupervisionItem.objects, "agency__region__path")
        .filter(status=ItemStatus.AWAITING, due_on__isnull=False)
        .filter(_late(ctx, "agency__region__path", "due_on"))
        .values_list("pk", "agency_id", "title", "due_on")
    )
    for pk, agency_id, title, due in rows:
        late = (ctx.today - due).days
        yield Found(
            key=f"supervision.supervisionitem:{pk}:due_on",
            agency_id=agency_id,
            subject=f"监督事项：{title}",
            reason=f"整改期限{due:%Y-%m-%d}已过{late}日，被监督机关仍未答复整改情况",
            evidence=[
                [
                    "监督事项",
                    _links.url("supervision:action_detail", pk),
                    "supervision.supervisionitem",
                    pk,
                ]
            ],
            measure=Decimal(late),
        )


def find(ctx: Context):
    for duty in duties():
        yield from _stored(ctx, duty)
    yield from _unserved(ctx)
    yield from _rectification(ctx)


MODELS = [
    Model(
        code="overdue",
        name="逾期履职",
        version="1",
        summary=(
            "各模块登记的履职期限（法制审核、公示等）、决定书送达（七个工作日）和监督事项整改期限已过宽限天数"
            "仍未办结。"
        ),
        find=find,
        params=(Param("grace_days", "宽限天数", 0, "日"),),
        category="other",
    )
]
