"""The statuses of a 问题线索 and how a run was started."""

from django.db import models


class HitStatus(models.TextChoices):
    """A hit is open until a supervisor confirms or dismisses it, with a reason (never both, never back)."""

    OPEN = "open", "待核实"
    CONFIRMED = "confirmed", "已确认"
    DISMISSED = "dismissed", "已排除"


class RunTrigger(models.TextChoices):
    MANUAL = "manual", "手动运行"
    NIGHTLY = "nightly", "夜间定时"
    DEMO = "demo", "演示数据"


class FollowUp(models.TextChoices):
    """What a confirmed hit became."""

    ITEM = "item", "监督事项"
    OVERSIGHT = "oversight", "督办"
