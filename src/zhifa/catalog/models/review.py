from django.conf import settings
from django.db import models
from django.db.models import Q

from zhifa.core.models import Agency

from ..choices import ListReviewStatus, ReviewedList
from .catalog import CatalogVersion


class VersionReview(models.Model):
    """One county reviewer's 审核 of one list of a submitted version: the justice bureau reviews the
    行政执法事项清单, the market regulator the 随机抽查事项清单 (seed 003 二(一)2). Scoped by the
    reviewing agency; the submitting agency reads it through its version."""

    version = models.ForeignKey(
        CatalogVersion, verbose_name="清单版本", on_delete=models.PROTECT, related_name="reviews"
    )
    list_name = models.CharField("审核的清单", max_length=16, choices=ReviewedList.choices)
    reviewer = models.ForeignKey(
        Agency, verbose_name="审核机关", on_delete=models.PROTECT, related_name="catalog_reviews"
    )
    status = models.CharField(
        "状态", max_length=16, choices=ListReviewStatus.choices, default=ListReviewStatus.PENDING
    )
    reason = models.TextField("退回理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    created_at = models.DateTimeField("报送时间", auto_now_add=True)

    jurisdiction_field = "reviewer"

    class Meta:
        verbose_name = verbose_name_plural = "清单审核"
        ordering = ["-created_at", "-id"]
        permissions = [("approve_version", "审核执法事项清单、随机抽查事项清单")]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "list_name"],
                condition=Q(status="pending"),
                name="one_pending_review_per_list",
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.get_list_name_display()}审核（{self.get_status_display()}）"
