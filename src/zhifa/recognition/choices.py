from django.db import models


class AwardKind(models.TextChoices):
    """表彰奖励的种类 (公务员奖励规定 第五条's 嘉奖、记功、授予称号, and the commendations of 评议考核)."""

    COMMENDATION = "commendation", "嘉奖"
    MERIT_THIRD = "merit3", "记三等功"
    MERIT_SECOND = "merit2", "记二等功"
    MERIT_FIRST = "merit1", "记一等功"
    HONOUR = "honour", "授予荣誉称号"
    NOTICE = "notice", "通报表扬"
    EXCELLENT = "excellent", "评议考核优秀"
    OTHER = "other", "其他表彰"


class AwardLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    AGENCY = "agency", "本机关"


class AwardeeKind(models.TextChoices):
    OFFICER = "officer", "个人"
    AGENCY = "agency", "集体"
