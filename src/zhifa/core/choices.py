from django.db import models


class RegionLevel(models.TextChoices):
    """行政区划级别."""

    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"


class AgencyKind(models.TextChoices):
    """机关/机构类别."""

    JUSTICE = "justice", "司法行政机关"
    # 设在乡镇（街道）的司法所: assists the county justice bureau's supervision (seed 001 二), reading the
    # township's records without acting on them (core.access.township_reader)
    JUSTICE_OFFICE = "justice_office", "司法所"
    DEPARTMENT = "department", "行政执法部门"
    COMPREHENSIVE = "comprehensive", "综合行政执法机构"
    TOWNSHIP = "township", "乡镇街道"
    DEVELOPMENT_ZONE = "devzone", "开发区管理机构"
    OTHER = "other", "其他"


# 司法行政机关 and the 司法所 in the townships: the justice administration, never an enforcement agency
# (the lists that mean "the agencies that enforce" exclude both)
JUSTICE_KINDS = (AgencyKind.JUSTICE, AgencyKind.JUSTICE_OFFICE)


class DayKind(models.TextChoices):
    """A day's kind in the statutory calendar."""

    HOLIDAY = "holiday", "休息日（法定节假日）"
    WORKDAY = "workday", "工作日（含调休上班）"


class NumberKind(models.TextChoices):
    """The kinds of document the product numbers through core.numbering (文号: <前缀>〔年〕N号). The value is
    what the numbering services pass as `kind` (tests/core/test_number_formats.py checks each caller's);
    an agency's 文号格式 gives one of them its own prefix."""

    REGISTER = "立", "立案审批表"
    PENALTY_NOTICE = "告", "行政处罚事先告知书"
    PENALTY_DECISION = "罚决", "行政处罚决定书"
    NO_PENALTY_DECISION = "不罚决", "不予行政处罚决定书"
    SIMPLE_PENALTY = "简罚", "当场行政处罚决定书"
    REVIEW_OPINION = "法审", "法制审核意见书"
    TRANSFER = "移", "案件移送函"
    ASSISTANCE = "协助", "行政执法协助函"
    SUPERVISION_NOTICE = "监通", "行政执法监督通知书"
    SUPERVISION_OPINION = "监意", "行政执法监督意见书"
    SUPERVISION_DECISION = "监决", "行政执法监督决定书"
    ACCOUNTABILITY = "追责", "责任追究决定书"
