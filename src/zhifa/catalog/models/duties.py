from django.db import models

from zhifa.core.models import Agency


class OrgUnit(models.Model):
    """内设执法机构或岗位 inside an agency (e.g. 执法一队 / 案件审核岗)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="org_units"
    )
    name = models.CharField("机构/岗位名称", max_length=64)
    parent = models.ForeignKey(
        "self", verbose_name="所属机构", null=True, blank=True, on_delete=models.PROTECT, related_name="posts"
    )

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "执法机构与岗位"
        ordering = ["agency_id", "parent_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "parent", "name"], name="uniq_org_unit_name"),
            # NULL parents never collide in a unique index: top-level units need their own constraint
            models.UniqueConstraint(
                fields=["agency", "name"],
                condition=models.Q(parent__isnull=True),
                name="uniq_top_org_unit_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name}/{self.name}" if self.parent_id else self.name


class DutyAssignment(models.Model):
    """岗位职权分解 — an item (by code, so it survives new catalogue versions) held by a unit or post.
    Two holders of one item need a written division of work, or the item is an overlap (seed 000 §4)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="duty_assignments"
    )
    item_code = models.CharField("事项编码", max_length=32)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="机构/岗位", on_delete=models.PROTECT, related_name="assignments"
    )
    division = models.CharField("分工说明", max_length=200, blank=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "岗位职权分解"
        ordering = ["agency_id", "item_code"]
        constraints = [models.UniqueConstraint(fields=["unit", "item_code"], name="uniq_duty_assignment")]

    def __str__(self) -> str:
        return f"{self.item_code} → {self.unit}"
