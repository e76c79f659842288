"""Forms of the discretion, delegation and post-duty pages. They only parse and check the input; the
rules live in catalog.services / catalog.discretion, whose ValidationErrors are put back next to the
fields (for the benchmark editor: next to the right level or exemption row)."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from zhifa.core import access
from zhifa.core.choices import AgencyKind
from zhifa.core.forms import (
    Form,
    agency_field,
    blank,
    bound_value,
    date_field,
    date_or_none,
    int_or_none,
    money_field,
    offer_agencies,
    textarea,
)
from zhifa.core.models import Agency
from zhifa.core.selectors import active_agencies

from .. import selectors
from ..choices import (
    CircumstanceLevel,
    DelegationForm,
    EvaluationOutcome,
    ExemptionKind,
    FineBasis,
    ItemCategory,
    PenaltyMeasure,
)
from ..discretion import FACT_LABELS
from ..models import Benchmark, BenchmarkLevel, CatalogVersion, EnforcementItem, LegalBasis, OrgUnit
from ..services import MANAGE_DELEGATION, ExemptionInput, LevelInput


def visible_agency_or_404(user, perm: str, raw, *, default_own: bool = True) -> Agency | None:
    """The agency named by a request parameter, if `user` may see it with `perm` (else 404); without the
    parameter, the user's own agency when visible (`default_own`), else None."""
    agencies = access.visible_to(user, Agency.objects.select_related("region"), perm)
    if raw not in (None, ""):
        agency_id = int_or_none(raw)
        agency = agencies.filter(pk=agency_id).first() if agency_id else None
        if agency is None:
            raise Http404("未找到该机关，或您无权查看")
        return agency
    if default_own and getattr(user, "agency_id", None):
        return agencies.filter(pk=user.agency_id).first()
    return None


# ---- 裁量基准 ---------------------------------------------------------------------------------------


class BenchmarkForm(Form):
    legal_basis = forms.ModelChoiceField(
        label="处罚依据（罚则条款）",
        queryset=LegalBasis.objects.none(),
        empty_label=None,
        help_text="裁量幅度不得超出该条款规定的法定罚款幅度",
    )
    fact_label = forms.CharField(
        label="划分情节的事实",
        max_length=64,
        required=False,
        help_text="如：违法所得（元）、货值金额（元）；留空则由承办人按情节等次选择",
    )
    note = forms.CharField(label="适用说明", required=False, widget=textarea(3))

    def __init__(self, *args, item: EnforcementItem, **kwargs):
        super().__init__(*args, **kwargs)
        bases = item.legal_bases.order_by("id")
        self.fields["legal_basis"].queryset = bases
        self.fields["legal_basis"].label_from_instance = _basis_label


def _basis_label(basis) -> str:
    label = f"《{basis.law_name}》{basis.article}"
    if basis.statutory_min is not None or basis.statutory_max is not None:
        unit = "元" if basis.fine_basis in ("", FineBasis.AMOUNT) else "倍"
        low = "" if basis.statutory_min is None else f"{basis.statutory_min.normalize():f}"
        high = "" if basis.statutory_max is None else f"{basis.statutory_max.normalize():f}"
        label += f"（法定罚款{low}–{high}{unit}）"
    return label


