from django.db import models


class SubjectKind(models.TextChoices):
    """检查对象类别 (the same keywords as the "inspection.result_recorded" event)."""

    ORGANISATION = "organisation", "企业及其他组织"
    INDIVIDUAL_BUSINESS = "individual_business", "个体工商户"
    PERSON = "person", "自然人"


ENTERPRISE_KINDS = (SubjectKind.ORGANISATION, SubjectKind.INDIVIDUAL_BUSINESS)


class RiskLevel(models.TextChoices):
    """风险（信用）等级: A low risk … D high risk; each is a stratum of the draw."""

    A = "A", "A（低风险）"
    B = "B", "B（一般风险）"
    C = "C", "C（较高风险）"
    D = "D", "D（高风险）"


DEFAULT_RATIOS = {"A": "1", "B": "2", "C": "10", "D": "30"}  # percent per risk level


class PlanKind(models.TextChoices):
    YEARLY = "yearly", "年度抽查计划"
    JOINT = "joint", "跨部门联合抽查计划"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公布"


class DrawStatus(models.TextChoices):
    COMMITTED = "committed", "已公布承诺（待抽取）"
    DRAWN = "drawn", "已抽取（待公开种子）"
    REVEALED = "revealed", "已公开种子"


class TaskStatus(models.TextChoices):
    OPEN = "open", "待检查"
    IN_PROGRESS = "in_progress", "检查中"
    DONE = "done", "已完成"


class InspectionResult(models.TextChoices):
    NO_PROBLEM = "no_problem", "未发现问题"
    RECTIFY = "rectify", "发现问题已责令整改"
    CASE_OPENED = "case_opened", "发现问题已立案"
    NOT_FOUND = "not_found", "未找到检查对象"


class ReportStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class LenientKind(models.TextChoices):
    """包容审慎监管清单."""

    OBSERVATION = "observation", "观察期"
    NO_PENALTY = "no_penalty", "免罚清单"
