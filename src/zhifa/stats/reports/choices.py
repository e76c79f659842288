"""报送: statuses of a submission (code + Chinese label)."""

from django.db import models


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", "待填报"
    SUBMITTED = "submitted", "已报送待审核"
    RETURNED = "returned", "已退回待修改"
    ACCEPTED = "accepted", "已审核通过"


OPEN = (SubmissionStatus.PENDING, SubmissionStatus.RETURNED)  # the agency still owes it
