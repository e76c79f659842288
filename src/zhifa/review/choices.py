from django.db import models


class ReviewStatus(models.TextChoices):
    """Where a 法制审核 stands. PROBLEMS waits for the handling unit's answer (or its disagreement);
    DISPUTED waits for the agency's collective discussion or head."""

    SUBMITTED = "submitted", "待审核"
    PROBLEMS = "problems", "存在问题（待承办机构处理）"
    DISPUTED = "disputed", "有异议（待集体讨论或机关负责人决定）"
    PASSED = "passed", "审核通过"


class CheckPoint(models.TextChoices):
    """审核要点 of seed 003 §4(二)1, in its order."""

    BODY = "body", "行政执法主体是否合法"
    QUALIFICATION = "qualification", "行政执法人员是否具备执法资格"
    PROCEDURE = "procedure", "行政执法程序是否合法"
    FACTS = "facts", "案件事实是否清楚，证据是否合法充分"
    LAW = "law", "适用法律、法规、规章是否准确"
    DISCRETION = "discretion", "裁量基准运用是否适当"
    AUTHORITY = "authority", "是否超越执法机关法定权限"
    DOCUMENTS = "documents", "行政执法文书是否完备、规范"
    CRIME = "crime", "违法行为是否涉嫌犯罪、需要移送司法机关"


class OpinionResult(models.TextChoices):
    AGREE = "agree", "同意"
    PROBLEMS = "problems", "存在问题"


class ResolutionMethod(models.TextChoices):
    COLLECTIVE = "collective", "集体讨论"
    HEAD = "head", "机关负责人决定"


class ResolutionOutcome(models.TextChoices):
    UPHOLD = "uphold", "采纳法制审核意见（承办机构整改后重新送审）"
    OVERRULE = "overrule", "不采纳法制审核意见（按拟处理意见办理）"


class AdviserRole(models.TextChoices):
    LEGAL_ADVISER = "legal_adviser", "法律顾问"
    PUBLIC_LAWYER = "public_lawyer", "公职律师"
