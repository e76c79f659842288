from django.db import models


class DisclosureKind(models.TextChoices):
    """执法类别 of a disclosed decision; the deadline follows from it (publicity.clocks)."""

    LICENCE = "licence", "行政许可"
    PENALTY = "penalty", "行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    COERCION = "coercion", "行政强制"
    OTHER = "other", "其他执法决定"
    INSPECTION = "inspection", "检查结果"


class DisclosureStatus(models.TextChoices):
    DRAFT = "draft", "待审核"
    WITHHELD = "withheld", "不予公开"
    PUBLISHED = "published", "已公示"
    SUPERSEDED = "superseded", "已更正（被新版本取代）"
    WITHDRAWN = "withdrawn", "已撤回"
    EXPIRED = "expired", "公示期满撤下"


# What the public may still open: superseded entries stay readable with a notice pointing to the new one.
READABLE = (DisclosureStatus.PUBLISHED, DisclosureStatus.SUPERSEDED)
# Shown as a notice only (content hidden).
TAKEN_DOWN = (DisclosureStatus.WITHDRAWN, DisclosureStatus.EXPIRED)


class SubjectKind(models.TextChoices):
    PERSON = "person", "自然人"
    INDIVIDUAL_BUSINESS = "individual_business", "个体工商户"
    ORGANISATION = "organisation", "法人或其他组织"


class WithholdReason(models.TextChoices):
    """Why a decision is not published (marked instead of disclosed)."""

    MINOR = "minor", "涉及未成年人"
    STATE_SECRET = "state_secret", "涉及国家秘密"
    TRADE_SECRET = "trade_secret", "涉及商业秘密"
    PRIVACY = "privacy", "涉及个人隐私"
    VOIDED = "voided", "决定已被撤销、变更或确认违法"
    OTHER = "other", "其他依法不予公开的情形"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公开"
