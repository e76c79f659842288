"""法制审核 figures of the 统计年报 (core.annual): two grouped queries over all the agencies."""

from django.db.models import Count, Q

from zhifa.core.annual import Figure, by_agency

from .choices import OpinionResult, ResolutionOutcome
from .models import Dispute, ReviewRound

SECTION = "法制审核"


def annual_figures(agency_ids: list[int], year: int) -> dict[int, list[Figure]]:
    rounds = by_agency(
        ReviewRound.objects.filter(reviewed_at__year=year),
        "review__case__agency_id",
        agency_ids,
        done=Count("pk"),
        reviews=Count("review", distinct=True),
        problems=Count("pk", filter=Q(result=OpinionResult.PROBLEMS)),
        first_passed=Count("pk", filter=Q(number=1, result=OpinionResult.AGREE)),
    )
    disputes = by_agency(
        Dispute.objects.filter(resolved_at__year=year),
        "review__case__agency_id",
        agency_ids,
        resolved=Count("pk"),
        overruled=Count("pk", filter=Q(outcome=ResolutionOutcome.OVERRULE)),
    )
    return {pk: _figures(rounds[pk], disputes[pk]) for pk in agency_ids}


def _figures(counts: dict, disputes: dict) -> list[Figure]:
    return [
        Figure(SECTION, "review.cases", "审核案件数", counts["reviews"]),
        Figure(SECTION, "review.done", "出具审核意见数", counts["done"]),
        Figure(SECTION, "review.first_round_passed", "首轮审核通过数", counts["first_passed"]),
        Figure(SECTION, "review.problems", "提出存在问题意见数", counts["problems"]),
        Figure(SECTION, "review.disputes", "集体讨论或负责人决定的异议数", disputes["resolved"]),
        Figure(SECTION, "review.overruled", "未采纳审核意见数", disputes["overruled"]),
    ]
