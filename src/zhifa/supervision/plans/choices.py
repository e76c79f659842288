"""Statuses and kinds of 监督计划、工作台账 and 督办 (code + Chinese label)."""

from django.db import models


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "草拟中"
    PUBLISHED = "published", "已印发"


class TaskKind(models.TextChoices):
    """行政执法监督条例: supervision is 日常, 重点 or 专项."""

    DAILY = "daily", "日常监督"
    KEY = "key", "重点监督"
    SPECIAL = "special", "专项监督"


class EntryStatus(models.TextChoices):
    PENDING = "pending", "待报送"
    REPORTED = "reported", "已报送"


class OversightStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "督办中"
    ESCALATED = "escalated", "已提级督办"
    CLOSED = "closed", "已办结"


class OversightGround(models.TextChoices):
    """Seed 002 (十五): 有重大社会影响的、反复发生的以及造成严重后果的行政执法案事件."""

    MAJOR = "major", "有重大社会影响"
    REPEATED = "repeated", "反复发生"
    SERIOUS = "serious", "造成严重后果"
