"""Periods of 联合执法 (seed 004, 武政发〔2021〕15号)."""

from datetime import date

from django.utils import timezone

# 四(一)2 专项启动机制: "可提前5日前向联合执法领导小组办公室提出申请并同时报送联合执法方案" — calendar days
# between the application and the first day of the action (the text says 日, not 工作日).
SPECIAL_APPLY_DAYS = 5
SPECIAL_APPLY_BASIS = "武政发〔2021〕15号 四(一)2"


def today() -> date:
    """The joint actions' clock (one function, so tests can set the day)."""
    return timezone.localdate()
