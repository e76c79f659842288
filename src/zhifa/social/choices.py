"""Kinds and statuses of 社会监督."""

from django.db import models


class PersonCategory(models.TextChoices):
    """行政执法监督员的身份类别 (《行政执法监督条例》: 人大代表、政协委员、行业代表、专家学者等参与)."""

    NPC_DEPUTY = "npc", "人大代表"
    CPPCC_MEMBER = "cppcc", "政协委员"
    INDUSTRY = "industry", "行业代表"
    EXPERT = "expert", "专家学者"
    LAWYER = "lawyer", "律师"
    PUBLIC = "public", "群众代表"
    OTHER = "other", "其他"


class SupervisorStatus(models.TextChoices):
    """A 监督员's standing: appointed (while the term lasts) or dismissed (解聘, with the reason)."""

    APPOINTED = "appointed", "已聘任"
    DISMISSED = "dismissed", "已解聘"


class PointKind(models.TextChoices):
    """监督联系点的类型."""

    ENTERPRISE = "enterprise", "企业"
    ASSOCIATION = "association", "行业协会商会"
    COMMUNITY = "community", "村（社区）"
    OTHER = "other", "其他单位"


class PointStatus(models.TextChoices):
    ACTIVE = "active", "已设立"
    REVOKED = "revoked", "已撤销"


class TermState(models.TextChoices):
    """What a register row's term means today (computed from its dates, never stored)."""

    NOT_STARTED = "not_started", "未到任期"
    SERVING = "serving", "任期内"
    EXPIRING = "expiring", "即将到期"
    EXPIRED = "expired", "已到期"
    ENDED = "ended", "已解聘或撤销"


class FeedbackSource(models.TextChoices):
    SUPERVISOR = "supervisor", "行政执法监督员"
    CONTACT_POINT = "contact_point", "监督联系点"


class FeedbackStatus(models.TextChoices):
    """Where a feedback stands with the justice bureau."""

    RECEIVED = "received", "待受理"
    ACKNOWLEDGED = "acknowledged", "已受理"
    ANSWERED = "answered", "已答复"
    SUPERVISED = "supervised", "已转监督事项"
    FORWARDED = "forwarded", "已转投诉举报"


class SurveyMethod(models.TextChoices):
    """How the opinions were gathered (seed 002 (十八): 第三方测评)."""

    VISIT = "visit", "回访"
    QUESTIONNAIRE = "questionnaire", "问卷调查"
    THIRD_PARTY = "third_party", "第三方测评"


class SurveyStatus(models.TextChoices):
    OPEN = "open", "录入中"
    CLOSED = "closed", "已结束"


class RespondentKind(models.TextChoices):
    ENTERPRISE = "enterprise", "企业"
    PUBLIC = "public", "群众"
    SUPERVISOR = "supervisor", "行政执法监督员"
    CONTACT_POINT = "contact_point", "监督联系点"
    OTHER = "other", "其他"


class Rating(models.TextChoices):
    """满意度评价 (好差评的三级)."""

    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"
