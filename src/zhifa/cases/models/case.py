from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from zhifa.catalog.choices import PenaltyMeasure
from zhifa.catalog.models import CatalogVersion, EnforcementItem
from zhifa.catalog.procedures import Procedure
from zhifa.core.models import Agency
from zhifa.core.validators import validate_credit_code, validate_id_number
from zhifa.registry.models import EnforcementField, Officer

from ..choices import (
    CaseSource,
    CaseStatus,
    DecisionKind,
    ExecutionKind,
    HandlerRole,
    PartyKind,
    ServiceMethod,
)

money = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class Case(models.Model):
    """案件 — one enforcement case from intake to archive. Its status changes only through
    cases.services, each change a record in the agency's chain (全过程记录)."""

    agency = models.ForeignKey(
        Agency, verbose_name="办案机关", on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField("案件编号", max_length=64, blank=True, db_index=True)
    procedure = models.CharField("程序", max_length=16, choices=Procedure.choices)
    source = models.CharField("案件来源", max_length=16, choices=CaseSource.choices)
    status = models.CharField("状态", max_length=16, choices=CaseStatus.choices, default=CaseStatus.INTAKE)
    summary = models.CharField("案由", max_length=200)
    facts = models.TextField("违法事实", blank=True)
    discovered_on = models.DateField("发现日期")
    occurred_at = models.DateTimeField("发生时间", null=True, blank=True)
    place = models.CharField("地点", max_length=200)
    catalog_version = models.ForeignKey(
        CatalogVersion, verbose_name="清单版本", on_delete=models.PROTECT, related_name="cases"
    )
    items = models.ManyToManyField(EnforcementItem, verbose_name="执法事项", related_name="cases")
    field = models.ForeignKey(
        EnforcementField, verbose_name="执法领域", on_delete=models.PROTECT, related_name="+"
    )
    party_kind = models.CharField("当事人类型", max_length=16, choices=PartyKind.choices)
    party_name = models.CharField("当事人", max_length=128)
    party_id_number = models.CharField(
        "身份证号码", max_length=18, blank=True, validators=[validate_id_number]
    )
    party_credit_code = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_credit_code]
    )
    party_representative = models.CharField("法定代表人（负责人）", max_length=64, blank=True)
    party_address = models.CharField("住所（地址）", max_length=200, blank=True)
    party_phone = models.CharField("联系电话", max_length=32, blank=True)
    registered_on = models.DateField("立案日期", null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="立案批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_due = models.DateField("决定期限", null=True, blank=True)
    extension_days = models.PositiveIntegerField("延长天数", default=0)
    extension_reason = models.TextField("延长理由", blank=True)
    investigation_report = models.TextField("调查终结报告", blank=True)
    is_complex = models.BooleanField("疑难复杂案件", default=False)
    notified_on = models.DateField("告知日期", null=True, blank=True)
    statement_deadline = models.DateField("陈述申辩期限", null=True, blank=True)
    hearing_deadline = models.DateField("听证申请期限", null=True, blank=True)
    # the 陈述、申辩 period the notice gave (the agency's at 告知), kept so a later change of the agency's
    # setting neither shortens nor lengthens it
    statement_workdays = models.PositiveSmallIntegerField("陈述申辩期限（工作日）", null=True, blank=True)
    # 告知书送达日期: the periods of 陈述、申辩 and 听证 run from it once recorded (cases.rules.periods_start)
    notice_served_on = models.DateField("告知书送达日期", null=True, blank=True)
    hearing_requested = models.BooleanField("当事人申请听证", default=False)
    hearing_held_on = models.DateField("听证日期", null=True, blank=True)
    hearing_host = models.ForeignKey(
        Officer,
        verbose_name="听证主持人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    statement = models.TextField("陈述、申辩意见", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"
    never_deleted = True  # a trigger refuses it (core.append_only); verify-records reports a missing one

    class Meta:
        verbose_name = verbose_name_plural = "案件"
        ordering = ["-created_at", "-id"]
        permissions = [("handle_case", "办理案件"), ("approve_case", "审批案件（立案、延期、决定、结案）")]
        indexes = [
            models.Index(fields=["agency", "status", "created_at"]),
            models.Index(fields=["agency", "registered_on"]),
            models.Index(fields=["status", "decision_due"]),
            # the case list's default sort (newest first), for a region's supervisor and for one agency
            models.Index(fields=["-created_at", "-id"], name="case_created_desc"),
            models.Index(fields=["agency", "-created_at", "-id"], name="case_agency_created_desc"),
            # the list's sortable columns (selectors.CASE_SORTS), within an agency, the id as tiebreak
            models.Index(fields=["agency", "number", "id"], name="case_agency_number"),
            models.Index(fields=["agency", "party_name", "id"], name="case_agency_party"),
            models.Index(fields=["agency", "registered_on", "id"], name="case_agency_registered"),
            # the 工作台's open / overdue counts of an agency or a region (cases.cards): every column they read,
            # the agency first, so a count reads the scope's index entries and never the table (nor other
            # regions' rows: docs/performance.md)
            models.Index(
                fields=["agency", "status", "decision_due", "discovered_on"], name="case_agency_open_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or '（未立案）'} {self.summary}"

    def clean(self) -> None:
        if self.party_kind == PartyKind.PERSON and not self.party_id_number:
            raise ValidationError({"party_id_number": "自然人当事人须填写身份证号码"})
        if self.party_kind == PartyKind.ORGANISATION and not self.party_credit_code:
            raise ValidationError({"party_credit_code": "单位当事人须填写统一社会信用代码"})

    @property
    def is_simple(self) -> bool:
        return self.procedure == Procedure.SIMPLE


class CaseHandler(models.Model):
    """承办人员 of a case: at least two officers certified for the field (行政处罚法 第四十二条)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handlers")
    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="case_roles"
    )
    role = models.CharField("角色", max_length=16, choices=HandlerRole.choices)

    jurisdiction_field = "case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "承办人员"
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="uniq_case_handler")]

    def __str__(self) -> str:
        return f"{self.officer}（{self.get_role_display()}）"


class Decision(models.Model):
    """处理决定 with its 说理 (facts, evidence, basis, discretion — seed 000 §14)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    kind = models.CharField("决定类型", max_length=16, choices=DecisionKind.choices)
    number = models.CharField("决定书文号", max_length=64, blank=True)
    # the measures of 第九条 other than the two with an amount: PenaltyMeasure values (catalog.penalties)
    measures = models.JSONField("处罚种类", default=list, blank=True)
    fine = models.DecimalField(f"{PenaltyMeasure.FINE.label}（元）", null=True, blank=True, **money)
    confiscation = models.DecimalField(
        f"{PenaltyMeasure.CONFISCATE_GAINS.label}（元）", null=True, blank=True, **money
    )
    other_measures = models.TextField("其他处罚", blank=True)
    level = models.CharField("裁量情节", max_length=16, blank=True)
    recommended_min = models.DecimalField("基准下限", null=True, blank=True, **money)
    recommended_max = models.DecimalField("基准上限", null=True, blank=True, **money)
    deviation_reason = models.TextField("偏离裁量基准的理由", blank=True)
    reasoning = models.TextField("说理（事实、证据、依据、裁量）")
    transfer_to = models.CharField("移送机关", max_length=128, blank=True)
    # seed 002 (六): required of a major penalty decision on an enterprise (cases.rules.require_economic_impact)
    economic_impact = models.TextField("涉企经济影响评估", blank=True)
    decided_on = models.DateField("决定日期")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "处理决定"
        # the 统计年报 and the fines card read a year of decisions (then their cases' agency)
        indexes = [models.Index(fields=["decided_on", "case"], name="decision_year")]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    @property
    def is_penalty(self) -> bool:
        return self.kind == DecisionKind.PENALTY


class Service(models.Model):
    """送达 of a document (送达回证)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="services")
    document = models.CharField("送达文书", max_length=64)
    served_on = models.DateField("送达日期")
    method = models.CharField("送达方式", max_length=16, choices=ServiceMethod.choices)
    recipient = models.CharField("受送达人", max_length=64)
    late = models.BooleanField("超期送达", default=False)
    note = models.TextField("备注", blank=True)

    jurisdiction_field = "case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "送达记录"
        ordering = ["case_id", "served_on", "id"]

    def __str__(self) -> str:
        return f"{self.document} {self.served_on}"


class Execution(models.Model):
    """执行 of the decision: paid, instalments, deferral, or a court application."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="executions")
    kind = models.CharField("执行情况", max_length=16, choices=ExecutionKind.choices)
    on = models.DateField("日期")
    amount = models.DecimalField("金额（元）", null=True, blank=True, **money)
    note = models.TextField("说明", blank=True)

    jurisdiction_field = "case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "执行记录"
        ordering = ["case_id", "on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"
