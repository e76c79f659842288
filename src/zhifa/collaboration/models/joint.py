"""联合执法 (seed 004 四): a joint action of several departments — its kind (常规/专项/应急), plan, place and
time, participants (departments and their certified officers) and tasks; the findings, each split into the
cases of the departments competent for it ("联合执法一起抓，问题处理再分家") or handed over on the spot to a
competent department outside the action. Statuses change only through collaboration.joint.services."""

from django.conf import settings
from django.db import models

from zhifa.cases.models import Case
from zhifa.collaboration.joint.choices import ActionKind, ActionStatus, FindingStatus, HandoverStatus
from zhifa.core.models import Agency, Region
from zhifa.registry.models import Officer


class JointAction(models.Model):
    """One joint action, led by `lead_agency` (the applicant or reporter), coordinated by the office of the
    region's leading group. Participants and the office see it; supervisors of the region too."""

    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(
        Agency, verbose_name="领导小组办公室", on_delete=models.PROTECT, related_name="joint_coordinated"
    )
    lead_agency = models.ForeignKey(
        Agency, verbose_name="牵头部门", on_delete=models.PROTECT, related_name="joint_led"
    )
    kind = models.CharField("启动方式", max_length=16, choices=ActionKind.choices)
    title = models.CharField("行动名称", max_length=200)
    reason = models.TextField("事由", blank=True)
    plan = models.TextField("联合执法方案", blank=True)
    place = models.CharField("地点", max_length=200)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    status = models.CharField("状态", max_length=16, choices=ActionStatus.choices)
    applied_on = models.DateField("申请（报告）日期")
    decision_note = models.TextField("审批意见", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "lead_agency"

    class Meta:
        verbose_name = verbose_name_plural = "联合执法行动"
        indexes = [
            models.Index(fields=["status", "starts_on"]),
            # the list's sortable columns (joint.selectors.ACTION_SORTS), by the lead department and the office
            models.Index(fields=["lead_agency", "starts_on", "id"], name="joint_lead_starts"),
            models.Index(fields=["lead_agency", "title", "id"], name="joint_lead_title"),
            models.Index(fields=["lead_agency", "status", "starts_on", "id"], name="joint_lead_status"),
            models.Index(fields=["lead_agency", "created_at", "id"], name="joint_lead_created"),
            models.Index(fields=["office", "starts_on", "id"], name="joint_office_starts"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def agency(self) -> Agency:
        """The chain the action's steps are recorded on: the lead department's."""
        return self.lead_agency


class Participant(models.Model):
    """A department taking part, with the officers it sends (each certified on the action's days)."""

    action = models.ForeignKey(
        JointAction, verbose_name="联合执法行动", on_delete=models.CASCADE, related_name="participants"
    )
    agency = models.ForeignKey(Agency, verbose_name="参与部门", on_delete=models.PROTECT, related_name="+")
    officers = models.ManyToManyField(Officer, verbose_name="参与执法人员", blank=True, related_name="+")

    jurisdiction_field = "action__lead_agency"

    class Meta:
        verbose_name = verbose_name_plural = "参与部门"
        constraints = [models.UniqueConstraint(fields=["action", "agency"], name="joint_participant_once")]
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.agency.name


class ActionTask(models.Model):
    """A task of the action (任务分工), of one participating department or of all."""

    action = models.ForeignKey(
        JointAction, verbose_name="联合执法行动", on_delete=models.CASCADE, related_name="tasks"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="承担部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    content = models.CharField("任务内容", max_length=300)

    jurisdiction_field = "action__lead_agency"

    class Meta:
        verbose_name = verbose_name_plural = "任务分工"
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.content


class Finding(models.Model):
    """A problem found during the action: its party, place and the catalogue items concerned (by code),
    which decide the competent departments."""

    action = models.ForeignKey(
        JointAction, verbose_name="联合执法行动", on_delete=models.CASCADE, related_name="findings"
    )
    description = models.TextField("问题描述")
    party_kind = models.CharField("当事人类型", max_length=16)
    party_name = models.CharField("当事人", max_length=200)
    party_id_number = models.CharField("身份证号码", max_length=18, blank=True)
    party_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    place = models.CharField("发现地点", max_length=200)
    found_on = models.DateField("发现日期")
    item_codes = models.JSONField("涉及执法事项", default=list)
    status = models.CharField(
        "状态", max_length=16, choices=FindingStatus.choices, default=FindingStatus.RECORDED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_agency = models.ForeignKey(
        Agency, verbose_name="记录部门", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    jurisdiction_field = "action__lead_agency"

    class Meta:
        verbose_name = verbose_name_plural = "联合执法发现的问题"
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.party_name}：{self.description[:30]}"


class FindingShare(models.Model):
    """The part of a finding a competent department handles (问题处理再分家): its items, and the case the
    department registers for it (source 联合执法). `by_office`: the office decided between two departments."""

    finding = models.ForeignKey(Finding, verbose_name="问题", on_delete=models.CASCADE, related_name="shares")
    agency = models.ForeignKey(
        Agency, verbose_name="承办部门", on_delete=models.PROTECT, related_name="joint_shares"
    )
    item_codes = models.JSONField("执法事项", default=list)
    by_office = models.BooleanField("由办公室协调确定", default=False)
    case = models.OneToOneField(
        Case, verbose_name="案件", null=True, blank=True, on_delete=models.PROTECT, related_name="joint_share"
    )

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "分案"
        constraints = [models.UniqueConstraint(fields=["finding", "agency"], name="joint_share_once")]
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.agency.name}：{'、'.join(self.item_codes)}"


class Handover(models.Model):
    """联合执法互动 (seed 004 四(二)3): a finding outside every participant's competence — the competent
    department is notified, comes to the scene and takes it over; each step recorded."""

    finding = models.OneToOneField(
        Finding, verbose_name="问题", on_delete=models.CASCADE, related_name="handover"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="有权处理部门", on_delete=models.PROTECT, related_name="joint_handovers"
    )
    status = models.CharField(
        "状态", max_length=16, choices=HandoverStatus.choices, default=HandoverStatus.NOTIFIED
    )
    note = models.TextField("通知内容", blank=True)
    notified_at = models.DateTimeField("通知时间")
    arrived_at = models.DateTimeField("到场时间", null=True, blank=True)
    handed_over_at = models.DateTimeField("交接时间", null=True, blank=True)
    receiver = models.CharField("接收人", max_length=64, blank=True)
    handover_note = models.TextField("交接情况", blank=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "现场交接"

    def __str__(self) -> str:
        return f"移交{self.agency.name}：{self.finding}"
