"""Statuses and kinds of a 案件移送 (seed 004 五(三); seed 000 §2) and of a 管辖争议 (seed 004 五(三)4, 六(四))."""

from django.db import models


class TransferStatus(models.TextChoices):
    PENDING = "pending", "待领导批准"
    SENT = "sent", "已移送待签收"
    RECEIVED = "received", "已签收待处理"
    ACCEPTED = "accepted", "已接收"
    REFUSED = "refused", "已拒收"
    DISPUTED = "disputed", "管辖争议处理中"
    RETURNED = "returned", "由移送机关办理"
    WITHDRAWN = "withdrawn", "已撤回"


class TransferKind(models.TextChoices):
    CASE = "case", "案件移送"
    LEAD = "lead", "线索移送（立案前）"
    TOWNSHIP = "township", "乡镇（街道）超出赋权事项通报移送"


class EvidenceCheck(models.TextChoices):
    PENDING = "pending", "待核验"
    MATCHED = "matched", "哈希值一致"
    MISMATCHED = "mismatched", "哈希值不符"


class DisputeForum(models.TextChoices):
    JUSTICE = "justice", "县司法局决定（案件管辖争议）"
    BIANBAN = "bianban", "县委编办协调、县政府决定（职责分工争议）"


class DisputeStatus(models.TextChoices):
    OPEN = "open", "待决定"
    DECIDED = "decided", "已决定"
