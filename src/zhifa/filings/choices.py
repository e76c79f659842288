from django.db import models


class FilingKind(models.TextChoices):
    """What an agency files with the justice bureau (seed 000 §13: 执法流程图 报本级司法行政部门备案; seed 003
    五(二): 执法工作手册 报县司法局备案)."""

    FLOW_CHART = "flow_chart", "行政执法流程图"
    MANUAL = "manual", "行政执法工作手册"


class FilingStatus(models.TextChoices):
    """Where a filing stands; the moves are filings.transitions.TABLE."""

    SUBMITTED = "submitted", "待备案审查"
    ACCEPTED = "accepted", "备案通过"
    RETURNED = "returned", "已退回"
