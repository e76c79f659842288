"""The records behind a number (穿透): for each figure code of a dashboard, the queryset its grouped query
counted, narrowed to one key (a status, a kind, a result…; "" = all), and how a row is shown (its cells and
the page of the record). The on-time rates' rows come from each rate's own `rows` (codes "rate-<code>",
keys "due" and "late")."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from zhifa.cases.models import Case

from . import ontime
from .ontime import Period
from .selectors import cases, complaints, inspections, penalties, problems, staff
from .selectors.dashboard import TITLES, yuan


@dataclass(frozen=True)
class Figure:
    title: str
    headers: tuple[str, ...]
    base: Callable[[QuerySet, Period], QuerySet]
    narrow: Callable[[QuerySet, str], QuerySet]
    row: Callable[[object], tuple[list, str]]  # (cells, URL of the record)
    related: tuple[str, ...] = ()
    order: tuple[str, ...] = ("-pk",)


def _by(field: str) -> Callable[[QuerySet, str], QuerySet]:
    return lambda qs, key: qs.filter(**{field: key}) if key else qs


def _case_item(qs: QuerySet, key: str) -> QuerySet:
    if not key:
        return qs
    through = Case.items.through.objects.filter(case_id=OuterRef("pk"), enforcementitem__code=key)
    return qs.filter(Exists(through))


def _case_row(case) -> tuple[list, str]:
    cells = [
        case.number or "（未立案）",
        case.summary,
        case.agency.name,
        case.get_status_display(),
        case.registered_on,
    ]
    return cells, reverse("cases:case_detail", args=[case.pk])


CASE_HEADERS = ("案件编号", "案由", "办案机关", "状态", "立案日期")


def _decision_row(decision) -> tuple[list, str]:
    case = decision.case
    cells = [
        decision.number or case.number or "（未编号）",
        case.summary,
        case.agency.name,
        decision.get_kind_display(),
        yuan(decision.fine) if decision.fine is not None else "—",
        decision.decided_on,
    ]
    return cells, reverse("cases:case_detail", args=[case.pk])


def _officer_narrow(qs: QuerySet, key: str) -> QuerySet:
    return {
        "certified": qs.filter(certified=True),
        "uncertified": qs.filter(certified=False),
        "trained": qs.filter(staff.trained_q()),
        "untrained": qs.exclude(staff.trained_q()),
    }.get(key, qs)


def _officer_row(officer) -> tuple[list, str]:
    return [officer.name, officer.agency.name, officer.post or "—"], reverse(
        "registry:officer_detail", args=[officer.pk]
    )


def _task_row(task) -> tuple[list, str]:
    return [
        task.subject.name,
        task.plan.title,
        task.plan.agency.name,
        task.get_status_display(),
        task.due_on,
    ], (reverse("inspections:task_detail", args=[task.pk]))


def _inspection_row(inspection) -> tuple[list, str]:
    cells = [
        inspection.subject.name,
        inspection.agency.name,
        inspection.get_result_display() or inspections.NO_RESULT,
        inspection.started_on,
    ]
    return cells, reverse("inspections:inspection_detail", args=[inspection.pk])


def _complaint_row(complaint) -> tuple[list, str]:
    cells = [
        complaint.number or "—",
        complaint.title,
        complaint.agency.name,
        complaint.get_status_display(),
        complaint.get_rating_display() or complaints.NOT_RATED,
        complaint.received_on,
    ]
    return cells, reverse("complaints:detail", args=[complaint.pk])


def _hit_row(hit) -> tuple[list, str]:
    cells = [
        problems.model_name(hit.model),
        hit.subject,
        hit.agency.name,
        hit.get_status_display(),
        hit.found_at,
    ]
    return cells, reverse("detection:hit_detail", args=[hit.pk])


def _item_row(item) -> tuple[list, str]:
    cells = [item.title, item.agency.name, item.get_status_display(), item.opened_at]
    return cells, reverse("supervision:action_detail", args=[item.pk])


FIGURES: dict[str, Figure] = {
    "case_status": Figure(
        TITLES["case_status"], CASE_HEADERS, cases.registered, _by("status"), _case_row, ("agency",)
    ),
    "case_procedure": Figure(
        TITLES["case_procedure"], CASE_HEADERS, cases.registered, _by("procedure"), _case_row, ("agency",)
    ),
    "case_field": Figure(
        TITLES["case_field"], CASE_HEADERS, cases.registered, _by("field_id"), _case_row, ("agency",)
    ),
    "case_item": Figure(
        TITLES["case_item"], CASE_HEADERS, cases.registered, _case_item, _case_row, ("agency",)
    ),
    "decision_kind": Figure(
        TITLES["decision_kind"],
        ("决定书文号", "案由", "办案机关", "决定类型", "罚款", "决定日期"),
        penalties.decided,
        _by("kind"),
        _decision_row,
        ("case", "case__agency"),
    ),
    "fines": Figure(
        "罚款",
        ("决定书文号", "案由", "办案机关", "决定类型", "罚款", "决定日期"),
        lambda agencies, period: penalties.decided(agencies, period).filter(fine__gt=Decimal(0)),
        _by("kind"),
        _decision_row,
        ("case", "case__agency"),
    ),
    "task_status": Figure(
        TITLES["task_status"],
        ("检查对象", "抽查计划", "牵头机关", "状态", "完成期限"),
        inspections.tasks,
        _by("status"),
        _task_row,
        ("subject", "plan", "plan__agency"),
    ),
    "inspection_result": Figure(
        TITLES["inspection_result"],
        ("检查对象", "检查机关", "检查结果", "检查日期"),
        inspections.inspections,
        _by("result"),
        _inspection_row,
        ("subject", "agency"),
    ),
    "officers": Figure(
        TITLES["officers"],
        ("姓名", "所在机关", "岗位"),
        staff.officers,
        _officer_narrow,
        _officer_row,
        ("agency",),
        ("agency_id", "name", "pk"),
    ),
    "complaint_status": Figure(
        TITLES["complaint_status"],
        ("编号", "事项概要", "承办机关", "状态", "评价", "收到日期"),
        complaints.received,
        _by("status"),
        _complaint_row,
        ("agency",),
    ),
    "complaint_rating": Figure(
        TITLES["complaint_rating"],
        ("编号", "事项概要", "承办机关", "状态", "评价", "收到日期"),
        complaints.received,
        lambda qs, key: qs.filter(rating=key) if key else qs,
        _complaint_row,
        ("agency",),
    ),
    "hit_status": Figure(
        TITLES["hit_status"],
        ("模型", "对象", "涉及机关", "状态", "发现时间"),
        problems.hits,
        _by("status"),
        _hit_row,
        ("agency",),
    ),
    "hit_model": Figure(
        TITLES["hit_model"],
        ("模型", "对象", "涉及机关", "状态", "发现时间"),
        problems.hits,
        _by("model"),
        _hit_row,
        ("agency",),
    ),
    "item_status": Figure(
        TITLES["item_status"],
        ("事项名称", "被监督机关", "状态", "立项时间"),
        problems.items,
        _by("status"),
        _item_row,
        ("agency",),
    ),
}
RATE_PREFIX = "rate-"
RATE_KEYS = {"due": "应办", "late": "逾期"}


@dataclass(frozen=True)
class Drill:
    title: str
    headers: tuple[str, ...]
    rows: QuerySet
    row: Callable[[object], tuple[list, str]]


def drill(code: str, key: str, agencies: QuerySet, period: Period) -> Drill | None:
    """The records behind figure `code` narrowed to `key`; None for an unknown figure."""
    if code.startswith(RATE_PREFIX):
        try:
            rate = ontime.rate(code.removeprefix(RATE_PREFIX))
        except KeyError:
            return None
        late = key == "late"
        rows = rate.rows(agencies.values_list("pk", flat=True), period, late)

        def rate_row(obj) -> tuple[list, str]:
            return [str(obj)], rate.row_url(obj)

        title = f"{rate.label}（{RATE_KEYS['late' if late else 'due']}）"
        return Drill(title, ("记录",), rows.order_by("-pk") if not rows.ordered else rows, rate_row)
    figure = FIGURES.get(code)
    if figure is None:
        return None
    rows = figure.narrow(figure.base(agencies, period), key)
    if figure.related:
        rows = rows.select_related(*figure.related)
    return Drill(figure.title, figure.headers, rows.order_by(*figure.order), figure.row)
