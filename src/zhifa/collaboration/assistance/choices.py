"""协助 (seed 004 五(二); seed 000 §1 异地行政执法协助): kinds and statuses."""

from django.db import models


class AssistanceKind(models.TextChoices):
    IDENTIFY = "identify", "认定"
    APPRAISE = "appraise", "技术鉴定"
    CONSULT = "consult", "咨询意见"
    ONSITE = "onsite", "现场处置（情况紧急或证据可能灭失）"
    ARCHIVE = "archive", "查阅、复制档案资料"


class AssistanceStatus(models.TextChoices):
    SENT = "sent", "待签收"
    RECEIVED = "received", "办理中"
    ANSWERED = "answered", "已书面答复"
    DECLINED = "declined", "不予协助"


# 认定、鉴定、咨询: answered in writing (seed 004 五(二))
WRITTEN_KINDS = (AssistanceKind.IDENTIFY, AssistanceKind.APPRAISE, AssistanceKind.CONSULT)
