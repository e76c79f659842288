from django.conf import settings
from django.db import models

from ..choices import DayKind


class HolidayOverride(models.Model):
    """法定节假日/调休 override: one date's kind, set by an admin when the State Council publishes a year
    the chinesecalendar package does not know yet (or to correct a known one)."""

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=16, choices=DayKind.choices)
    name = models.CharField("说明", max_length=64, blank=True, help_text="如：春节、国庆节调休上班")
    # who entered it and when (节假日调整 lists them); empty for rows entered before these were kept
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="设置人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField("设置时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "节假日调整"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()
