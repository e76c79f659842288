from django.db import models


class MessageKind(models.TextChoices):
    """What a message is about; the list shows the label as a badge."""

    ASSIGNED = "assigned", "任务分派"
    DUE = "due", "期限提醒"
    RETURNED = "returned", "退回"
    ESCALATED = "escalated", "督办/升级"
    OTHER = "other", "其他"
