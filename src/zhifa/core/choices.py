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
    DEPARTMENT = "department", "行政执法部门"
    COMPREHENSIVE = "comprehensive", "综合行政执法机构"
    TOWNSHIP = "township", "乡镇街道"
    DEVELOPMENT_ZONE = "devzone", "开发区管理机构"
    OTHER = "other", "其他"


class DayKind(models.TextChoices):
    """A day's kind in the statutory calendar."""

    HOLIDAY = "holiday", "休息日（法定节假日）"
    WORKDAY = "workday", "工作日（含调休上班）"
