"""抄告 and the 信息共享 register: kinds, statuses, categories (seed 004 五(一))."""

from django.db import models


class NoticeKind(models.TextChoices):
    APPROVAL = "approval", "审批决定抄告综合执法部门"
    PENALTY = "penalty", "处罚决定反馈业务主管部门"


class NoticeStatus(models.TextChoices):
    PENDING = "pending", "待抄告"
    SENT = "sent", "已抄告待签收"
    ACKNOWLEDGED = "acknowledged", "已签收"


class ShareCategory(models.TextChoices):
    """The seven kinds of information seed 004 五(一) puts in the sharing scope (1–7)."""

    RULES = "rules", "法律法规规章、技术规范、裁量基准等"
    DECISIONS = "decisions", "行政许可、备案、确认等行政决定"
    PENALTIES = "penalties", "行政处罚、行政强制决定及执行情况"
    STATISTICS = "statistics", "统计分析数据"
    DYNAMICS = "dynamics", "监督检查记录、执法简报等动态信息"
    MONITORING = "monitoring", "监控摄像设施及数据"
    OTHER = "other", "其他执法信息"


class ShareMethod(models.TextChoices):
    DATA = "data", "数据资源共享"
    NOTICE = "notice", "抄告"
    PLATFORM = "platform", "“互联网+监管”平台"
    WRITTEN = "written", "书面报送"
    OTHER = "other", "其他方式"
