from django.db import models


class MemberRole(models.TextChoices):
    """领导小组 (seed 004 二): 组长 县政府分管领导; 副组长 县府办、编办、司法局、综合行政执法局负责人; 成员 各业务主管部门负责人."""

    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"
