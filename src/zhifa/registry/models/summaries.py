"""工作台 figures of one scope, counted ahead so the 工作台 costs the same for 300 officers or 300,000."""

from django.conf import settings
from django.db import models


class ScopeSummary(models.Model):
    """执法人员管理 figures (expiring / expired / due-for-recheck certificates, officers short of training,
    key posts due for rotation) over the officers one kind of viewer may see: the jurisdiction of an
    agency's staff under the scopes their roles give (`scope`, e.g. "a12|c:region|o:region").

    Derived data, not a record of anything: recounted by the hourly task `registry-summaries` and on the
    page when older than ZHIFA_WORKBENCH_SUMMARY_MAX_AGE or counted for another day, so no event is
    logged. `viewer` is whose access it was last counted with (the scheduled task counts as them)."""

    scope = models.CharField("统计范围", max_length=120, unique=True)
    agency = models.ForeignKey("core.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="统计所用账号", on_delete=models.CASCADE, related_name="+"
    )
    counted_on = models.DateField("统计日")
    counted_at = models.DateTimeField("统计时间")
    expiring = models.PositiveIntegerField("30日内到期的证件", default=0)
    expired = models.PositiveIntegerField("已过期的证件", default=0)
    recheck = models.PositiveIntegerField("应审验的证件", default=0)
    training_year = models.PositiveSmallIntegerField("培训年度")
    training_short = models.PositiveIntegerField("培训学时未达标人数", default=0)
    training_agency = models.ForeignKey(
        "core.Agency",
        verbose_name="未达标人员所在机关",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )  # the one agency when all of them are in one (the link opens its training page)
    rotation = models.PositiveIntegerField("应轮岗人数", default=0)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = "工作台统计"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.scope} @ {self.counted_at:%Y-%m-%d %H:%M}"
