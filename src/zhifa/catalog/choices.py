from django.db import models


class ItemCategory(models.TextChoices):
    """行政执法事项的权力类别."""

    LICENSE = "license", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    REQUISITION = "requisition", "行政征用"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    BENEFIT = "benefit", "行政给付"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他"


class ItemLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"


class LegalRank(models.TextChoices):
    """法律渊源的位阶, highest first."""

    LAW = "law", "法律"
    ADMIN_REGULATION = "admin_regulation", "行政法规"
    LOCAL_REGULATION = "local_regulation", "地方性法规"
    DEPARTMENT_RULE = "department_rule", "部门规章"
    LOCAL_RULE = "local_rule", "地方政府规章"
    NORMATIVE = "normative", "规范性文件"


class VersionStatus(models.TextChoices):
    """A version's states; the moves between them are catalog.transitions.TABLE."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "已退回"
    PUBLISHED = "published", "已发布"


OPEN_STATUSES = (VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.RETURNED)


class ReviewedList(models.TextChoices):
    """The lists that need a county reviewer's approval before they take effect (seed 003 二(一)2)."""

    CATALOG = "catalog", "行政执法事项清单"
    RANDOM = "random", "随机抽查事项清单"


class ListReviewStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "审核通过"
    RETURNED = "returned", "已退回"
    CLOSED = "closed", "已终止（另一审核机关已退回）"


class ChangeReason(models.TextChoices):
    """Why a catalogue (or benchmark) version was published (seed 000 §3: 立改废释 and reforms)."""

    ENACTED = "enacted", "法律法规立"
    AMENDED = "amended", "法律法规改"
    REPEALED = "repealed", "法律法规废"
    INTERPRETED = "interpreted", "法律法规释"
    INSTITUTIONAL_REFORM = "institutional_reform", "机构改革"
    SYSTEM_REFORM = "system_reform", "行政执法体制改革"
    INITIAL = "initial", "首次编制"


class ProcedureStep(models.TextChoices):
    """Steps of the penalty procedure (行政处罚法 2021) that the catalogue can require audio-video
    recording for (音像记录事项); the cases app walks the same steps."""

    ON_SITE = "on_site", "现场检查（勘验）"
    EVIDENCE = "evidence", "调查取证"
    INQUIRY = "inquiry", "询问"
    SEIZURE = "seizure", "查封、扣押"
    HEARING = "hearing", "听证"
    SERVICE = "service", "送达"
    ENFORCEMENT = "enforcement", "强制执行"
    SIMPLE_DECISION = "simple_decision", "简易程序当场处罚"


class DelegationForm(models.TextChoices):
    """赋权乡镇的法定形式."""

    DECISION = "decision", "省政府赋权决定"
    CONCENTRATED = "concentrated", "相对集中行政处罚权"
    ENTRUSTMENT = "entrustment", "行政委托"


class DelegationStatus(models.TextChoices):
    ACTIVE = "active", "实施中"
    ADJUSTED = "adjusted", "已调整"
    WITHDRAWN = "withdrawn", "已收回"


class EvaluationOutcome(models.TextChoices):
    """赋权事项评估结论: 接不住、监管跟不上 → 收回."""

    KEEP = "keep", "继续实施"
    ADJUST = "adjust", "调整"
    WITHDRAW = "withdraw", "收回"


class CircumstanceLevel(models.TextChoices):
    MINOR = "minor", "轻微"
    ORDINARY = "ordinary", "一般"
    SERIOUS = "serious", "较重"
    GRAVE = "grave", "严重"


class FineBasis(models.TextChoices):
    """What a fine range is expressed in."""

    AMOUNT = "amount", "固定金额（元）"
    ILLEGAL_GAINS = "illegal_gains", "违法所得的倍数"
    GOODS_VALUE = "goods_value", "货值金额的倍数"


class ExemptionKind(models.TextChoices):
    """包容审慎 (seed 001 §12; 行政处罚法 第三十二、三十三条)."""

    FIRST_OFFENCE = "first_offence", "首违不罚"
    MINOR_NO_PENALTY = "minor", "轻微不罚"
    NO_FAULT = "no_fault", "无主观过错不罚"
    LIGHTER = "lighter", "从轻处罚"
    MITIGATED = "mitigated", "减轻处罚"


class PenaltyMeasure(models.TextChoices):
    """行政处罚的种类 (行政处罚法 第九条), in the article's order: the one name of each measure that
    decisions, review proposals, benchmarks, documents and 公示 all show (catalog.penalties)."""

    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATE_GAINS = "confiscate_gains", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    SUSPEND_LICENCE = "suspend_licence", "暂扣许可证件"
    DEMOTE_QUALIFICATION = "demote_qualification", "降低资质等级"
    REVOKE_LICENCE = "revoke_licence", "吊销许可证件"
    RESTRICT_BUSINESS = "restrict_business", "限制开展生产经营活动"
    SUSPEND_BUSINESS = "suspend_business", "责令停产停业"
    ORDER_CLOSURE = "order_closure", "责令关闭"
    RESTRICT_PRACTICE = "restrict_practice", "限制从业"
    OTHER = "other", "其他"
