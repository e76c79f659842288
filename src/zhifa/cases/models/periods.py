from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from zhifa.core.models import Agency

# not law: the departmental rules known to us give 三 (former 工商) to 五 (市场监管) working days; a
# longer period only delays every decision within the 90-day limit of 行政处罚法 第六十条
STATEMENT_WORKDAYS_MIN, STATEMENT_WORKDAYS_MAX = 3, 15


class StatementPeriod(models.Model):
    """陈述、申辩期限 of one agency (行政处罚法 第四十五条 gives the right, the department's rules the
    period): the working days after the 告知书 is served. An agency without a row uses the setting
    ZHIFA_STATEMENT_WORKDAYS (cases.clocks.statement_workdays). Changed only through
    cases.periods.statement_period_set, which records it."""

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="statement_period"
    )
    workdays = models.PositiveSmallIntegerField(
        "陈述、申辩期限（工作日）",
        validators=[MinValueValidator(STATEMENT_WORKDAYS_MIN), MaxValueValidator(STATEMENT_WORKDAYS_MAX)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("设置时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "陈述申辩期限设置"

    def __str__(self) -> str:
        return f"{self.agency}：{self.workdays}个工作日"
