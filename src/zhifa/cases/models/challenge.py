from django.db import models

from ..choices import VOIDING_OUTCOMES, ChallengeKind, ChallengeOutcome
from .case import Case


class Challenge(models.Model):
    """行政复议 or 行政诉讼 against a case's decision, and its outcome. A revoked, changed or unlawful
    decision makes its public disclosure come down (publicity listens for "case.decision_challenged")."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="challenges")
    kind = models.CharField("救济途径", max_length=16, choices=ChallengeKind.choices)
    organ = models.CharField("复议机关或人民法院", max_length=128)
    filed_on = models.DateField("申请（起诉）日期")
    outcome = models.CharField(
        "结果", max_length=16, choices=ChallengeOutcome.choices, default=ChallengeOutcome.PENDING
    )
    concluded_on = models.DateField("结果日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["case_id", "filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.organ}）{self.get_outcome_display()}"

    @property
    def is_pending(self) -> bool:
        return self.outcome == ChallengeOutcome.PENDING

    @property
    def voids_decision(self) -> bool:
        return self.outcome in VOIDING_OUTCOMES
