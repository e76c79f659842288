"""Forms of 监督计划、工作台账 and 督办: they only parse; the services decide (their refusals come back
beside the fields through core.forms.apply_errors). A field the service checks itself is not `required`
here, so the page and the API refuse it in the same words."""

from typing import cast

from django import forms

from zhifa.core.choices import AgencyKind
from zhifa.core.forms import Form, agency_field, blank, date_field, offer_agencies, text_field
from zhifa.core.models import Agency
from zhifa.core.params import YearField
from zhifa.core.pickers import remote_receivers

from . import clocks
from .choices import OversightGround, TaskKind
from .machine import MANAGE_OVERSIGHT, MANAGE_PLAN


class PlanForm(Form):
    agency = agency_field("制定机关")
    year = YearField(label="年度")
    title = forms.CharField(label="计划名称", max_length=120, required=False)
    milestones = forms.BooleanField(
        label="按方案和实施计划的时间节点生成工作台账任务", required=False, initial=True
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["agency"])
        agencies = offer_agencies(field, actor, MANAGE_PLAN).filter(kind=AgencyKind.JUSTICE)
        if actor.agency_id:
            agencies = agencies.filter(pk=actor.agency_id)
        field.queryset = agencies
        if len(agencies) == 1:
            field.initial = agencies[0].pk


class TaskForm(Form):
    title = forms.CharField(label="任务", max_length=200, required=False)
    kind = forms.ChoiceField(label="监督类别", choices=blank(TaskKind.choices), required=False)
    owner = forms.CharField(label="责任人/责任科室", max_length=64, required=False)
    due = date_field("完成期限", required=False, help_text="遇休息日顺延至下一个工作日")
    targets = forms.ModelMultipleChoiceField(
        label="报送单位",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选则由本机关自行报送",
    )
    source = forms.CharField(label="依据", max_length=200, required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        targets = cast(forms.ModelMultipleChoiceField, self.fields["targets"])
        targets.queryset = (
            Agency.objects.in_region_tree(plan.agency.region)
            .filter(active=True)
            .order_by("region__code", "name")
        )
        targets.error_messages["invalid_choice"] = f"所选{targets.label}不在本计划制定机关所辖区域内"
        remote_receivers(targets, plan.agency.region.code, not_justice=False)  # a province: thousands


class LedgerReportForm(Form):
    text = text_field("报送内容", rows=4, required=False)
    attachment = forms.FileField(
        label="附件", required=False, help_text="可上传PDF、Word、Excel、图片或压缩包"
    )


class OversightOpenForm(Form):
    agency = agency_field("被督办机关", required=False)
    title = forms.CharField(label="督办事项", max_length=200, required=False)
    ground = forms.ChoiceField(label="督办情形", choices=blank(OversightGround.choices), required=False)
    description = text_field("督办要求", required=False)
    due = date_field("办理期限", required=False)

    def __init__(self, *args, actor, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the period of the agency's region (a case's agency, else the supervisor's own region)
        region = case.agency.region if case is not None else getattr(actor.agency, "region", None)
        self.fields["due"].help_text = (
            f"不填则为督办之日起{clocks.oversight_workdays(region)}个工作日（各地可另行设置）；"
            "遇休息日顺延至下一个工作日"
        )
        if case is not None:
            del self.fields["agency"]
        else:
            offer_agencies(cast(forms.ModelChoiceField, self.fields["agency"]), actor, MANAGE_OVERSIGHT)


class OversightReportForm(Form):
    text = text_field("进展情况", rows=4, required=False)


class OversightExtendForm(Form):
    new_due = date_field("延长至", required=False, help_text="遇休息日顺延至下一个工作日")
    reason = text_field("延期理由", required=False)


class OversightEscalateForm(Form):
    reason = text_field(
        "提级理由", required=False, help_text="如：逾期未办结，约谈被督办机关负责人并报告本级政府"
    )


class OversightCloseForm(Form):
    conclusion = text_field("办结意见", required=False)


OVERSIGHT_FORMS: dict[str, type[Form]] = {
    "report": OversightReportForm,
    "extend": OversightExtendForm,
    "escalate": OversightEscalateForm,
    "close": OversightCloseForm,
}
