"""Reads of 报送, scoped by core.access: an agency sees its own submissions, a justice bureau its rounds and
the submissions of its region (its supervisors' REGION scope); anyone else sees nothing (404)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from zhifa.core import access
from zhifa.stats.models import ReportRound, Submission

from . import clocks, services
from .choices import OPEN, SubmissionStatus
from .kinds import KINDS, Kind
from .transitions import ROUND_VIEW, VIEW, is_overdue

SORTS = {
    "-created": ("-created_at", "-id"),
    "due": ("due_on", "id"),
    "agency": ("agency__name", "id"),
}
SORT_LABELS = {"-created": "下发时间（新→旧）", "due": "报送期限（近→远）", "agency": "报送单位"}
ROUND_SORTS = {"-created": ("-created_at", "-id"), "due": ("due_on", "id"), "period": ("-period_end", "-id")}
ROUND_SORT_LABELS = {
    "-created": "下发时间（新→旧）",
    "due": "报送期限（近→远）",
    "period": "报送期间（新→旧）",
}


@dataclass(frozen=True)
class Filters:
    q: str = ""
    kind: str = ""
    status: str = ""
    overdue: bool = False
    mine: bool = False  # only my agency's own submissions
    sort: str = "-created"


def overdue_q(on=None) -> Q:
    return Q(status__in=OPEN, due_on__lt=on or clocks.today())


def submissions_visible_to(user, filters: Filters = Filters()) -> QuerySet[Submission]:
    rows = access.visible_to(user, Submission.objects.all(), VIEW).select_related(
        "round", "round__agency", "agency"
    )
    if filters.q:
        rows = rows.filter(
            Q(agency__name__icontains=filters.q)
            | Q(round__period_label__icontains=filters.q)
            | Q(round__agency__name__icontains=filters.q)
        )
    if filters.kind:
        rows = rows.filter(round__kind=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue:
        rows = rows.filter(overdue_q())
    if filters.mine:
        rows = rows.filter(agency_id=user.agency_id)
    return rows.order_by(*SORTS.get(filters.sort, SORTS["-created"]))


def get_submission(user, pk: int) -> Submission:
    return access.get_visible_or_404(
        user,
        Submission.objects.select_related("round", "round__agency", "agency", "forwarded_from"),
        VIEW,
        pk=pk,
    )


def rounds_visible_to(user, q: str = "", kind: str = "", sort: str = "-created") -> QuerySet[ReportRound]:
    rows = access.visible_to(user, ReportRound.objects.all(), ROUND_VIEW).select_related("agency")
    if q:
        rows = rows.filter(Q(period_label__icontains=q) | Q(agency__name__icontains=q) | Q(note__icontains=q))
    if kind:
        rows = rows.filter(kind=kind)
    today = clocks.today()
    rows = rows.annotate(
        expected=Count("submissions"),
        received=Count("submissions", filter=Q(submissions__status__in=(SubmissionStatus.SUBMITTED,
                                                                        SubmissionStatus.ACCEPTED))),
        accepted=Count("submissions", filter=Q(submissions__status=SubmissionStatus.ACCEPTED)),
        late=Count("submissions", filter=Q(submissions__status__in=OPEN, submissions__due_on__lt=today)),
    )  # fmt: skip
    return rows.order_by(*ROUND_SORTS.get(sort, ROUND_SORTS["-created"]))


def get_round(user, pk: int) -> ReportRound:
    rows = access.visible_to(user, ReportRound.objects.select_related("agency", "agency__region"), ROUND_VIEW)
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404("未找到该报送任务")
    return found


@dataclass(frozen=True)
class Line:
    submission: Submission
    values: list[str | None]  # None: not sent yet
    overdue: bool
    counted: bool  # in the totals (审核通过)


@dataclass(frozen=True)
class Table:
    spec: Kind
    lines: list[Line]
    totals: list[str]
    expected: int
    received: int
    accepted: int
    overdue: int


def table(round: ReportRound) -> Table:
    """汇总表: every agency's figures (the round's own rows), the totals of the accepted ones, and what is
    missing or overdue."""
    spec = KINDS[round.kind]
    subs = list(
        round.submissions.select_related("agency", "agency__region").order_by(
            "agency__region__code", "agency__name", "pk"
        )
    )
    today = clocks.today()
    lines = []
    for s in subs:
        sent = s.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)
        values = [s.figures.get(f.key) if sent else None for f in spec.figures]
        lines.append(Line(s, values, is_overdue(s, today), s.status == SubmissionStatus.ACCEPTED))
    summed = services.totals(spec, [line.submission for line in lines if line.counted])
    return Table(
        spec=spec,
        lines=lines,
        totals=[summed[f.key] for f in spec.figures],
        expected=len(lines),
        received=sum(
            1
            for line in lines
            if line.submission.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)
        ),
        accepted=sum(1 for line in lines if line.counted),
        overdue=sum(1 for line in lines if line.overdue),
    )


def money(value: str | None) -> str:
    """A stored figure for people: money with thousands separators."""
    if value is None:
        return "—"
    number = Decimal(value)
    return f"{number:,.2f}" if "." in value else f"{int(number):,}"
