from django.db import models


class ActionKind(models.TextChoices):
    """启动机制 (seed 004 四(一)): how a joint action starts."""

    ROUTINE = "routine", "常规联合执法"
    SPECIAL = "special", "专项联合执法"
    EMERGENCY = "emergency", "应急联合执法"


class ActionStatus(models.TextChoices):
    APPLIED = "applied", "待办公室审批"
    REFUSED = "refused", "不予同意"
    REPORTED = "reported", "已报告，待拟定方案"
    DRAFTED = "drafted", "方案待组长批准"
    DEPLOYED = "deployed", "已部署"
    ACTIVE = "active", "实施中"
    FINISHED = "finished", "已结束"


class FindingStatus(models.TextChoices):
    RECORDED = "recorded", "待分案"
    SPLIT = "split", "已分案"
    NOTIFIED = "notified", "已通知有权部门"
    HANDED_OVER = "handed_over", "已现场交接"


class HandoverStatus(models.TextChoices):
    NOTIFIED = "notified", "已通知"
    ARRIVED = "arrived", "已到场"
    HANDED_OVER = "handed_over", "已交接"
