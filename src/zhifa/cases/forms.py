"""Forms of the case pages, one per step. They only parse the input; the rules live in cases.services
(and cases.rules), whose ValidationErrors `apply_errors` puts back next to the fields. Field names
follow the services' error keys, so a refusal lands on the field it is about."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.functional import lazy

from zhifa.catalog import selectors as catalog
from zhifa.catalog.choices import CircumstanceLevel, PenaltyMeasure, ProcedureStep
from zhifa.catalog.discretion import FACT_LABELS
from zhifa.catalog.penalties import measures_field
from zhifa.core.forms import (
    Form,
    agency_field,
    blank,
    date_field,
    int_or_none,
    money_field,
    offer_agencies,
    text_field,
)
from zhifa.core.pickers import remote_officers
from zhifa.registry import selectors as registry
from zhifa.registry.choices import PersonKind, PersonStatus
from zhifa.registry.models import Officer

from . import selectors, services
from .choices import (
    CaseSource,
    ChallengeKind,
    ChallengeOutcome,
    DecisionKind,
    ExecutionKind,
    HandlerRole,
    PartyKind,
    ServiceMethod,
)
from .clocks import SERVICE_WORKDAYS, register_days
from .models import Case, Challenge


class LooseMultipleChoiceField(forms.MultipleChoiceField):
    """Offers the choices but lets any value through, so that the service refuses an item that is not
    the agency's own with its reason (and its suggestion to transfer the case)."""

    def valid_value(self, value) -> bool:
        return True


class LooseChoiceField(forms.ChoiceField):
    def valid_value(self, value) -> bool:
        return True


def item_choices(agency, on=None) -> list[tuple[str, str]]:
    version = catalog.version_in_force(agency, on) if agency else None
    if version is None:
        return []
    return [(item.code, f"{item.code} {item.name}") for item in version.items.order_by("code")]


def agency_officers(agency, field=None, on=None) -> QuerySet[Officer]:
    """The active people of `agency`, each annotated `certified` (holding a valid 执法证 for `field` on
    `on`): a queryset, so a large agency's picker searches remotely and a posted id is one lookup."""
    officers = Officer.objects.filter(agency=agency, status=PersonStatus.ACTIVE)
    if field is not None:
        enforcers = registry.enforcers_for(field, on=on).filter(pk=OuterRef("pk"))
        officers = officers.annotate(certified=Exists(enforcers))
    return officers.order_by("kind", "name", "id")


def officer_label(officer: Officer, field_name: str = "") -> str:
    if officer.kind == PersonKind.AUXILIARY:
        return f"{officer.name}（执法辅助人员）"
    if getattr(officer, "certified", False):
        return f"{officer.name}（持有效执法证{('·' + field_name) if field_name else ''}）"
    return f"{officer.name}（无{field_name or '本领域'}执法资格）"


def handler_picker(
    field: forms.ModelChoiceField, agency, queryset: QuerySet[Officer], *, kind: str = ""
) -> None:
    """`field` offers `queryset` (the case agency's people, of `kind` when given): a remote search past a
    few dozen, and a posted id outside it refused naming the field."""
    field.queryset = queryset
    who = "在岗执法人员" if kind == PersonKind.OFFICER else "在岗人员"
    field.error_messages["invalid_choice"] = f"所选{field.label}不是本机关的{who}"
    remote_officers(field, services.HANDLE, agency_id=agency.pk, kind=kind)


def supervisor_field() -> forms.ModelChoiceField:
    """指导执法人员: whom someone not certified (执法辅助人员) assists in a 事务性 step (seed 000 §10)."""
    return forms.ModelChoiceField(
        label="指导执法人员",
        queryset=Officer.objects.none(),
        required=False,
        help_text="未持执法证件的人员（如执法辅助人员）协助办理时，选择指导其办理的持证执法人员；持证执法人员本人办理的无需填写",
    )


def offer_supervisors(field: forms.ModelChoiceField, agency) -> None:
    if agency is None:
        field.queryset = Officer.objects.none()
        return
    queryset = agency_officers(agency).filter(kind=PersonKind.OFFICER).order_by("name", "id")
    handler_picker(field, agency, queryset, kind=PersonKind.OFFICER)


