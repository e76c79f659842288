"""案件: 决定按期率 and 送达按期率."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse

from zhifa.cases.choices import DecisionKind
from zhifa.cases.clocks import DECISION_DAYS, SERVICE_WORKDAYS
from zhifa.cases.models import Case, Decision, Service
from zhifa.catalog.procedures import Procedure
from zhifa.core import workdays
from zhifa.core.ontime import Span

from ..ontime import OnTimeRate
from ._build import Deadline, rate


def _decision_of(case: Case) -> Decision | None:
    try:
        return case.decision
    except Decision.DoesNotExist:
        return None


def _decided_on(case: Case) -> date | None:
    made = _decision_of(case)
    return made.decided_on if made else None


DECISIONS = Deadline(
    model=Case,
    agency="agency_id",
    due="decision_due",
    done=Q(decision__isnull=False),
    on_time=Q(decision__decided_on__lte=F("decision_due")),
    select_related=("agency", "decision"),
    order_by=("decision_due", "pk"),
)


def decisions() -> OnTimeRate:
    return rate(
        "cases.decision",
        "决定按期率",
        DECISIONS,
        url=lambda case: reverse("cases:case_detail", args=[case.pk]),  # type: ignore[attr-defined]
        definition=(
            f"决定期限（立案之日起{DECISION_DAYS}日，经批准延长的按延长后的期限；行政处罚法 第六十条）在统计期间内的"
            "已立案案件中，在决定期限当日或之前作出处理决定的比例。期限未到且尚未作出决定的不计。"
        ),
        view_perm="cases.view_case",
        row_due=lambda case: case.decision_due,  # type: ignore[attr-defined]
        row_done=_decided_on,  # type: ignore[arg-type]
    )


# ---- 送达: the due date is not stored; it is the 7th working day after the decision ------------------------

SERVED_KINDS = (DecisionKind.PENALTY, DecisionKind.NO_PENALTY)  # 移送、撤销立案 end the case unserved
GUESS = 9  # seven working days are nine natural days across one weekend: where the search starts


def service_due(decided_on: date) -> date:
    return workdays.add_workdays(decided_on, SERVICE_WORKDAYS)


def _first_decided(day: date) -> date:
    """The earliest decision day whose service falls due on or after `day`. The due date never comes before
    the decision and never falls as the decision day grows, so the decision days of a period are one range;
    the search starts nine days back and walks a few days (the working-day clock is per day, so each
    step costs one computation)."""
    d = day - timedelta(days=GUESS)
    if service_due(d) >= day:
        while service_due(d - timedelta(days=1)) >= day:
            d -= timedelta(days=1)
        return d
    while service_due(d) < day:
        d += timedelta(days=1)
    return d


def _last_decided(day: date) -> date:
    """The latest decision day whose service falls due on or before `day`."""
    return _first_decided(day + timedelta(days=1)) - timedelta(days=1)


def decided_between(period: Span) -> Q:
    return Q(decided_on__gte=_first_decided(period.start), decided_on__lte=_last_decided(period.end))


def _served(**more) -> Exists:
    return Exists(Service.objects.filter(case_id=OuterRef("case_id"), **more))


SERVICE = Deadline(
    model=Decision,
    agency="case__agency_id",
    base=Q(kind__in=SERVED_KINDS, case__procedure=Procedure.ORDINARY),
    in_period=decided_between,
    past_due=lambda day: Q(decided_on__lte=_last_decided(day - timedelta(days=1))),
    done=Q(_served()),
    on_time=Q(_served(late=False)),
    select_related=("case", "case__agency"),
    order_by=("decided_on", "pk"),
)


def _served_on(decision: Decision) -> date | None:
    return (
        Service.objects.filter(case_id=decision.case_id)
        .order_by("served_on")
        .values_list("served_on", flat=True)
        .first()
    )


def service() -> OnTimeRate:
    return rate(
        "cases.service",
        "送达按期率",
        SERVICE,
        url=lambda decision: reverse("cases:case_detail", args=[decision.case_id]),  # type: ignore[attr-defined]
        definition=(
            f"普通程序作出的行政处罚、不予行政处罚决定，送达期限（决定之日起{SERVICE_WORKDAYS}个工作日；"
            "行政处罚法 第六十一条、第八十五条）在统计期间内的，在期限当日或之前送达决定书（送达时未记为超期送达）"
            "的比例。简易程序当场交付，移送、撤销立案无须送达，均不计；期限未到且尚未送达的不计。"
        ),
        view_perm="cases.view_case",
        row_due=lambda decision: service_due(decision.decided_on),  # type: ignore[attr-defined]
        row_done=_served_on,  # type: ignore[arg-type]
    )
