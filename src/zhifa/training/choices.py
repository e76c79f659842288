from django.db import models


class PlanStatus(models.TextChoices):
    """年度培训计划: drafted by the agency, then 报送 to the justice bureau (read-only afterwards)."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
