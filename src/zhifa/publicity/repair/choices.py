from django.db import models


class RepairStatus(models.TextChoices):
    PENDING = "pending", "待决定"
    APPROVED = "approved", "同意修复"
    REFUSED = "refused", "不同意修复"


class Severity(models.TextChoices):
    """失信程度 of the penalised conduct: it sets the minimum publication period (clocks)."""

    GENERAL = "general", "一般失信行为"
    SERIOUS = "serious", "严重失信行为"


class RepairOutcome(models.TextChoices):
    """What an approved request does to the disclosure."""

    WITHDRAW = "withdraw", "撤下公示"
    SHORTEN = "shorten", "提前结束公示"
