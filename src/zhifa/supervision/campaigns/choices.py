"""Statuses and kinds of 案卷评查 (codes with their Chinese labels)."""

from django.db import models


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "筹备中"
    COMMITTED = "committed", "已公布抽取承诺"
    REVIEWING = "reviewing", "评查中"
    CONCLUDED = "concluded", "评查结束"
    PUBLISHED = "published", "结果已公布"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class Section(models.TextChoices):
    VETO = "veto", "否决项"
    FORM = "form", "形式评查"
    CONTENT = "content", "内容评查"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class FileStatus(models.TextChoices):
    ASSIGNING = "assigning", "待分配评查人"
    REVIEWING = "reviewing", "评查中"
    DISPUTED = "disputed", "分歧待第三人评查"
    FINAL = "final", "已评定"


class ReviewRole(models.TextChoices):
    FIRST = "first", "第一评查人"
    SECOND = "second", "第二评查人"
    THIRD = "third", "第三评查人（分歧复评）"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "待评分"
    SUBMITTED = "submitted", "已提交"


class PreCheck(models.TextChoices):
    """What the automatic pre-scoring reads from the platform's own data for an item."""

    BODY = "body", "执法主体资格"
    CERTIFICATES = "certificates", "执法证件在各环节有效"
    OFFICERS = "officers", "承办执法人员不少于两人"
    EVIDENCE = "evidence", "证据材料"
    CRIME = "crime", "涉嫌犯罪案件移送"
    DOCUMENTS = "documents", "文书齐全并编号"
    SERVICE = "service", "送达及时"
    DEADLINES = "deadlines", "办案期限"
    AUDIO_VIDEO = "audio_video", "音像记录"
    DISCRETION = "discretion", "罚款在裁量基准内或说明理由"