def supervisor_from(agency, raw) -> Officer | None:
    """The 指导执法人员 posted by id (a page without a form class: the JSON upload, the 文书 panel)."""
    if raw in (None, ""):
        return None
    found = Officer.objects.filter(agency=agency, pk=int_or_none(raw)).first() if int_or_none(raw) else None
    if found is None:
        raise ValidationError({"supervisor": "所选指导执法人员不存在或不是本机关的人员"})
    return found


class SupervisedForm(Form):
    """A step 执法辅助人员 may take assisting a named officer of the case's agency."""

    supervisor = supervisor_field()

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        offer_supervisors(self.fields["supervisor"], case.agency)


# ---- intake -----------------------------------------------------------------------------------------


class PartyFields(Form):
    party_kind = forms.ChoiceField(
        label="当事人类型",
        choices=PartyKind.choices,
        initial=PartyKind.ORGANISATION,
        widget=forms.RadioSelect,
    )
    party_name = forms.CharField(label="当事人", max_length=128)
    party_id_number = forms.CharField(
        label="身份证号码", max_length=18, required=False, help_text="自然人填写；18位，末位可为X"
    )
    party_credit_code = forms.CharField(
        label="统一社会信用代码", max_length=18, required=False, help_text="法人或其他组织填写；18位"
    )
    party_representative = forms.CharField(label="法定代表人（负责人）", max_length=64, required=False)
    party_address = forms.CharField(label="住所（地址）", max_length=200, required=False)
    party_phone = forms.CharField(label="联系电话", max_length=32, required=False)

    def party_input(self) -> services.PartyInput:
        data = self.cleaned_data
        return services.PartyInput(
            kind=data["party_kind"],
            name=data["party_name"],
            id_number=data.get("party_id_number", ""),
            credit_code=data.get("party_credit_code", ""),
            representative=data.get("party_representative", ""),
            address=data.get("party_address", ""),
            phone=data.get("party_phone", ""),
        )


