from django import forms

from zhifa.core.forms import Form, date_field, textarea

from .choices import DisclosureKind, SubjectKind, WithholdReason

REGISTER_KINDS = [(k, label) for k, label in DisclosureKind.choices if k != DisclosureKind.PENALTY]


class RegisterForm(Form):
    """登记行政许可、行政强制等其他执法决定 for disclosure (7 or 20 working days)."""

    kind = forms.ChoiceField(label="执法类别", choices=REGISTER_KINDS)
    number = forms.CharField(label="决定书文号", max_length=64, required=False)
    subject_kind = forms.ChoiceField(label="执法对象类型", choices=SubjectKind.choices)
    # required by the service (请填写执法对象), in the same words as the API's refusal
    subject_name = forms.CharField(
        label="执法对象", max_length=128, required=False, help_text="自然人姓名公示时自动隐去名字"
    )
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    items = forms.CharField(label="执法事项", max_length=500, required=False)
    conclusion = forms.CharField(label="执法结论", max_length=500, required=False)
    summary = forms.CharField(label="主要事实", widget=textarea(4), required=False)
    decided_on = date_field("决定日期")


class EditForm(Form):
    conclusion = forms.CharField(label="执法结论", max_length=500)
    summary = forms.CharField(label="主要事实", widget=textarea(6), required=False)


class CorrectForm(EditForm):
    note = forms.CharField(label="更正原因", max_length=500)


class WithholdForm(Form):
    reason = forms.ChoiceField(label="不予公开理由", choices=WithholdReason.choices)
    note = forms.CharField(label="依据和说明", widget=textarea(3), required=False)  # the service requires it


class WithdrawForm(Form):
    # blank: the reason already noted (a decision revoked on 复议), else the service asks for one
    reason = forms.CharField(label="撤回理由", widget=textarea(3), required=False)


class ReportForm(Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    note = forms.CharField(label="总体情况说明", widget=textarea(4), required=False)
