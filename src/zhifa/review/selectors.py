"""Reads of 法制审核, scoped by core.access — plus "assigned to me", so that a pool reviewer of another
agency sees exactly the cases the justice bureau gave them."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from zhifa.core import access, workdays
from zhifa.core.choices import JUSTICE_KINDS
from zhifa.core.models import Agency
from zhifa.core.sorting import SortColumn, Sorts
from zhifa.registry import selectors as registry

from .choices import OpinionResult, ReviewStatus
from .models import Review, ReviewRound

VIEW = "review.view_review"


def _scope_q(user) -> Q | None:
    q = access.jurisdiction_q(user, Review, VIEW)
    if getattr(user, "is_authenticated", False) and user.is_active:
        q = (q or Q(pk__in=[])) | Q(reviewer=user)
    return q


# The review list's sortable columns on the core list kit (indexes: review 0005; the case's number and
# party by the case list's own indexes); the default stays the most recently changed first.
REVIEW_SORTS = Sorts(
    SortColumn("number", "案件编号", ("case__number",)),
    SortColumn("party", "当事人", ("case__party_name",)),
    SortColumn("status", "状态", ("status", "due_on")),
    SortColumn("due", "审核期限", ("due_on",)),
    SortColumn("submitted", "送审日期", ("created_at",)),
)


def reviews_visible_to(user, *, q: str = "", status: str = "", mine: bool = False) -> QuerySet[Review]:
    scope = _scope_q(user)
    if scope is None:
        return Review.objects.none()
    reviews = Review.objects.filter(scope).select_related("case__agency", "reviewer")
    if q:
        reviews = reviews.filter(Q(case__number__icontains=q) | Q(case__party_name__icontains=q))
    if status:
        reviews = reviews.filter(status=status)
    if mine:
        reviews = reviews.filter(reviewer=user)
    return reviews.order_by("-updated_at", "-id")


def get_review(user, pk) -> Review:
    try:
        return (
            reviews_visible_to(user)
            .select_related("case__field", "case__catalog_version", "created_by")
            .get(pk=pk)
        )
    except (Review.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该法制审核，或您无权查看") from exc


def review_of_case(user, case) -> Review | None:
    return reviews_visible_to(user).filter(case=case).first()


def is_overdue(review: Review, today: date | None = None) -> bool:
    return (
        review.status == ReviewStatus.SUBMITTED
        and review.due_on is not None
        and (today or timezone.localdate()) > review.due_on
    )


@dataclass(frozen=True)
class AgencyStats:
    agency: Agency
    done: int
    first_round_passed: int
    first_rounds: int
    average_days: float | None
    reviewers: int
    officers: int
    reviewers_required: int

    @property
    def first_round_rate(self) -> float | None:
        return self.first_round_passed / self.first_rounds if self.first_rounds else None

    @property
    def reviewer_ratio(self) -> float:
        return self.reviewers / self.officers if self.officers else 0.0

    @property
    def ratio_met(self) -> bool:
        return self.reviewers >= self.reviewers_required


def agency_stats(agencies: QuerySet[Agency], year: int) -> list[AgencyStats]:
    """Per agency for the year: opinions given, first rounds passed, average working days from 送审 to
    opinion, and the reviewer ratio (≥5% of officers). Grouped queries; the working days (holidays are
    not SQL) are counted once per distinct (送审日, 审核日) pair."""
    listed = list(agencies.order_by("region__path", "name"))
    ids = [a.pk for a in listed]
    rounds = ReviewRound.objects.filter(review__case__agency_id__in=ids, reviewed_at__year=year)
    done = dict(
        rounds.values("review__case__agency_id")
        .annotate(n=Count("pk"))
        .values_list("review__case__agency_id", "n")
    )
    first_rounds = (
        rounds.filter(number=1)
        .values("review__case__agency_id")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(result=OpinionResult.AGREE)))
    )
    first = {row["review__case__agency_id"]: (row["ok"], row["n"]) for row in first_rounds}
    days: dict[int, list[int]] = {}  # agency → [total working days, rounds]
    spans = rounds.annotate(on=TruncDate("submitted_at"), off=TruncDate("reviewed_at"))
    for row in spans.values("review__case__agency_id", "on", "off").annotate(n=Count("pk")):
        total = days.setdefault(row["review__case__agency_id"], [0, 0])
        total[0] += workdays.workdays_between(row["on"], row["off"]) * row["n"]
        total[1] += row["n"]
    ratios = registry.agency_ratios(Agency.objects.filter(pk__in=ids))
    return [
        AgencyStats(
            agency=a,
            done=done.get(a.pk, 0),
            first_round_passed=first.get(a.pk, (0, 0))[0],
            first_rounds=first.get(a.pk, (0, 0))[1],
            average_days=days[a.pk][0] / days[a.pk][1] if a.pk in days else None,
            reviewers=ratios[a.pk].reviewers,
            officers=ratios[a.pk].officers,
            reviewers_required=ratios[a.pk].reviewers_required,
        )
        for a in listed
    ]


def stats_agencies(user) -> QuerySet[Agency]:
    """The agencies whose figures the user may see: their own, or their region's for supervisors."""
    return access.visible_to(user, Agency.objects.exclude(kind__in=JUSTICE_KINDS), VIEW)


def grant_reviewers_the_case_materials() -> None:
    """The reviewer assigned to a review (a pool reviewer may belong to another agency) sees that case's
    evidence and documents — the materials the review page links to — and nothing else of it."""
    from zhifa.cases.models import Case, CaseDocument, Evidence

    def assigned(user) -> QuerySet:
        return Review.objects.filter(reviewer=user).values("case_id")

    access.grant_view(
        Case, ["cases.view_evidence", "cases.view_casedocument"], lambda u: Q(pk__in=assigned(u))
    )
    access.grant_view(Evidence, ["cases.view_evidence"], lambda u: Q(case_id__in=assigned(u)))
    access.grant_view(CaseDocument, ["cases.view_casedocument"], lambda u: Q(case_id__in=assigned(u)))
