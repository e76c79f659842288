from django.db import models


class SystemKind(models.TextChoices):
    """系统类别, after the systems seed 002 (十二) names as those the platform's data is pooled with."""

    CASE_HANDLING = "case_handling", "执法办案系统"
    MOBILE = "mobile", "移动执法系统"
    REGULATION = "regulation", "“互联网+监管”系统"
    RANDOM_INSPECTION = "random_inspection", "“双随机、一公开”监管系统"
    APPROVAL = "approval", "行政审批系统"
    CREDIT = "credit", "公共信用信息系统"
    OTHER = "other", "其他业务系统"


class SystemLevel(models.TextChoices):
    """建设层级: a system the ministry or the province built for its whole 系统 is used, not kept, locally."""

    NATIONAL = "national", "国家部委统建"
    PROVINCIAL = "provincial", "省级统建"
    MUNICIPAL = "municipal", "市级统建"
    OWN = "own", "本级自建"


class Connection(models.TextChoices):
    """与本平台的数据对接 (seed 002 (十二): 数据标准兼容和数据归集共享)."""

    NONE = "none", "未对接"
    IN_PROGRESS = "in_progress", "对接中"
    CONNECTED = "connected", "已对接"


class SystemStatus(models.TextChoices):
    """Only a system 在用 counts in the 摸底统计."""

    IN_USE = "in_use", "在用"
    RETIRED = "retired", "停用"