class IntakeForm(PartyFields):
    """案件登记: the clue, its enforcement items (of the agency's catalogue in force) and the party."""

    agency = agency_field("办案机关")
    source = forms.ChoiceField(label="案件来源", choices=CaseSource.choices, initial=CaseSource.INSPECTION)
    summary = forms.CharField(label="案由", max_length=200)
    discovered_on = date_field("发现日期", today=True)
    place = forms.CharField(label="地点", max_length=200)
    item_codes = LooseMultipleChoiceField(
        label="执法事项",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择执法事项"},
        help_text="本机关施行中的执法事项清单",
    )
    facts = text_field("线索与初步查明的事实", required=False)
    supervisor = supervisor_field()

    field_order = ["agency", "source", "summary", "discovered_on", "place", "item_codes", "facts"]

    def __init__(self, *args, actor, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = offer_agencies(self.fields["agency"], actor, services.HANDLE)
        self.agency = agency or agencies.first()
        if agencies.count() <= 1:
            self.fields["agency"].required = False
            self.fields["agency"].widget = forms.HiddenInput()
        if self.agency is not None:
            self.fields["agency"].initial = self.agency.pk
        self.fields["item_codes"].choices = item_choices(self.agency)
        offer_supervisors(self.fields["supervisor"], self.agency)

    def clean_agency(self):
        return self.cleaned_data.get("agency") or self.agency

    def intake_input(self) -> services.IntakeInput:
        data = self.cleaned_data
        return services.IntakeInput(
            source=data["source"],
            summary=data["summary"],
            discovered_on=data["discovered_on"],
            place=data["place"],
            item_codes=tuple(data["item_codes"]),
            party=self.party_input(),
            facts=data.get("facts", ""),
        )


# ---- steps of one case ------------------------------------------------------------------------------


class AssignForm(Form):
    """承办人员: a lead and a co-handler certified for the case's field, assistants optional."""

    lead = forms.ModelChoiceField(label="主办人", queryset=Officer.objects.none())
    co = forms.ModelChoiceField(label="协办人", queryset=Officer.objects.none())
    assistants = forms.ModelMultipleChoiceField(
        label="辅助人员（可选）",
        queryset=Officer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    error_map = {"handlers": "lead"}

    def __init__(self, *args, case: Case, **kwargs):
        current = {h.role: h.officer_id for h in case.handlers.all()}
        kwargs.setdefault(
            "initial",
            {
                "lead": current.get(HandlerRole.LEAD),
                "co": current.get(HandlerRole.CO),
                "assistants": [h.officer_id for h in case.handlers.all() if h.role == HandlerRole.ASSISTANT],
            },
        )
        super().__init__(*args, **kwargs)
        queryset = agency_officers(case.agency, case.field, timezone.localdate())
        for name in ("lead", "co", "assistants"):
            field = self.fields[name]
            field.label_from_instance = lambda o: officer_label(o, case.field.name)  # type: ignore[attr-defined]
            handler_picker(field, case.agency, queryset)  # type: ignore[arg-type]

    def handlers(self) -> list[tuple[Officer, str]]:
        data = self.cleaned_data
        chosen = [(data["lead"], HandlerRole.LEAD), (data["co"], HandlerRole.CO)]
        taken = {data["lead"].pk, data["co"].pk}
        chosen += [(o, HandlerRole.ASSISTANT) for o in data.get("assistants", []) if o.pk not in taken]
        return chosen


class RegisterForm(Form):
    registered_on = date_field(
        "立案日期",
        help_text=lazy(lambda: f"负责人批准立案的日期；自发现线索之日起{register_days()}日内", str)(),
        today=True,
    )


class DeclineForm(Form):
    reason = text_field("不予立案的理由")


class StepForm(Form):
    step = forms.ChoiceField(
        label="环节",
        choices=[
            (s.value, s.label)
            for s in (
                ProcedureStep.ON_SITE,
                ProcedureStep.EVIDENCE,
                ProcedureStep.INQUIRY,
                ProcedureStep.SEIZURE,
            )
        ],
    )
    note = text_field("记录内容", rows=4, help_text="如：现场检查情况、询问笔录要点、查封扣押物品清单")
    place = forms.CharField(label="地点", max_length=200, required=False, help_text="不填则为案件地点")


class ExtendForm(Form):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=90)
    extension_reason = text_field("延长理由")


class SubmitReviewForm(Form):
    investigation_report = text_field("调查终结报告", rows=6)
    is_complex = forms.BooleanField(label="疑难复杂案件", required=False)


class NotifyForm(Form):
    on = date_field("告知日期", today=True)
    proposed = text_field("拟作出的处罚及其事实、理由、依据", rows=5)
    hearing_rights = forms.BooleanField(
        label="告知听证权利",
        required=False,
        help_text="较大数额罚款、没收较大数额违法所得、吊销许可证件、责令停产停业等",
    )


class StatementForm(SupervisedForm):
    statement = text_field("当事人陈述、申辩意见", rows=5)


class HearingRequestForm(SupervisedForm):
    on = date_field("申请日期", today=True)

    error_map = {"hearing": "on"}


class HearingForm(Form):
    """听证: its date, the 听证主持人 (not one of the case's 承办人员, 第六十四条（四）) and the record."""

    on = date_field("听证日期", today=True)
    host = forms.ModelChoiceField(
        label="听证主持人",
        queryset=Officer.objects.none(),
        help_text="由行政机关指定的非本案调查人员主持（行政处罚法第六十四条第四项）",
    )
    summary = text_field("听证笔录摘要", rows=5)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        handlers = case.handlers.values_list("officer_id", flat=True)
        # every active non-auxiliary person of the agency, the case's handlers marked: the
        # service refuses them with the reason (a choice missing from the list would say nothing)
        listed = set(handlers)
        host = self.fields["host"]
        host.label_from_instance = lambda o: f"{o.name}（本案承办人员）" if o.pk in listed else o.name  # type: ignore[attr-defined]
        queryset = agency_officers(case.agency).filter(kind=PersonKind.OFFICER).order_by("name", "id")
        handler_picker(host, case.agency, queryset, kind=PersonKind.OFFICER)  # type: ignore[arg-type]


class ServeNoticeForm(SupervisedForm):
    """送达事先告知书: the periods of 陈述、申辩 and 听证 run from this date."""

    served_on = date_field("送达日期", today=True)
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices, initial=ServiceMethod.DIRECT)
    recipient = forms.CharField(label="受送达人（签收人）", max_length=64)


