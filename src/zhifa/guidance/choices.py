from django.db import models


class ExemplarStatus(models.TextChoices):
    PROPOSED = "proposed", "待遴选"
    RETURNED = "returned", "已退回"
    ADOPTED = "adopted", "已采纳"
    PUBLISHED = "published", "已发布"
