"""行政复议、行政诉讼 figures of the 统计年报 (core.annual): one grouped query over all the agencies."""

from django.db.models import Count, Q

from zhifa.core.annual import Figure, by_agency

from .choices import VOIDING_OUTCOMES, ChallengeKind, ChallengeOutcome
from .models import Challenge

SECTION = "行政复议、行政诉讼"


def annual_figures(agency_ids: list[int], year: int) -> dict[int, list[Figure]]:
    filed, concluded = Q(filed_on__year=year), Q(concluded_on__year=year)
    counts = by_agency(
        Challenge.objects.filter(filed | concluded),
        "case__agency_id",
        agency_ids,
        reconsiderations=Count("pk", filter=filed & Q(kind=ChallengeKind.RECONSIDERATION)),
        lawsuits=Count("pk", filter=filed & Q(kind=ChallengeKind.LITIGATION)),
        upheld=Count("pk", filter=concluded & Q(outcome=ChallengeOutcome.UPHELD)),
        voided=Count("pk", filter=concluded & Q(outcome__in=VOIDING_OUTCOMES)),
    )
    labels = [
        ("reconsiderations", "被申请行政复议数"),
        ("lawsuits", "被提起行政诉讼数"),
        ("upheld", "复议、诉讼维持数"),
        ("voided", "被撤销、变更或确认违法数"),
    ]
    return {
        pk: [Figure(SECTION, f"challenge.{key}", label, c[key]) for key, label in labels]
        for pk, c in counts.items()
    }