FACT_FLAGS = list(FACT_LABELS.items())


class DecideForm(Form):
    """处理决定 with the facts for the discretion calculator: the recommended range is shown (htmx)
    before submitting, and the service checks the fine against it again."""

    kind = forms.ChoiceField(label="决定类型", choices=DecisionKind.choices, initial=DecisionKind.PENALTY)
    decided_on = date_field("决定日期", today=True)
    measures = measures_field("处罚种类")
    fine = money_field("罚款（元）")
    confiscation = money_field(f"{PenaltyMeasure.CONFISCATE_GAINS.label}（元）")
    other_measures = text_field("其他处罚", rows=2, required=False)
    transfer_to = forms.CharField(
        label="移送机关", max_length=128, required=False, help_text="决定移送时填写"
    )
    fact_value = forms.DecimalField(label="裁量事实数值", required=False, help_text="按裁量基准所列事实填写")
    circumstance = forms.ChoiceField(
        label="违法情节", choices=[("", "（按事实数值确定）"), *CircumstanceLevel.choices], required=False
    )
    illegal_gains = money_field("违法所得（元）")
    goods_value = money_field("货值金额（元）")
    reasoning = text_field("说理（事实、证据、依据、裁量）", rows=6)
    deviation_reason = text_field(
        "偏离裁量基准的理由", rows=3, required=False, help_text="罚款不在推荐幅度内、或减轻处罚时必须填写"
    )
    economic_impact = text_field(
        "涉企经济影响评估",
        rows=3,
        required=False,
        help_text="对企业作出重大处罚决定时必须填写：对生产经营、职工就业、债权债务的影响及降低负面影响的措施",
    )

    error_map = {"hearing": "kind", "item": "fact_value"}

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in FACT_FLAGS:
            self.fields[name] = forms.BooleanField(label=label, required=False)
        item = case.items.order_by("code").select_related("benchmark").first()
        benchmark = getattr(item, "benchmark", None) if item else None
        if benchmark is not None and benchmark.fact_label:
            self.fields["fact_value"].label = benchmark.fact_label

    @property
    def fact_fields(self):
        return [self[name] for name, _ in FACT_FLAGS]

    @property
    def main_fields(self):
        flags = {name for name, _ in FACT_FLAGS}
        return [self[name] for name in self.fields if name not in flags]

    def facts(self) -> dict:
        data = self.cleaned_data
        facts = {}
        for key in ("fact_value", "illegal_gains", "goods_value"):
            if data.get(key) is not None:
                facts[key] = data[key]
        if data.get("circumstance"):
            facts["circumstance"] = data["circumstance"]
        facts.update({name: True for name, _ in FACT_FLAGS if data.get(name)})
        return facts

    def decision_input(self) -> services.DecisionInput:
        data = self.cleaned_data
        return services.DecisionInput(
            kind=data["kind"],
            decided_on=data["decided_on"],
            reasoning=data["reasoning"],
            measures=tuple(data["measures"]),
            fine=data.get("fine"),
            confiscation=data.get("confiscation"),
            other_measures=data.get("other_measures", ""),
            deviation_reason=data.get("deviation_reason", ""),
            transfer_to=data.get("transfer_to", ""),
            facts=self.facts(),
            economic_impact=data.get("economic_impact", ""),
        )


