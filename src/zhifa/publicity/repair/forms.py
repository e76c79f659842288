"""Forms of 信用修复: they parse; every rule is the service's (a field it requires is not required here)."""

from django import forms

from zhifa.core.forms import Form, blank, date_field, text_field

from .choices import RepairOutcome, Severity


class RegisterForm(Form):
    applicant = forms.CharField(label="申请人", required=False, max_length=500)
    applied_on = date_field("申请日期", required=False, today=True)
    severity = forms.ChoiceField(label="失信程度", choices=blank(Severity.choices), required=False)
    performed_on = date_field("处罚履行完毕日期", required=False)
    statement = text_field("申请事由及信用承诺", rows=4, required=False)


class ApproveForm(Form):
    outcome = forms.ChoiceField(label="修复方式", choices=blank(RepairOutcome.choices), required=False)
    end_on = date_field("公示结束日期", required=False, help_text="提前结束公示时填写")
    reason = text_field("决定理由", rows=2, required=False)


class RefuseForm(Form):
    reason = text_field("不同意的理由", rows=3, required=False)
