from django.db import models


class CaseSource(models.TextChoices):
    INSPECTION = "inspection", "检查发现"
    COMPLAINT = "complaint", "投诉举报"
    TRANSFER = "transfer", "移送"
    ASSIGNED = "assigned", "上级交办"
    MONITORING = "monitoring", "监测"
    OTHER = "other", "其他"
    JOINT = "joint", "联合执法"


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class CaseStatus(models.TextChoices):
    """Where a case stands. Which action leads from which status to which is the transition table's
    (cases.transitions); a simple-procedure case starts at SERVED, decided and served on the spot."""

    INTAKE = "intake", "待立案"
    INVESTIGATING = "investigating", "调查取证"
    REVIEWING = "reviewing", "审核"
    NOTIFIED = "notified", "已告知"
    HEARING = "hearing", "听证"
    DECIDED = "decided", "已决定"
    SERVED = "served", "已送达"
    EXECUTED = "executed", "执行完毕"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"
    DECLINED = "declined", "不予立案"


class DecisionKind(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    TRANSFER = "transfer", "移送"
    WITHDRAW = "withdraw", "撤销立案"


class ServiceMethod(models.TextChoices):
    """送达方式 (行政处罚法 第六十一条; 民事诉讼法)."""

    DIRECT = "direct", "直接送达"
    LEFT = "left", "留置送达"
    POST = "post", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"
    PUBLIC = "public", "公告送达"
    ON_SPOT = "on_spot", "当场交付"


class ExecutionKind(models.TextChoices):
    PAID = "paid", "已缴纳"
    INSTALMENTS = "instalments", "分期缴纳"
    DEFERRED = "deferred", "延期缴纳"
    COURT = "court", "申请人民法院强制执行"
    DONE = "done", "履行完毕（非罚款）"


class HandlerRole(models.TextChoices):
    LEAD = "lead", "主办人"
    CO = "co", "协办人"
    ASSISTANT = "assistant", "辅助人员"


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", "照片"
    AUDIO = "audio", "录音"
    VIDEO = "video", "视频"
    DOCUMENT = "document", "书证"
    EDATA = "edata", "电子数据"
    # the party's signed statement that it gives up 陈述、申辩 and 听证 (a scan or PDF): once recorded, a
    # penalty decision need not wait for the periods of the notice (cases.rules.decision_wait)
    WAIVER = "waiver", "放弃陈述申辩、听证的书面声明"


class ChallengeKind(models.TextChoices):
    """救济途径 of the party against a decision."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION = "litigation", "行政诉讼"


class ChallengeOutcome(models.TextChoices):
    PENDING = "pending", "审理中"
    UPHELD = "upheld", "维持（驳回请求）"
    REVOKED = "revoked", "撤销"
    CHANGED = "changed", "变更"
    UNLAWFUL = "unlawful", "确认违法"
    WITHDRAWN = "withdrawn", "申请人撤回"


# Outcomes after which the decision no longer stands as published (行政处罚法 第四十八条: withdraw the
# disclosure within three working days).
VOIDING_OUTCOMES = frozenset({ChallengeOutcome.REVOKED, ChallengeOutcome.CHANGED, ChallengeOutcome.UNLAWFUL})
