"""The kinds and statuses of 监督事项 (行政执法监督条例, 国务院令第825号, in force since 2026-02-01)."""

from django.db import models


class SupervisionKind(models.TextChoices):
    """行政执法监督的方式: 日常监督、重点监督、专项监督."""

    ROUTINE = "routine", "日常监督"
    KEY = "key", "重点监督"
    SPECIAL = "special", "专项监督"


class TargetKind(models.TextChoices):
    """监督对象: 一个行政执法机关、一件案件，或一个专项主题（涉及的各机关各立一项）."""

    AGENCY = "agency", "行政执法机关"
    CASE = "case", "具体案件"
    THEME = "theme", "专项主题"


class ProblemCategory(models.TextChoices):
    """条例列举的突出问题."""

    NOT_FILING = "not_filing", "有案不立"
    BUCK_PASSING = "buck_passing", "推诿扯皮"
    FINE_INSTEAD = "fine_instead", "以罚代管"
    REMOTE = "remote", "违规异地执法"
    PROFIT = "profit", "趋利性执法"
    FEES = "fees", "乱收费"
    FINES = "fines", "乱罚款"
    INSPECTIONS = "inspections", "乱检查"
    SEIZURES = "seizures", "乱查封"
    OTHER = "other", "其他问题"


class ItemStatus(models.TextChoices):
    """Where a 监督事项 stands."""

    OPEN = "open", "核查中"
    AWAITING = "awaiting", "待答复整改"
    REPLIED = "replied", "整改待审查"
    CLOSED = "closed", "已办结"


class Grade(models.TextChoices):
    """分级监督文书, in rising order: a later instrument of an item is never of a lower grade."""

    NOTICE = "notice", "行政执法监督通知书"
    OPINION = "opinion", "行政执法监督意见书"
    DECISION = "decision", "行政执法监督决定书"


GRADE_ORDER: dict[str, int] = {grade: index for index, grade in enumerate(Grade.values)}
# 文号 kinds (core.numbering): 江司监通〔2026〕1号
NUMBER_KINDS: dict[str, str] = {Grade.NOTICE: "监通", Grade.OPINION: "监意", Grade.DECISION: "监决"}


class EscalationStep(models.TextChoices):
    """逾期未答复或未整改的升级阶梯: 限期整改 → 约谈 → 通报 / 报告本级政府."""

    DEADLINE = "deadline", "限期整改"
    INTERVIEW = "interview", "约谈"
    CIRCULAR = "circular", "通报"
    REPORT = "report", "报告本级政府"


LADDER: dict[str, int] = {
    EscalationStep.DEADLINE: 1,
    EscalationStep.INTERVIEW: 2,
    EscalationStep.CIRCULAR: 3,
    EscalationStep.REPORT: 3,
}


class ReplyOutcome(models.TextChoices):
    PENDING = "pending", "待审查"
    ACCEPTED = "accepted", "整改验收通过"
    RETURNED = "returned", "退回重新整改"
