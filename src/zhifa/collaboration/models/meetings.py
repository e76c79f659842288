"""联席会议 and 联合会商 (seed 004 六(一)(二)) of a region, convened through the leading group's office: agenda,
minutes and decisions. Each decision is a task of an owner agency with a deadline on the working-day clock
(stored, registered with core.deadlines) shown on the owner's 工作台 until done."""

from django.conf import settings
from django.db import models

from zhifa.collaboration.meetings.choices import DecisionStatus, MeetingKind, MeetingStatus
from zhifa.core.models import Agency, Region


class Meeting(models.Model):
    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(
        Agency, verbose_name="召集机关", on_delete=models.PROTECT, related_name="joint_meetings"
    )
    kind = models.CharField("会议类型", max_length=16, choices=MeetingKind.choices)
    title = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("会议日期")
    agenda = models.TextField("议程")
    attendees = models.ManyToManyField(Agency, verbose_name="参会部门", related_name="+")
    minutes = models.TextField("会议纪要", blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    jurisdiction_field = "office"

    class Meta:
        verbose_name = verbose_name_plural = "联席会议与联合会商"
        indexes = [
            # the list's sortable columns (meetings.selectors.MEETING_SORTS), by the convening office
            models.Index(fields=["office", "held_on", "id"], name="meeting_office_held"),
            models.Index(fields=["office", "title", "id"], name="meeting_office_title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def agency(self) -> Agency:
        """The chain the meeting is recorded on: the convening office's."""
        return self.office


class MeetingDecision(models.Model):
    """A decision of a meeting: a task of `owner` due `due_on` (`due_workdays` working days after
    `due_from`, so a calendar change moves it)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="decisions"
    )
    content = models.TextField("议定事项")
    owner = models.ForeignKey(
        Agency, verbose_name="责任单位", on_delete=models.PROTECT, related_name="joint_decisions"
    )
    due_on = models.DateField("完成期限")
    due_from = models.DateField("期限起算日")
    due_workdays = models.PositiveSmallIntegerField("期限工作日数")
    status = models.CharField(
        "状态", max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    done_note = models.TextField("落实情况", blank=True)
    done_at = models.DateTimeField("落实时间", null=True, blank=True)

    jurisdiction_field = "owner"

    class Meta:
        verbose_name = verbose_name_plural = "会议议定事项"
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.content[:40]

    @property
    def agency(self) -> Agency:
        """The chain a decision's steps are recorded on: its owner's."""
        return self.owner
