"""典型案例 and 指导案例 (seed 001 §10: 典型案例收集评选; seed 002 (十四): 定期发布行政执法指导案例)."""

from django.conf import settings
from django.db import models

from zhifa.cases.models import Case
from zhifa.catalog.models import EnforcementItem
from zhifa.core.models import Agency

from .choices import ExemplarStatus


class Exemplar(models.Model):
    """典型案例 — a closed case an agency proposes with its write-up; the justice bureau selects (采纳) or
    returns it and publishes the masked text on the portal as a 指导案例."""

    agency = models.ForeignKey(Agency, verbose_name="推荐机关", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        EnforcementItem, verbose_name="执法事项", null=True, on_delete=models.PROTECT, related_name="+"
    )
    item_code = models.CharField("执法事项编码", max_length=64, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=ExemplarStatus.choices, default=ExemplarStatus.PROPOSED
    )
    title = models.CharField("标题", max_length=200)
    facts = models.TextField("案情")
    outcome = models.TextField("处理结果")
    significance = models.TextField("典型意义")
    return_reason = models.TextField("退回理由", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="推荐人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField("推荐日期")
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="遴选人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    # the portal's text: masked by publicity.masking when published, never edited afterwards
    public_title = models.CharField("公开标题", max_length=200, blank=True)
    public_facts = models.TextField("公开案情", blank=True)
    public_outcome = models.TextField("公开处理结果", blank=True)
    public_significance = models.TextField("公开典型意义", blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "典型案例"
        ordering = ["-proposed_on", "-id"]
        permissions = [
            ("propose_exemplar", "推荐典型案例"),
            ("select_exemplar", "遴选、退回、发布指导案例"),
        ]
        indexes = [
            models.Index(fields=["agency", "proposed_on", "id"], name="exemplar_agency_proposed"),
            models.Index(fields=["agency", "status", "id"], name="exemplar_agency_status"),
            # the portal: published cases by item, newest first
            models.Index(fields=["status", "item_code", "published_on"], name="exemplar_public_item"),
            models.Index(fields=["status", "published_on", "id"], name="exemplar_public"),
        ]

    def __str__(self) -> str:
        return self.title
