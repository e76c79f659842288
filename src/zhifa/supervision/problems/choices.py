"""The categories and statuses of 突出问题清单 and 专项整治 (seed 001 §5, §14–17; seed 002 (四);
行政执法监督条例 for the categories it lists), and of the 电子技术监控设备 register (seed 001 §17)."""

from django.db import models


class Category(models.TextChoices):
    """突出问题的类别: the 条例's list, then the seeds' (001 §15 涉企乱罚款, §16 重放轻管, §17 电子技术监控设备)."""

    FINES = "fines", "乱罚款"
    PROFIT = "profit", "趋利性执法"
    FEES = "fees", "乱收费"
    INSPECTIONS = "inspections", "乱检查"
    SEIZURES = "seizures", "乱查封"
    FINE_INSTEAD = "fine_instead", "以罚代管"
    NOT_FILING = "not_filing", "有案不立"
    BUCK_PASSING = "buck_passing", "推诿扯皮"
    REMOTE = "remote", "违规异地执法"
    SELECTIVE = "selective", "选择性执法"
    INACTION = "inaction", "执法不作为乱作为"
    EXCESSIVE = "excessive", "恣意裁量、过度处罚、随意顶格处罚"
    MULTIPLE = "multiple", "多头执法"
    REPEATED = "repeated", "重复检查"
    UNPROFESSIONAL = "unprofessional", "执法不专业"
    EXTORTION = "extortion", "以执法权吃拿卡要"
    DEVOLUTION = "devolution", "放权不放资源（重放轻管）"
    DEVICES = "devices", "电子技术监控设备设置不规范"
    OTHER = "other", "其他问题"


class Source(models.TextChoices):
    """Who put the problem on the list: the agency itself (自查) or the justice bureau (监督发现)."""

    SELF = "self", "自查"
    SUPERVISION = "supervision", "监督发现"


class ProblemStatus(models.TextChoices):
    OPEN = "open", "整改中"
    CLOSED = "closed", "已整改销号"


class TaskStatus(models.TextChoices):
    """整改任务: 整改中 → 待回头看 → 已销号 (回头看未通过: back to 整改中)."""

    RECTIFYING = "rectifying", "整改中"
    SUBMITTED = "submitted", "待回头看"
    CLOSED = "closed", "已销号"


class ReportKind(models.TextChoices):
    PROGRESS = "progress", "整改进展"
    COMPLETION = "completion", "整改完成报告"


class DeviceStatus(models.TextChoices):
    """电子技术监控设备的状态 (seed 001 §17: 清理和规范)."""

    IN_USE = "in_use", "在用"
    STOPPED = "stopped", "停用"
    CLEARED = "cleared", "已清理"
