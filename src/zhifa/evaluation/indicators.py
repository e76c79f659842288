"""计算指标: the indicators the platform's own data gives, registered by key.

Each indicator is declared by three things, so that the figure, the drill-down page and the benchmark's
hand-written SQL all read the same definition:

- `base(year)`: the records it looks at in `year` (the denominator), a queryset of one model;
- `agency_path`: the path from those records to their agency;
- `counted`: the Q of the records that count (the numerator), or `sum_field` for an average (评查得分).

`measure(indicator, agencies, year)` is one grouped query over all the agencies of the region (never one
per agency); `records(indicator, agency, year)` is the drill-down's queryset of one agency, each row
annotated `is_counted`.

Adding an indicator: write its `base`, register it with `register(Indicator(...))` (from this module for
the apps above evaluation — `_register_builtins`, `_register_external` for 投诉举报 and 社会监督 —, or from a
later app's `ready()`), and name its key on a leaf of a scheme. A leaf naming no registered key is
scored by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from zhifa.core.models import Agency
from zhifa.core.ontime import Deadline, Year

from .choices import Direction

RATE = "rate"  # counted ÷ total
AVERAGE = "average"  # sum of `sum_field` ÷ total, on a 100-point scale


@dataclass(frozen=True)
class Row:
    """One record as the drill-down page lists it."""

    text: str
    on: date | None
    url: str | None


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    rule: str  # what is counted, in words (shown beside the figure)
    base: Callable[[int], QuerySet]
    agency_path: str
    row: Callable[[Any], Row]
    counted: Q | Callable[[], Q] | None = None  # a callable when it reads a setting
    sum_field: str | None = None
    direction: str = Direction.HIGHER
    kind: str = RATE
    view_perm: str = ""  # the permission to open a record's page (the drill-down links only what one may)


@dataclass(frozen=True)
class Measure:
    counted: Decimal
    total: int

    @property
    def value(self) -> Decimal | None:
        """The rate (0–1) or the average (0–100); None when there is nothing to count."""
        if not self.total:
            return None
        return Decimal(self.counted) / self.total


REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> None:
    REGISTRY[indicator.key] = indicator


def get(key: str) -> Indicator | None:
    return REGISTRY.get(key)


def measure(indicator: Indicator, agencies: QuerySet[Agency], year: int) -> dict[int, Measure]:
    """One grouped query: {agency id: Measure} for every agency of `agencies` that has records."""
    path = indicator.agency_path
    rows = indicator.base(year).filter(**{f"{path}__in": agencies.values("pk")}).values(path)
    if indicator.kind == AVERAGE:
        assert indicator.sum_field
        rows = rows.annotate(total=Count("pk"), counted=Sum(indicator.sum_field))
    else:
        rows = rows.annotate(total=Count("pk"), counted=Count("pk", filter=counted_q(indicator)))
    return {
        row[path]: Measure(counted=Decimal(row["counted"] or 0), total=row["total"])
        for row in rows.order_by()
    }


def records(indicator: Indicator, agency: Agency, year: int) -> QuerySet:
    """The drill-down: the records of one agency the figure looks at, each with `is_counted`."""
    rows = indicator.base(year).filter(**{indicator.agency_path: agency.pk})
    flag: Case | Value
    if (counted := counted_q(indicator)) is not None:
        flag = Case(When(counted, then=Value(True)), default=Value(False), output_field=BooleanField())
    else:
        flag = Value(True, output_field=BooleanField())
    return rows.annotate(is_counted=flag)


def counted_q(indicator: Indicator) -> Q | None:
    counted = indicator.counted
    return counted() if callable(counted) else counted


def _today() -> date:
    return timezone.localdate()


def from_deadline(
    key: str, label: str, rule: str, deadline: Deadline, row: Callable[[Any], Row], *, view_perm: str
) -> Indicator:
    """An on-time indicator on a `core.ontime.Deadline` (the definition the dashboards' rate of the same duty
    is built from): the rows that fell due in the year and count as of today, those on time counted."""
    return Indicator(
        key,
        label,
        rule,
        lambda year: deadline.fell_due(Year(year), _today()),
        deadline.agency,
        row,
        counted=deadline.on_time,
        view_perm=view_perm,
    )


def due_in_year(rows: QuerySet, year: int, due_field: str, done: Q) -> QuerySet:
    """The rows whose `due_field` falls in `year` that are done or past it: one still within its period and
    not yet done is not late yet (as 监督事项 and 公示), so it is not counted."""
    return rows.filter(**{f"{due_field}__year": year}).filter(done | Q(**{f"{due_field}__lt": _today()}))


def _as_of(year: int) -> date:
    """Standings (certificates) are read on the last day of the year, or today while it runs."""
    return min(date(year, 12, 31), _today())


# ---- 公示 --------------------------------------------------------------------------------------------


def _disclosures(year: int) -> QuerySet:
    from zhifa.publicity.choices import DisclosureStatus
    from zhifa.publicity.models import Disclosure

    # first versions (a correction is not a new decision), not withheld, due in the year and either
    # published or already past due (one still within its period is not yet late)
    return (
        Disclosure.objects.filter(version=1, due_on__year=year)
        .exclude(status=DisclosureStatus.WITHHELD)
        .filter(Q(published_on__isnull=False) | Q(due_on__lt=_today()))
    )


def _disclosure_row(d) -> Row:
    return Row(
        f"{d.subject_name}：{d.conclusion}（公示期限{d.due_on:%Y-%m-%d}）",
        d.published_on,
        reverse("publicity:detail", args=[d.pk]),
    )


# ---- 法制审核 ----------------------------------------------------------------------------------------


def _major_decisions(year: int) -> QuerySet:
    from zhifa.cases.choices import DecisionKind
    from zhifa.cases.models import Decision
    from zhifa.catalog.models import EnforcementItem

    # 行政处罚法 第五十八条: heard, or 疑难复杂, or within the agency's 目录 by an item's fine threshold
    listed = EnforcementItem.objects.filter(
        cases=OuterRef("case_id"), needs_legal_review=True, major_fine_threshold__lte=OuterRef("fine")
    )
    return Decision.objects.filter(decided_on__year=year, kind=DecisionKind.PENALTY).filter(
        Q(case__hearing_held_on__isnull=False) | Q(case__is_complex=True) | Exists(listed)
    )


def _decision_row(d) -> Row:
    case = d.case
    return Row(
        f"{case.number or case.pk} {case.summary}", d.decided_on, reverse("cases:case_detail", args=[case.pk])
    )


# ---- 执法人员 ----------------------------------------------------------------------------------------


def _officers(year: int) -> QuerySet:
    from zhifa.registry.choices import PersonKind, PersonStatus
    from zhifa.registry.models import Officer, TrainingRecord

    # one aggregate per officer without a GROUP BY (the correlated subquery runs once per officer)
    hours = (
        TrainingRecord.objects.filter(officer=OuterRef("pk"), on__year=year)
        .order_by()
        .values(h=Func("hours", function="SUM"))
    )
    return Officer.objects.filter(status=PersonStatus.ACTIVE, kind=PersonKind.OFFICER).annotate(
        year_hours=Coalesce(Subquery(hours), Value(Decimal(0)), output_field=DecimalField())
    )


def _officers_certified(year: int) -> QuerySet:
    from zhifa.registry.choices import CertificateKind, PersonKind, PersonStatus
    from zhifa.registry.models import Certificate, Officer

    valid = Certificate.objects.valid_on(_as_of(year)).filter(
        officer=OuterRef("pk"), kind=CertificateKind.ENFORCEMENT
    )
    active = Officer.objects.filter(status=PersonStatus.ACTIVE, kind=PersonKind.OFFICER)
    return active.annotate(certified=Exists(valid))


def _officer_row(o) -> Row:
    return Row(
        f"{o.name}（本年培训{o.year_hours}学时）", None, reverse("registry:officer_detail", args=[o.pk])
    )


def _certified_row(o) -> Row:
    state = "持有效执法证件" if o.certified else "无有效执法证件"
    return Row(f"{o.name}（{state}）", None, reverse("registry:officer_detail", args=[o.pk]))


def _training_q() -> Q:
    from zhifa.registry import clocks

    return Q(year_hours__gte=clocks.training_hours_per_year())


# ---- 案件 --------------------------------------------------------------------------------------------


def _timed_decisions(year: int) -> QuerySet:
    from zhifa.cases.models import Decision

    return Decision.objects.filter(decided_on__year=year, case__decision_due__isnull=False)


def _challenges(year: int) -> QuerySet:
    from zhifa.cases.choices import ChallengeOutcome
    from zhifa.cases.models import Challenge

    return Challenge.objects.filter(concluded_on__year=year).exclude(
        outcome__in=[ChallengeOutcome.PENDING, ChallengeOutcome.WITHDRAWN]
    )


def _challenge_row(c) -> Row:
    case = c.case
    return Row(
        f"{case.number or case.pk} {c.get_kind_display()}：{c.get_outcome_display()}",
        c.concluded_on,
        reverse("cases:case_detail", args=[case.pk]),
    )


# ---- 执法监督 ----------------------------------------------------------------------------------------


def _campaign_files(year: int) -> QuerySet:
    from zhifa.supervision.campaigns.choices import FileStatus
    from zhifa.supervision.models import CampaignFile

    return CampaignFile.objects.filter(campaign__year=year, status=FileStatus.FINAL)


def _campaign_file_row(f) -> Row:
    return Row(
        f"{f.case.number or f.case_id}（{f.score}分，{f.get_grade_display()}）",
        None,
        reverse("supervision:campaign_file", args=[f.pk]),
    )


def _due_items(year: int) -> QuerySet:
    from zhifa.supervision.actions.choices import ItemStatus
    from zhifa.supervision.models import SupervisionItem

    return SupervisionItem.objects.filter(due_on__year=year).filter(
        Q(status=ItemStatus.CLOSED) | Q(due_on__lt=_today())
    )


def _closed_on_time(closed: str) -> Q:
    return Q(status=closed, closed_at__isnull=False) & Q(closed_at__date__lte=F("due_on"))


def _item_row(i) -> Row:
    return Row(
        f"{i.title}（整改期限{i.due_on:%Y-%m-%d}）",
        i.closed_at and timezone.localdate(i.closed_at),
        reverse("supervision:action_detail", args=[i.pk]),
    )


def _due_tasks(year: int) -> QuerySet:
    from zhifa.supervision.models import RectificationTask
    from zhifa.supervision.problems.choices import TaskStatus

    return RectificationTask.objects.filter(due_on__year=year).filter(
        Q(status=TaskStatus.CLOSED) | Q(due_on__lt=_today())
    )


def _task_row(t) -> Row:
    return Row(
        f"{t.problem.title}：{t.measures[:40]}（整改期限{t.due_on:%Y-%m-%d}）",
        t.closed_at and timezone.localdate(t.closed_at),
        reverse("supervision:rectification_detail", args=[t.pk]),
    )


def _register_builtins() -> None:
    from zhifa.cases.choices import VOIDING_OUTCOMES
    from zhifa.supervision.actions.choices import ItemStatus
    from zhifa.supervision.problems.choices import TaskStatus

    register(
        Indicator(
            "publicity.on_time",
            "行政执法决定按时公示率",
            "公示期限在本年度的执法决定（首个版本，不含不予公开；期限未到且未公示的不计），在期限内公示的比例",
            _disclosures,
            "agency",
            _disclosure_row,
            counted=Q(published_on__lte=F("due_on")),
            view_perm="publicity.view_disclosure",
        )
    )
    register(
        Indicator(
            "review.major_coverage",
            "重大执法决定法制审核率",
            "本年度作出的重大行政处罚决定（经过听证、疑难复杂，或达到目录罚款标准），经法制审核通过的比例",
            _major_decisions,
            "case__agency",
            _decision_row,
            counted=Q(case__review__status="passed"),
            view_perm="cases.view_case",
        )
    )
    register(
        Indicator(
            "registry.training",
            "执法人员年度培训达标率",
            "在岗执法人员中，本年度培训学时达到年度要求的比例",
            _officers,
            "agency",
            _officer_row,
            counted=_training_q,
            view_perm="registry.view_officer",
        )
    )
    register(
        Indicator(
            "registry.certificates",
            "执法人员持证率",
            "在岗执法人员中，年末（或今日）持有效行政执法证件的比例",
            _officers_certified,
            "agency",
            _certified_row,
            counted=Q(certified=True),
            view_perm="registry.view_officer",
        )
    )
    register(
        Indicator(
            "cases.overdue",
            "案件超期率",
            "本年度作出决定的有办案期限的案件中，决定日期晚于决定期限的比例（越低越好）",
            _timed_decisions,
            "case__agency",
            _decision_row,
            counted=Q(decided_on__gt=F("case__decision_due")),
            direction=Direction.LOWER,
            view_perm="cases.view_case",
        )
    )
    register(
        Indicator(
            "cases.reversal",
            "复议诉讼纠错率",
            "本年度审结的行政复议、行政诉讼（不含撤回）中，决定被撤销、变更或确认违法的比例（越低越好）",
            _challenges,
            "case__agency",
            _challenge_row,
            counted=Q(outcome__in=sorted(VOIDING_OUTCOMES)),
            direction=Direction.LOWER,
            view_perm="cases.view_case",
        )
    )
    register(
        Indicator(
            "supervision.campaign_score",
            "案卷评查平均分",
            "本年度案卷评查中已评定案卷的平均得分（百分制）",
            _campaign_files,
            "agency",
            _campaign_file_row,
            sum_field="score",
            kind=AVERAGE,
            view_perm="supervision.view_campaignfile",
        )
    )
    register(
        Indicator(
            "supervision.items_on_time",
            "监督事项按期整改率",
            "整改期限在本年度的监督事项（期限未到且未办结的不计）中，在期限内办结的比例",
            _due_items,
            "agency",
            _item_row,
            counted=_closed_on_time(ItemStatus.CLOSED),
            view_perm="supervision.view_supervisionitem",
        )
    )
    register(
        Indicator(
            "supervision.rectification_on_time",
            "突出问题按期整改率",
            "整改期限在本年度的整改任务（期限未到且未销号的不计）中，在期限内销号的比例",
            _due_tasks,
            "agency",
            _task_row,
            counted=_closed_on_time(TaskStatus.CLOSED),
            view_perm="supervision.view_rectificationtask",
        )
    )


# ---- 投诉举报 and 社会监督 (the external evaluation) ----------------------------------------------------


def _due_complaints(year: int) -> QuerySet:
    from zhifa.complaints.models import Complaint

    # 答复期限 in the year, duplicates merged into another aside
    return due_in_year(
        Complaint.objects.filter(merged_into__isnull=True), year, "reply_due", Q(replied_on__isnull=False)
    )


def _complaint_row(c) -> Row:
    replied = f"，{c.replied_on:%Y-%m-%d}答复" if c.replied_on else "，未答复"
    return Row(
        f"{c.number} {c.title}（答复期限{c.reply_due:%Y-%m-%d}{replied}）",
        c.replied_on,
        reverse("complaints:detail", args=[c.pk]),
    )


def _rated_complaints(year: int) -> QuerySet:
    from zhifa.complaints.models import Complaint

    return Complaint.objects.filter(rated_at__year=year, merged_into__isnull=True).exclude(rating="")


def _rated_complaint_row(c) -> Row:
    return Row(
        f"{c.number} {c.title}（{c.get_rating_display()}）",
        timezone.localdate(c.rated_at),
        reverse("complaints:detail", args=[c.pk]),
    )


def _survey_ratings(year: int) -> QuerySet:
    from zhifa.social.selectors import closed_responses

    return closed_responses(year).exclude(rating="").select_related("campaign")


def _survey_row(r) -> Row:
    who = r.respondent or r.get_respondent_kind_display()
    closed = r.campaign.closed_at and timezone.localdate(r.campaign.closed_at)
    return Row(
        f"{r.campaign.title}：{who}（{r.get_rating_display()}）",
        closed,
        reverse("social:survey_detail", args=[r.campaign_id]),
    )


def _register_external() -> None:
    """外部评价 (the default tree's third group): the 投诉举报 and 社会监督 figures. Registered here, by
    evaluation, because complaints and social come before it in INSTALLED_APPS and never import it."""
    from zhifa.complaints.choices import Rating
    from zhifa.social.choices import Rating as SurveyRating

    register(
        Indicator(
            "complaints.resolution",
            "投诉举报按期办结率",
            "答复期限在本年度的投诉举报（合并的重复件不计；期限未到且未答复的不计）中，在答复期限内答复的比例",
            _due_complaints,
            "agency",
            _complaint_row,
            counted=Q(replied_on__isnull=False, replied_on__lte=F("reply_due")),
            view_perm="complaints.view_complaint",
        )
    )
    register(
        Indicator(
            "complaints.satisfaction",
            "投诉举报满意率",
            "本年度投诉举报人作出评价的投诉举报中，评价为满意或基本满意的比例",
            _rated_complaints,
            "agency",
            _rated_complaint_row,
            counted=Q(rating__in=[Rating.SATISFIED, Rating.FAIRLY]),
            view_perm="complaints.view_complaint",
        )
    )
    register(
        Indicator(
            "social.satisfaction",
            "社会满意度测评",
            "本年度已结束的回访、问卷调查和第三方测评中对本机关作出满意度评价的意见，评价为满意或基本满意的比例",
            _survey_ratings,
            "agency",
            _survey_row,
            counted=Q(rating__in=[SurveyRating.SATISFIED, SurveyRating.BASIC]),
            view_perm="social.view_surveycampaign",
        )
    )


def score(indicator: Indicator, m: Measure | None, max_score: Decimal) -> Decimal:
    """The leaf's points out of `max_score`: the rate (or the average ÷ 100), turned round when lower is
    better. Nothing to count (no decision due, no challenge…) gives full points: no failing was found."""
    if m is None or m.value is None:
        return max_score
    value = m.value / 100 if indicator.kind == AVERAGE else m.value
    value = min(max(value, Decimal(0)), Decimal(1))
    if indicator.direction == Direction.LOWER:
        value = 1 - value
    return (max_score * value).quantize(Decimal("0.01"), ROUND_HALF_UP)
