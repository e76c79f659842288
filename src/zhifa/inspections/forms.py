"""Forms of the staff pages; the rules stay in the services, forms only collect and type the input."""

from django import forms

from zhifa.core.forms import Form, date_field, textarea
from zhifa.core.models import Agency

from .choices import InspectionResult, LenientKind, RiskLevel, SubjectKind
from .models import Subject


class PlanForm(Form):
    title = forms.CharField(label="计划名称", max_length=128)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    ends_on = date_field("检查完成期限")
    items = forms.CharField(
        label="抽查事项",
        help_text="每行一项：事项编码；联合抽查写“部门名称:事项编码”",
        widget=textarea(3),
    )
    ratio_a = forms.CharField(label="A级比例（%）", initial="1")
    ratio_b = forms.CharField(label="B级比例（%）", initial="2")
    ratio_c = forms.CharField(label="C级比例（%）", initial="10")
    ratio_d = forms.CharField(label="D级比例（%）", initial="30")
    frequency = forms.IntegerField(label="年度抽查次数", min_value=1, initial=1)
    subject_kinds = forms.MultipleChoiceField(
        label="对象类别", choices=SubjectKind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    industry = forms.CharField(label="行业（不填为全部）", required=False)

    def item_pairs(self, own: Agency) -> list[tuple[Agency, str]]:
        pairs = []
        for line in self.cleaned_data["items"].splitlines():
            line = line.strip().replace("：", ":")
            if not line:
                continue
            name, _, code = line.rpartition(":")
            agency = Agency.objects.filter(name=name.strip()).first() if name else own
            if agency is None:
                raise forms.ValidationError(f"没有名为“{name}”的部门")
            pairs.append((agency, code.strip()))
        return pairs

    def ratios(self) -> dict[str, str]:
        return {level: self.cleaned_data[f"ratio_{level.lower()}"] for level in RiskLevel.values}


class SubjectForm(Form):
    kind = forms.ChoiceField(label="对象类别", choices=SubjectKind.choices)
    name = forms.CharField(label="名称", max_length=128)
    credit_code = forms.CharField(label="统一社会信用代码", required=False)
    id_number = forms.CharField(label="身份证号码（自然人；只保存摘要）", required=False)
    industry = forms.CharField(label="行业", required=False)
    region_code = forms.CharField(label="所在区划代码", required=False)
    address = forms.CharField(label="地址", required=False)
    risk_level = forms.ChoiceField(label="风险等级", choices=RiskLevel.choices, initial=RiskLevel.B)
    yearly_cap = forms.IntegerField(label="年度检查上限", min_value=1, required=False)


class ReportForm(Form):
    subject = forms.ModelChoiceField(label="检查对象", queryset=Subject.objects.none())
    reason = forms.CharField(label="检查事由", widget=textarea(3), required=False)  # the service requires it
    item_codes = forms.CharField(label="检查事项编码", help_text="多个用逗号分隔")
    planned_on = date_field("拟检查日期")

    def codes(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data["item_codes"].replace("，", ",").split(",") if c.strip()]


class FinishForm(Form):
    result = forms.ChoiceField(label="检查结果", choices=InspectionResult.choices)
    summary = forms.CharField(label="检查情况", widget=textarea(4), required=False)  # the service requires it
    on = date_field("结果录入日期")
    lenient_reason = forms.CharField(label="不适用包容审慎的理由（如需立案）", required=False)


class LenientEditForm(Form):
    subject_code = forms.CharField(label="检查对象编码（观察期）", required=False)
    item_code = forms.CharField(label="事项编码（免罚清单）", required=False)
    valid_from = date_field("起始日期")
    valid_until = date_field("截止日期", required=False)
    note = forms.CharField(label="说明", required=False, max_length=200)


class LenientForm(LenientEditForm):
    kind = forms.ChoiceField(label="清单", choices=LenientKind.choices)
    field_order = ["kind"]


class LenientEndForm(Form):
    on = date_field("移出日期（当日起不再适用）")
    reason = forms.CharField(label="移出理由", required=False, max_length=200)


# the reasons of the action buttons: the service decides when one is needed and how long it may be
class PublishForm(Form):
    late_reason = forms.CharField(label="逾期公布理由", required=False)


class StartForm(Form):
    guard_reason = forms.CharField(label="重复检查理由", required=False)
    via_qr = forms.BooleanField(required=False)