class RecommendForm(DecideForm):
    """The calculator part of the decision form: every field optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class ServeForm(SupervisedForm):
    served_on = date_field("送达日期", help_text=f"决定之日起{SERVICE_WORKDAYS}个工作日内送达", today=True)
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices, initial=ServiceMethod.DIRECT)
    recipient = forms.CharField(label="受送达人", max_length=64)
    note = text_field("备注", rows=2, required=False)


class ExecuteForm(SupervisedForm):
    kind = forms.ChoiceField(label="执行情况", choices=ExecutionKind.choices)
    on = date_field("日期", today=True)
    amount = money_field("金额（元）", help_text="已缴纳时填写")
    note = text_field("说明", rows=2, required=False)


class CloseForm(Form):
    on = date_field("结案日期", today=True)
    summary = text_field("结案报告", rows=4)


class ArchiveForm(Form):
    """归档 needs nothing but the confirmation."""


class ChallengeForm(Form):
    kind = forms.ChoiceField(label="救济途径", choices=ChallengeKind.choices)
    organ = forms.CharField(label="复议机关或人民法院", max_length=128)
    filed_on = date_field("申请（起诉）日期", today=True)


class ChallengeConcludeForm(Form):
    """The outcome of one pending 复议/诉讼 of the case."""

    challenge = forms.ModelChoiceField(label="复议、诉讼", queryset=Challenge.objects.none())
    outcome = forms.ChoiceField(
        label="结果", choices=[c for c in ChallengeOutcome.choices if c[0] != ChallengeOutcome.PENDING]
    )
    concluded_on = date_field("结果日期", today=True)
    note = text_field(
        "说明", rows=3, required=False, help_text="撤销或变更的，写明复议决定书或判决书的主要内容"
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = case.challenges.filter(outcome=ChallengeOutcome.PENDING)


# ---- 简易程序 -------------------------------------------------------------------------------------


class SimpleForm(PartyFields):
    """简易程序 on a phone: party, item, two handlers, a warning or a small fine, the recipient."""

    agency = agency_field("办案机关")
    item_code = LooseChoiceField(
        label="执法事项", help_text="只列出可以当场给予警告或小额罚款的行政处罚事项（行政处罚法第五十一条）"
    )
    summary = forms.CharField(label="违法行为", max_length=200)
    place = forms.CharField(label="地点", max_length=200)
    decided_on = date_field("处罚日期", today=True)
    lead = forms.ModelChoiceField(label="执法人员（一）", queryset=Officer.objects.none())
    co = forms.ModelChoiceField(label="执法人员（二）", queryset=Officer.objects.none())
    warning = forms.BooleanField(label="警告", required=False)
    fine = money_field("罚款（元）", help_text="自然人200元以下、单位3000元以下")
    reasoning = text_field("违法事实与依据", rows=3, required=False)
    recipient = forms.CharField(label="签收人", max_length=64, required=False, help_text="不填则为当事人")

    field_order = ["agency", "item_code", "summary", "place", "decided_on", "party_kind", "party_name"]
    error_map = {"item_codes": "item_code", "handlers": "lead", "kind": "warning"}

    def __init__(self, *args, actor, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = offer_agencies(self.fields["agency"], actor, services.HANDLE)
        self.agency = agency or agencies.first()
        if agencies.count() <= 1:
            self.fields["agency"].required = False
            self.fields["agency"].widget = forms.HiddenInput()
        if self.agency is not None:
            self.fields["agency"].initial = self.agency.pk
        self.fields["item_code"].choices = blank(
            [(item.code, f"{item.code} {item.name}") for item in selectors.simple_items(self.agency)]
        )
        queryset = Officer.objects.none()
        if self.agency is not None:
            queryset = agency_officers(self.agency).filter(kind=PersonKind.OFFICER).order_by("name", "id")
            for name in ("lead", "co"):
                handler_picker(self.fields[name], self.agency, queryset, kind=PersonKind.OFFICER)  # type: ignore[arg-type]
        if getattr(actor, "pk", None):
            own = queryset.filter(user=actor).first()
            if own is not None:
                self.fields["lead"].initial = own.pk

    def clean_agency(self):
        return self.cleaned_data.get("agency") or self.agency

    def intake_input(self) -> services.IntakeInput:
        data = self.cleaned_data
        return services.IntakeInput(
            source=CaseSource.INSPECTION,
            summary=data["summary"],
            discovered_on=data["decided_on"],
            place=data["place"],
            item_codes=(data["item_code"],) if data.get("item_code") else (),
            party=self.party_input(),
            facts=data.get("reasoning", ""),
        )

    def decision_input(self) -> services.DecisionInput:
        data = self.cleaned_data
        fine = data.get("fine")
        return services.DecisionInput(
            kind=DecisionKind.PENALTY,
            decided_on=data["decided_on"],
            reasoning=data.get("reasoning", ""),
            measures=(PenaltyMeasure.WARNING,) if data["warning"] else (),
            fine=fine if fine else None,
        )

    def handlers(self) -> list[tuple[Officer, str]]:
        return [(self.cleaned_data["lead"], HandlerRole.LEAD), (self.cleaned_data["co"], HandlerRole.CO)]
