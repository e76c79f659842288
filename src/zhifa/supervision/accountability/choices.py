"""The sources, statuses and outcomes of 责任追究案件 (seed 000 §21; seed 002 (十); seed 003 四(二)2)."""

from django.db import models


class SourceKind(models.TextChoices):
    """Where a proceeding comes from."""

    FINDING = "finding", "执法监督发现的问题"
    CHALLENGE = "challenge", "被纠错的行政行为（复议撤销、变更、确认违法或诉讼败诉）"
    COMPLAINT = "complaint", "投诉举报"
    OVERDUE_DUTY = "overdue_duty", "逾期未履行法定职责"


class ProceedingStatus(models.TextChoices):
    """立案 → 调查 → 告知 → 听取陈述申辩 → 决定."""

    FILED = "filed", "已立案"
    INVESTIGATING = "investigating", "调查中"
    NOTIFIED = "notified", "已告知拟处理意见"
    HEARD = "heard", "已听取陈述申辩"
    DECIDED = "decided", "已作出决定"


class Outcome(models.TextChoices):
    """处理决定: the sanctions, and the 免责 decisions (尽职免责、容错) the seeds ask for with their reasons."""

    CRITICISM = "criticism", "批评教育"
    CIRCULAR = "circular", "通报批评"
    SUSPEND = "suspend", "暂扣执法证"
    REVOKE = "revoke", "收回执法证"
    REFER = "refer", "移送纪检监察机关"
    DUE_DILIGENCE = "due_diligence", "尽职免责"
    TOLERANCE = "tolerance", "容错免责"


EXEMPTIONS = frozenset({Outcome.DUE_DILIGENCE, Outcome.TOLERANCE})
CERTIFICATE_OUTCOMES = frozenset({Outcome.SUSPEND, Outcome.REVOKE})
