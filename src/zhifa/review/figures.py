"""法制审核 figures of the 统计年报 (core.annual): one provider, grouped queries."""

from django.db.models import Count, Q

from zhifa.core.annual import Figure

from .choices import OpinionResult, ResolutionOutcome
from .models import Dispute, ReviewRound

SECTION = "法制审核"


def annual_figures(agency, year: int) -> list[Figure]:
    rounds = ReviewRound.objects.filter(review__case__agency=agency, reviewed_at__year=year)
    counts = rounds.aggregate(
        done=Count("pk"),
        reviews=Count("review", distinct=True),
        problems=Count("pk", filter=Q(result=OpinionResult.PROBLEMS)),
        first_passed=Count("pk", filter=Q(number=1, result=OpinionResult.AGREE)),
    )
    disputes = Dispute.objects.filter(review__case__agency=agency, resolved_at__year=year).aggregate(
        resolved=Count("pk"), overruled=Count("pk", filter=Q(outcome=ResolutionOutcome.OVERRULE))
    )
    return [
        Figure(SECTION, "review.cases", "审核案件数", counts["reviews"]),
        Figure(SECTION, "review.done", "出具审核意见数", counts["done"]),
        Figure(SECTION, "review.first_round_passed", "首轮审核通过数", counts["first_passed"]),
        Figure(SECTION, "review.problems", "提出存在问题意见数", counts["problems"]),
        Figure(SECTION, "review.disputes", "集体讨论或负责人决定的异议数", disputes["resolved"]),
        Figure(SECTION, "review.overruled", "未采纳审核意见数", disputes["overruled"]),
    ]
