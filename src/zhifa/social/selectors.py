"""Reads of 社会监督, scoped by core.access: the justice bureau's supervisors read the register, the feedback
and the survey results of their region's subtree; an agency reads the feedback and results concerning it;
anything else is a 404. `satisfaction_by_agency` is the figure 评议考核 reads (docs/architecture.md §5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from zhifa.core import access
from zhifa.core.models import Region
from zhifa.core.sorting import SortColumn, Sorts

from . import clocks
from .choices import FeedbackStatus, PointStatus, Rating, SupervisorStatus, SurveyStatus, TermState
from .models import ContactPoint, Feedback, Supervisor, SurveyCampaign, SurveyResponse
from .transitions import VIEW_FEEDBACK, VIEW_POINT, VIEW_RESULT, VIEW_SUPERVISOR, VIEW_SURVEY

# The lists' sortable columns on the core list kit (indexes: social 0004, each starting with the bureau — or,
# for feedback, also the agency concerned); the defaults stay the lists' own orders (registers: the nearest
# term end first; feedback: the latest received first; surveys: the latest year first). The former values
# still parse, but for feedback's `agency` (another table's name, no index), which falls back to the default.
SUPERVISOR_SORTS = Sorts(
    SortColumn("name", "姓名", ("name",)),
    SortColumn("category", "身份类别", ("category", "name")),
    SortColumn("term_end", "任期", ("term_end",)),
    SortColumn("created", "登记时间", ("created_at",)),
    default=("term_end", "id"),
)
POINT_SORTS = Sorts(
    SortColumn("name", "名称", ("name",)),
    SortColumn("kind", "类型", ("kind", "name")),
    SortColumn("term_end", "设立期限", ("term_end",)),
    default=("term_end", "id"),
)
FEEDBACK_SORTS = Sorts(
    SortColumn("received", "收到日期", ("received_on",)),
    SortColumn("due", "答复期限", ("answer_due",)),
    default=("-received_on", "-id"),
)
SURVEY_SORTS = Sorts(
    SortColumn("title", "名称", ("title",)),
    SortColumn("year", "年度", ("year",)),
    default=("-year", "-id"),
)
OPEN_FEEDBACK = (FeedbackStatus.RECEIVED, FeedbackStatus.ACKNOWLEDGED)


def term_q(term: str, on: date, *, active: str, ended: str) -> Q:
    """The rows whose term means `term` on `on` (TermState), as one filter the database applies."""
    expiring = clocks.expiring_until(on)
    serving = Q(status=active, term_start__lte=on, term_end__gte=on)
    table: dict[str, Q] = {
        TermState.NOT_STARTED: Q(status=active, term_start__gt=on),
        TermState.SERVING: serving & Q(term_end__gt=expiring),
        TermState.EXPIRING: serving & Q(term_end__lte=expiring),
        TermState.EXPIRED: Q(status=active, term_end__lt=on),
        TermState.ENDED: Q(status=ended),
    }
    return table.get(term, Q())


# ---- 行政执法监督员 ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterFilters:
    q: str = ""
    kind: str = ""  # the supervisor's 身份类别, the contact point's 类型
    term: str = ""  # a TermState
    bureau: int | None = None
    sort: str = ""


def supervisors_visible_to(user, filters: RegisterFilters = RegisterFilters()) -> QuerySet[Supervisor]:
    rows = access.visible_to(user, Supervisor.objects.all(), VIEW_SUPERVISOR).select_related("bureau")
    if filters.q:
        rows = rows.filter(
            Q(name__icontains=filters.q)
            | Q(unit__icontains=filters.q)
            | Q(fields_followed__icontains=filters.q)
        )
    if filters.kind:
        rows = rows.filter(category=filters.kind)
    if filters.term:
        on = clocks.today()
        rows = rows.filter(
            term_q(filters.term, on, active=SupervisorStatus.APPOINTED, ended=SupervisorStatus.DISMISSED)
        )
    if filters.bureau:
        rows = rows.filter(bureau_id=filters.bureau)
    return SUPERVISOR_SORTS.parse(filters.sort).apply(rows)


def get_supervisor(user, pk) -> Supervisor:
    try:
        return supervisors_visible_to(user).select_related("bureau__region", "created_by").get(pk=pk)
    except (Supervisor.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该监督员，或您无权查看") from exc


def supervisors_to_choose(user) -> QuerySet[Supervisor]:
    """The supervisors a feedback may come from: those the user sees who are appointed (the service checks
    the term on the day received)."""
    return supervisors_visible_to(user).filter(status=SupervisorStatus.APPOINTED).order_by("name", "id")


# ---- 监督联系点 ------------------------------------------------------------------------------------------


def points_visible_to(user, filters: RegisterFilters = RegisterFilters()) -> QuerySet[ContactPoint]:
    rows = access.visible_to(user, ContactPoint.objects.all(), VIEW_POINT).select_related("bureau")
    if filters.q:
        rows = rows.filter(
            Q(name__icontains=filters.q) | Q(credit_code__iexact=filters.q) | Q(address__icontains=filters.q)
        )
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.term:
        rows = rows.filter(
            term_q(filters.term, clocks.today(), active=PointStatus.ACTIVE, ended=PointStatus.REVOKED)
        )
    if filters.bureau:
        rows = rows.filter(bureau_id=filters.bureau)
    return POINT_SORTS.parse(filters.sort).apply(rows)


def get_point(user, pk) -> ContactPoint:
    try:
        return points_visible_to(user).select_related("bureau__region", "created_by").get(pk=pk)
    except (ContactPoint.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该监督联系点，或您无权查看") from exc


def points_to_choose(user) -> QuerySet[ContactPoint]:
    return points_visible_to(user).filter(status=PointStatus.ACTIVE).order_by("name", "id")


# ---- 反馈 ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackFilters:
    q: str = ""
    status: str = ""
    source: str = ""
    agency: int | None = None
    supervisor: int | None = None
    contact_point: int | None = None
    overdue: bool = False
    sort: str = ""


def feedback_visible_to(user, filters: FeedbackFilters = FeedbackFilters()) -> QuerySet[Feedback]:
    rows = access.visible_to(user, Feedback.objects.all(), VIEW_FEEDBACK).select_related(
        "agency", "supervisor", "contact_point"
    )
    if filters.q:
        rows = rows.filter(
            Q(title__icontains=filters.q)
            | Q(text__icontains=filters.q)
            | Q(agency__name__icontains=filters.q)
            | Q(supervisor__name__icontains=filters.q)
            | Q(contact_point__name__icontains=filters.q)
        )
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.source:
        rows = rows.filter(source=filters.source)
    if filters.agency:
        rows = rows.filter(agency_id=filters.agency)
    if filters.supervisor:
        rows = rows.filter(supervisor_id=filters.supervisor)
    if filters.contact_point:
        rows = rows.filter(contact_point_id=filters.contact_point)
    if filters.overdue:
        rows = rows.filter(status__in=OPEN_FEEDBACK, answer_due__lt=clocks.today())
    return FEEDBACK_SORTS.parse(filters.sort).apply(rows)


def get_feedback(user, pk) -> Feedback:
    try:
        return (
            feedback_visible_to(user)
            .select_related(
                "agency__region", "bureau", "case", "supervision_item", "complaint__agency", "entered_by"
            )
            .get(pk=pk)
        )
    except (Feedback.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该反馈，或您无权查看") from exc


def is_overdue(feedback: Feedback, on: date | None = None) -> bool:
    return feedback.status in OPEN_FEEDBACK and (on or clocks.today()) > feedback.answer_due


# ---- 测评 ----------------------------------------------------------------------------------------------


def campaigns_visible_to(
    user, *, year: int | None = None, status: str = "", sort: str = ""
) -> QuerySet[SurveyCampaign]:
    rows = access.visible_to(user, SurveyCampaign.objects.all(), VIEW_SURVEY).select_related(
        "bureau", "region"
    )
    if year:
        rows = rows.filter(year=year)
    if status:
        rows = rows.filter(status=status)
    return SURVEY_SORTS.parse(sort).apply(rows.annotate(response_count=Count("responses")))


def get_campaign(user, pk) -> SurveyCampaign:
    try:
        return campaigns_visible_to(user).get(pk=pk)
    except (SurveyCampaign.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该测评，或您无权查看") from exc


@dataclass(frozen=True)
class AgencySatisfaction:
    """One agency's results: counts, and the exact rates (Fraction; None when nothing was rated/scored).
    satisfaction_rate = (满意 + 基本满意) ÷ rated; mean_score = the sum of scores ÷ scored."""

    agency_id: int
    agency_name: str
    responses: int
    satisfied: int
    basic: int
    dissatisfied: int
    scored: int
    score_sum: int

    @property
    def rated(self) -> int:
        return self.satisfied + self.basic + self.dissatisfied

    @property
    def satisfaction_rate(self) -> Fraction | None:
        return Fraction(self.satisfied + self.basic, self.rated) if self.rated else None

    @property
    def mean_score(self) -> Fraction | None:
        return Fraction(self.score_sum, self.scored) if self.scored else None


def _per_agency(responses: QuerySet[SurveyResponse]) -> list[AgencySatisfaction]:
    """One grouped query: the counts per agency."""
    rows = (
        responses.order_by()
        .values("agency_id", "agency__name")
        .annotate(
            responses=Count("pk"),
            satisfied=Count("pk", filter=Q(rating=Rating.SATISFIED)),
            basic=Count("pk", filter=Q(rating=Rating.BASIC)),
            dissatisfied=Count("pk", filter=Q(rating=Rating.DISSATISFIED)),
            scored=Count("score"),
            score_sum=Sum("score"),
        )
        .order_by("agency__name", "agency_id")
    )
    return [
        AgencySatisfaction(
            agency_id=row["agency_id"],
            agency_name=row["agency__name"],
            responses=row["responses"],
            satisfied=row["satisfied"],
            basic=row["basic"],
            dissatisfied=row["dissatisfied"],
            scored=row["scored"],
            score_sum=row["score_sum"] or 0,
        )
        for row in rows
    ]


def satisfaction_by_agency(region: Region, year: int) -> dict[int, AgencySatisfaction]:
    """The external-evaluation figure of 评议考核: per agency of `region`'s subtree, the results of the closed
    campaigns of `year` held in that region or below (keyed by agency id; an agency nobody rated is absent).
    Not scoped by a user: the caller (a service computing an evaluation) decides who sees the result."""
    responses = closed_responses(year).filter(
        campaign__region__path__startswith=region.path,
        agency__region__path__startswith=region.path,
    )
    return {row.agency_id: row for row in _per_agency(responses)}


def closed_responses(year: int) -> QuerySet[SurveyResponse]:
    """The opinions of the closed campaigns of `year` (the only ones that count as results), wherever held:
    评议考核's 社会满意度测评 indicator (evaluation.indicators) counts their ratings per agency."""
    return SurveyResponse.objects.filter(campaign__status=SurveyStatus.CLOSED, campaign__year=year)


def results_visible_to(
    user, *, year: int | None = None, campaign: int | None = None
) -> list[AgencySatisfaction]:
    """The results per agency the user may see (an agency: its own), of closed campaigns (of `year`), or of
    one campaign whatever its status."""
    responses = access.visible_to(user, SurveyResponse.objects.all(), VIEW_RESULT)
    if campaign:
        responses = responses.filter(campaign_id=campaign)
    else:
        responses = responses.filter(campaign__status=SurveyStatus.CLOSED)
    if year:
        responses = responses.filter(campaign__year=year)
    return _per_agency(responses)


def responses_of(user, campaign: SurveyCampaign) -> QuerySet[SurveyResponse]:
    return (
        access.visible_to(user, campaign.responses.all(), VIEW_RESULT)
        .select_related("agency")
        .order_by("agency__name", "id")
    )
