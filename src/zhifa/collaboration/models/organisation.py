"""联合执法领导小组 and its office, per region (seed 004 二), and each department's 联络员 (seed 004 七(四):
"应指定专人负责对接联络、协作配合工作"). Edited by the region's 司法局 or the office through
collaboration.organisation.services; every change recorded."""

from django.conf import settings
from django.db import models

from zhifa.collaboration.organisation.choices import MemberRole
from zhifa.core.models import Agency, Region


class LeadingGroup(models.Model):
    """“1+X”联合执法领导小组 of one region: the office (领导小组办公室, 设在综合行政执法局) coordinates, approves
    专项 actions and drafts 应急 plans; the leader (组长) approves 应急 plans."""

    region = models.OneToOneField(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(
        Agency, verbose_name="领导小组办公室所在机关", on_delete=models.PROTECT, related_name="joint_groups"
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="组长（审批账号）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField("说明", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "office"

    class Meta:
        verbose_name = verbose_name_plural = "联合执法领导小组"

    def __str__(self) -> str:
        return f"{self.region.name}“1+X”联合执法领导小组"

    @property
    def agency(self) -> Agency:
        """The chain a change of the group is recorded on: the office's."""
        return self.office


class GroupMember(models.Model):
    """A member of the group: a person with their post, of an agency when they lead one."""

    group = models.ForeignKey(
        LeadingGroup, verbose_name="领导小组", on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField("职务", max_length=16, choices=MemberRole.choices)
    name = models.CharField("姓名", max_length=32)
    post = models.CharField("单位及职务", max_length=100, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name="所在机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    jurisdiction_field = "group__office"

    class Meta:
        verbose_name = verbose_name_plural = "领导小组成员"
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class Liaison(models.Model):
    """联络员: the person a department names for 对接联络、协作配合, with a phone the others can call."""

    agency = models.OneToOneField(
        Agency, verbose_name="部门", on_delete=models.PROTECT, related_name="liaison"
    )
    name = models.CharField("联络员姓名", max_length=32)
    phone = models.CharField("联系电话", max_length=32)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="系统账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "联络员"

    def __str__(self) -> str:
        return f"{self.agency.name}联络员{self.name}"
