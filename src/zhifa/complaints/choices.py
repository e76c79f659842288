"""The kinds, channels, statuses and ratings of 投诉举报."""

from django.db import models


class Kind(models.TextChoices):
    """投诉 concerns the complainant's own rights; 举报 reports a violation of others (or of an agency)."""

    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"


class Channel(models.TextChoices):
    """Where it came in (seed 000 §20: 部门举报渠道与“12345”平台整合; seed 002 (十五): 监督联系点、监督员)."""

    PORTAL = "portal", "门户网站"
    WINDOW = "window", "窗口或电话"
    HOTLINE = "hotline", "12345热线"
    SUPERVISOR = "supervisor", "社会监督员或监督联系点反馈"
    LETTER = "letter", "信函"
    OTHER = "other", "其他"


class Status(models.TextChoices):
    """受理待定 → 已受理 / 已转办 → 办理中 → 已答复 → 已评价 / 重新办理 / 提交监督 → 办结."""

    PENDING = "pending", "受理待定"
    TRANSFERRED = "transferred", "已转办"
    DISPUTED = "disputed", "转办争议"
    ACCEPTED = "accepted", "已受理"
    HANDLING = "handling", "办理中"
    REPLIED = "replied", "已答复"
    RATED = "rated", "已评价"
    REOPENED = "reopened", "重新办理"
    SUPERVISING = "supervising", "提交监督"
    CLOSED = "closed", "办结"


OPEN_STATUSES = tuple(s for s in Status.values if s != Status.CLOSED)
# before acceptance: the acknowledge clock runs; after it the reply clock
UNACCEPTED = (Status.PENDING, Status.TRANSFERRED, Status.DISPUTED)
IN_HAND = (Status.ACCEPTED, Status.HANDLING, Status.REOPENED)


class Rating(models.TextChoices):
    """政务服务“好差评” (seed 000 §20)."""

    SATISFIED = "satisfied", "满意"
    FAIRLY = "fairly", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Wish(models.TextChoices):
    """What a complainant who is not satisfied asks for."""

    REOPEN = "reopen", "要求重新办理"
    SUPERVISE = "supervise", "提请司法行政机关监督"
