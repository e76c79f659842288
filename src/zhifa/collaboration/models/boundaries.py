"""职责边界: the register of catalogue items transferred from a business department (业务主管部门) to the
综合行政执法局 of a region (seed 004 二; 五(三) 行政处罚权划转), with the source department and the date.
`collaboration.boundaries.selectors.competent_agencies` reads it first (routing, the competence warning of
a transfer), the catalogue's ownership only for an item it does not name."""

from django.conf import settings
from django.db import models

from zhifa.catalog.models.catalog import item_code_validator
from zhifa.core.models import Agency, Region


class BoundaryItem(models.Model):
    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField("事项编码", max_length=32, validators=[item_code_validator])
    item_name = models.CharField("事项名称", max_length=200)
    from_agency = models.ForeignKey(
        Agency, verbose_name="划出部门", on_delete=models.PROTECT, related_name="boundary_out"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="承接的综合行政执法部门", on_delete=models.PROTECT, related_name="boundary_in"
    )
    transferred_on = models.DateField("划转日期")
    document = models.CharField("划转依据", max_length=128)
    ended_on = models.DateField("终止日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "职责边界（划转事项）"
        ordering = ["region_id", "item_code", "-transferred_on"]
        permissions = [("manage_boundaryitem", "维护职责边界")]
        indexes = [
            # the register's sortable columns (boundaries.selectors.BOUNDARY_SORTS), by the region
            models.Index(fields=["region", "item_code", "id"], name="boundary_region_code"),
            models.Index(fields=["region", "transferred_on", "id"], name="boundary_region_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "item_code"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_boundary_per_item_region",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_code} {self.item_name}（{self.from_agency} → {self.agency}）"