class LevelForm(Form):
    """One circumstance level. A row left blank is not a level (clearing a row removes the level)."""

    level = forms.ChoiceField(label="情节", choices=blank(CircumstanceLevel.choices), required=False)
    conditions = forms.CharField(label="适用情形", required=False, widget=textarea(rows=2))
    fact_min = forms.DecimalField(label="事实下限（含）", required=False, max_digits=14, decimal_places=2)
    fact_max = forms.DecimalField(label="事实上限（不含）", required=False, max_digits=14, decimal_places=2)
    warning = forms.BooleanField(label="警告", required=False)
    fine_basis = forms.ChoiceField(label="罚款计算方式", choices=blank(FineBasis.choices), required=False)
    fine_min = money_field("罚款下限", help_text="元；按倍数计算的填倍数")
    fine_max = money_field("罚款上限")
    confiscate = forms.BooleanField(
        label=BenchmarkLevel._meta.get_field("confiscate").verbose_name, required=False
    )
    suspend = forms.BooleanField(label=PenaltyMeasure.SUSPEND_BUSINESS.label, required=False)
    revoke = forms.BooleanField(label=PenaltyMeasure.REVOKE_LICENCE.label, required=False)

    def is_used(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(value not in (None, "", False) for value in data.values())

    def clean(self):
        data = super().clean()
        if not any(value not in (None, "", False) for value in data.values()):
            return data
        if not data.get("level"):
            self.add_error("level", "请选择情节")
        if not (data.get("conditions") or "").strip():
            self.add_error("conditions", "请填写适用情形")
        return data

    def to_input(self) -> LevelInput:
        data = self.cleaned_data
        return LevelInput(
            level=data["level"],
            conditions=data["conditions"].strip(),
            fact_min=data["fact_min"],
            fact_max=data["fact_max"],
            warning=data["warning"],
            fine_basis=data["fine_basis"],
            fine_min=data["fine_min"],
            fine_max=data["fine_max"],
            confiscate=data["confiscate"],
            suspend=data["suspend"],
            revoke=data["revoke"],
        )


class ExemptionForm(Form):
    """不予处罚 / 从轻 / 减轻: applies when every ticked fact is true."""

    kind = forms.ChoiceField(label="类型", choices=blank(ExemptionKind.choices), required=False)
    conditions = forms.CharField(label="适用条件", required=False, widget=textarea(rows=2))
    required_facts = forms.MultipleChoiceField(
        label="须同时具备的事实",
        choices=list(FACT_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    legal_basis = forms.CharField(label="依据", max_length=128, required=False)

    def is_used(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("kind", "conditions", "required_facts", "legal_basis"))

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("kind", "conditions", "required_facts", "legal_basis")):
            return data
        if not data.get("kind"):
            self.add_error("kind", "请选择类型")
        if not (data.get("conditions") or "").strip():
            self.add_error("conditions", "请填写适用条件")
        if "required_facts" in data and not data["required_facts"]:
            self.add_error("required_facts", "请勾选须同时具备的事实（计算器据此判断是否适用）")
        return data

    def to_input(self) -> ExemptionInput:
        data = self.cleaned_data
        return ExemptionInput(
            kind=data["kind"],
            conditions=data["conditions"].strip(),
            required_facts=tuple(data["required_facts"]),
            legal_basis=data["legal_basis"].strip(),
        )


MAX_LEVELS = len(CircumstanceLevel.choices)
MAX_EXEMPTIONS = 10
LevelFormSet = forms.formset_factory(
    LevelForm, extra=0, max_num=MAX_LEVELS, absolute_max=MAX_LEVELS, validate_max=True
)
ExemptionFormSet = forms.formset_factory(
    ExemptionForm, extra=0, max_num=MAX_EXEMPTIONS, absolute_max=MAX_EXEMPTIONS, validate_max=True
)


class BenchmarkEditor:
    """The benchmark page's form and its two formsets, read and checked together; a service error
    keyed like "levels[2].fine_min" goes next to the second level actually submitted."""

    def __init__(self, data, *, item: EnforcementItem, benchmark: Benchmark | None):
        initial, levels, exemptions = {}, [], []
        if benchmark is not None:
            initial = {
                "legal_basis": benchmark.legal_basis_id,
                "fact_label": benchmark.fact_label,
                "note": benchmark.note,
            }
            levels = [
                {name: getattr(level, name) for name in LevelForm.base_fields}
                for level in benchmark.levels.all()
            ]
            exemptions = [
                {
                    "kind": ex.kind,
                    "conditions": ex.conditions,
                    "required_facts": list(ex.required_facts),
                    "legal_basis": ex.legal_basis,
                }
                for ex in benchmark.exemptions.all()
            ]
        else:
            penal = [b for b in item.legal_bases.all() if b.statutory_max is not None]
            if len(penal) == 1:
                initial["legal_basis"] = penal[0].pk
        levels += [{}] * (MAX_LEVELS - len(levels))
        exemptions += [{}] * min(2, MAX_EXEMPTIONS - len(exemptions))
        self.form = BenchmarkForm(data, item=item, initial=initial)
        self.levels = LevelFormSet(data, prefix="levels", initial=levels)
        self.exemptions = ExemptionFormSet(data, prefix="exemptions", initial=exemptions)

    def is_valid(self) -> bool:
        valid = [self.form.is_valid(), self.levels.is_valid(), self.exemptions.is_valid()]
        return all(valid)

    def used_levels(self) -> list[LevelForm]:
        return [form for form in self.levels.forms if form.is_used()]

    def used_exemptions(self) -> list[ExemptionForm]:
        return [form for form in self.exemptions.forms if form.is_used()]

    def service_data(self) -> dict:
        data = self.form.cleaned_data
        return {
            "legal_basis": data["legal_basis"],
            "fact_label": data["fact_label"].strip(),
            "note": data["note"].strip(),
            "levels": [form.to_input() for form in self.used_levels()],
            "exemptions": [form.to_input() for form in self.used_exemptions()],
        }

    def apply_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.form.add_error(None, exc.messages)
            return
        rows = {"levels": self.used_levels(), "exemptions": self.used_exemptions()}
        for key, messages in exc.message_dict.items():
            group, _, rest = key.partition("[")
            if group in rows and rest:
                index, _, field = rest.partition("].")
                position = int_or_none(index)
                forms_ = rows[group]
                if position and 1 <= position <= len(forms_):
                    form = forms_[position - 1]
                    form.add_error(field if field in form.fields else None, messages)
                    continue
            if key in rows:
                formset = self.levels if key == "levels" else self.exemptions
                formset._non_form_errors = formset.error_class(
                    [*formset.non_form_errors(), *messages], error_class="nonform"
                )
                continue
            self.form.add_error(key if key in self.form.fields else None, messages)


# ---- 裁量计算器 -------------------------------------------------------------------------------------


def calculator_items(agency: Agency | None, on: date | None):
    """Penalty items with a benchmark in the agency's version in force on `on`."""
    if agency is None:
        return EnforcementItem.objects.none()
    version = selectors.version_in_force(agency, on)
    if version is None:
        return EnforcementItem.objects.none()
    return (
        version.items.filter(category=ItemCategory.PENALTY, benchmark__isnull=False)
        .select_related("benchmark")
        .order_by("code")
    )


def calculator_item_label(item: EnforcementItem) -> str:
    fact = item.benchmark.fact_label
    return f"{item.code} {item.name}" + (f"（按{fact}确定情节）" if fact else "（按情节等次）")


class CalculatorForm(Form):
    agency = agency_field("执法机关")
    on = date_field("违法行为发生或立案日期", today=True)
    item = forms.ChoiceField(label="执法事项（行政处罚）", choices=())
    fact_value = forms.DecimalField(
        label="划分情节的事实数值",
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text="按事项的裁量基准填写，如货值金额、违法所得（元）",
    )
    circumstance = forms.ChoiceField(
        label="违法情节",
        choices=[("", "按事实数值确定"), *CircumstanceLevel.choices],
        required=False,
        help_text="裁量基准未设划分情节的事实时必选",
    )
    illegal_gains = money_field("违法所得（元）", help_text="罚款按违法所得倍数计算时填写")
    goods_value = money_field("货值金额（元）", help_text="罚款按货值金额倍数计算时填写")
    amount = money_field("拟罚款金额（元）", help_text="可选：核对是否在推荐幅度内")

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in FACT_LABELS.items():
            self.fields[name] = forms.BooleanField(label=label, required=False)
        agencies = offer_agencies(self.fields["agency"], actor, "catalog.view_enforcementitem")
        agency_id = int_or_none(bound_value(self, "agency"))
        self.agency = agencies.filter(pk=agency_id).first() if agency_id else None
        self.on = date_or_none(bound_value(self, "on")) or timezone.localdate()
        self.items = {item.code: item for item in calculator_items(self.agency, self.on)}
        self.fields["item"].choices = [
            ("", "请选择" if self.items else "（该机关该日期没有设裁量基准的处罚事项）"),
            *((code, calculator_item_label(item)) for code, item in self.items.items()),
        ]

    @property
    def fact_fields(self):
        return [self[name] for name in FACT_LABELS]

    @property
    def main_fields(self):
        return [self[name] for name in self.fields if name not in FACT_LABELS]

    def facts(self) -> dict:
        data = self.cleaned_data
        facts = {
            name: data[name]
            for name in ("fact_value", "circumstance", "illegal_gains", "goods_value")
            if data.get(name) not in (None, "")
        }
        facts.update({name: True for name in FACT_LABELS if data.get(name)})
        return facts


# ---- 裁量基准评估 -----------------------------------------------------------------------------------


class BenchmarkEvaluationForm(Form):
    item_code = forms.ChoiceField(label="事项", choices=())
    on = date_field("评估日期", today=True)
    findings = forms.CharField(label="评估意见", widget=textarea(4))
    needs_revision = forms.BooleanField(label="评估结论：需修订（不勾选即继续适用）", required=False)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_code"].choices = blank((i.code, f"{i.code} {i.name}") for i in items)


# ---- 赋权乡镇 ---------------------------------------------------------------------------------------


def delegating_agencies(actor):
    """Agencies whose items `actor` may delegate (a township does not delegate further)."""
    return (
        active_agencies(actor, MANAGE_DELEGATION).exclude(kind=AgencyKind.TOWNSHIP).select_related("region")
    )


def townships_of(agency: Agency | None):
    if agency is None:
        return Agency.objects.none()
    return Agency.objects.filter(
        active=True, kind=AgencyKind.TOWNSHIP, region__path__startswith=agency.region.path
    ).order_by("region__code", "name")


class DelegationCreateForm(Form):
    from_agency = agency_field("赋权部门")
    item = forms.ModelChoiceField(
        label="事项（本部门施行中的清单）", queryset=EnforcementItem.objects.none(), empty_label="请选择"
    )
    to_agency = forms.ModelChoiceField(
        label="承接乡镇（街道）", queryset=Agency.objects.none(), empty_label="请选择"
    )
    form = forms.ChoiceField(label="赋权形式", choices=blank(DelegationForm.choices))
    document = forms.CharField(label="赋权文件", max_length=128, help_text="如：某政发〔2025〕9号")
    on = date_field("赋权日期", today=True)
    staff_transferred = forms.IntegerField(label="随事项下沉人员数", min_value=0, initial=0)
    staff_note = forms.CharField(label="人员下沉情况", required=False, widget=textarea(rows=2))
    training_note = forms.CharField(label="业务培训情况", required=False, widget=textarea(rows=2))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = delegating_agencies(actor)
        self.fields["from_agency"].queryset = agencies
        agency_id = int_or_none(bound_value(self, "from_agency"))
        if agency_id is None and agencies.count() == 1:
            agency_id = agencies.get().pk
            self.initial.setdefault("from_agency", agency_id)
        self.from_agency = agencies.filter(pk=agency_id).first() if agency_id else None
        version = selectors.version_in_force(self.from_agency) if self.from_agency else None
        self.version = version
        self.fields["item"].queryset = (
            version.items.order_by("code") if version else EnforcementItem.objects.none()
        )
        self.fields["to_agency"].queryset = townships_of(self.from_agency)

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "form": data["form"],
            "document": data["document"].strip(),
            "on": data["on"],
            "staff_transferred": data["staff_transferred"],
            "staff_note": data["staff_note"].strip(),
            "training_note": data["training_note"].strip(),
        }

    # service error key → form field
    error_map = {"evaluation_due": "on", "item_code": "item", "item_name": "item"}


class DelegationEvaluateForm(Form):
    on = date_field("评估日期", today=True)
    outcome = forms.ChoiceField(label="评估结论", choices=blank(EvaluationOutcome.choices))
    findings = forms.CharField(  # required by the service (请填写评估意见), as in the API
        label="评估意见",
        widget=textarea(4),
        required=False,
        help_text="承接能力、监管效果；接不住、监管跟不上的应当收回",
    )


# ---- 岗位职权分解 -----------------------------------------------------------------------------------


class OrgUnitForm(Form):
    name = forms.CharField(label="机构/岗位名称", max_length=64, help_text="如：执法一队、案件审核岗")
    parent = forms.ModelChoiceField(
        label="所属机构", queryset=OrgUnit.objects.none(), required=False, empty_label="（无，作为内设机构）"
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, prefix="unit", **kwargs)
        self.fields["parent"].queryset = OrgUnit.objects.filter(agency=agency, parent__isnull=True).order_by(
            "name"
        )


class DutyAssignForm(Form):
    unit = forms.ModelChoiceField(label="机构/岗位", queryset=OrgUnit.objects.none(), empty_label="请选择")
    item_code = forms.ChoiceField(label="事项", choices=())
    division = forms.CharField(
        label="分工说明",
        max_length=200,
        required=False,
        help_text="同一事项由两个以上机构或岗位承担的，应写明分工（如按区域、环节划分），否则视为交叉",
    )

    def __init__(self, *args, agency: Agency, version: CatalogVersion | None, **kwargs):
        super().__init__(*args, prefix="duty", **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(agency=agency).select_related("parent")
        items = version.items.order_by("code").values_list("code", "name") if version else []
        self.fields["item_code"].choices = [
            ("", "请选择"),
            *((code, f"{code} {name}") for code, name in items),
        ]
