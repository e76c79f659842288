"""行政复议、行政诉讼 figures of the 统计年报 (core.annual): one grouped query."""

from django.db.models import Count, Q

from zhifa.core.annual import Figure

from .choices import VOIDING_OUTCOMES, ChallengeKind, ChallengeOutcome
from .models import Challenge

SECTION = "行政复议、行政诉讼"


def annual_figures(agency, year: int) -> list[Figure]:
    filed = Challenge.objects.filter(case__agency=agency, filed_on__year=year).aggregate(
        reconsiderations=Count("pk", filter=Q(kind=ChallengeKind.RECONSIDERATION)),
        lawsuits=Count("pk", filter=Q(kind=ChallengeKind.LITIGATION)),
    )
    concluded = Challenge.objects.filter(case__agency=agency, concluded_on__year=year).aggregate(
        upheld=Count("pk", filter=Q(outcome=ChallengeOutcome.UPHELD)),
        voided=Count("pk", filter=Q(outcome__in=VOIDING_OUTCOMES)),
    )
    return [
        Figure(SECTION, "challenge.reconsiderations", "被申请行政复议数", filed["reconsiderations"]),
        Figure(SECTION, "challenge.lawsuits", "被提起行政诉讼数", filed["lawsuits"]),
        Figure(SECTION, "challenge.upheld", "复议、诉讼维持数", concluded["upheld"]),
        Figure(SECTION, "challenge.voided", "被撤销、变更或确认违法数", concluded["voided"]),
    ]
