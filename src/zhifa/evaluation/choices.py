"""评议考核: statuses and kinds."""

from django.db import models


class SchemeStatus(models.TextChoices):
    """A scheme version is edited as a draft and frozen once published (a change is a new version)."""

    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class Direction(models.TextChoices):
    """Whether a computed rate scores the more the higher it is (按时公示率) or the lower (超期率)."""

    HIGHER = "higher", "越高越好"
    LOWER = "lower", "越低越好"


class ConsequenceKind(models.TextChoices):
    """Seed 000 §19: 优秀 → 表彰奖励; 基本合格或不合格 → 通报, 限期整改."""

    COMMEND = "commend", "表彰"
    CIRCULATE = "circulate", "通报"
    RECTIFY = "rectify", "限期整改"
