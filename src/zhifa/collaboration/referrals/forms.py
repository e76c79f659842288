"""The referral pages' forms: they parse; every rule is the services'."""

from django import forms

from zhifa.cases.models import Case
from zhifa.core.forms import Form, agency_field, blank, date_field, offer_agencies, text_field

from .choices import ReferralKind

REPORT_KINDS = [(k.value, k.label) for k in (ReferralKind.CRIMINAL, ReferralKind.CLUE)]


class ReportForm(Form):
    agency = agency_field("行政执法机关", required=False)
    kind = forms.ChoiceField(label="移送类别", choices=blank(REPORT_KINDS), required=False)
    organ = forms.CharField(label="接收机关", required=False, help_text="如：东湖区公安分局、东湖区纪委监委")
    case = forms.IntegerField(label="案件", required=False, widget=forms.HiddenInput)
    party = forms.CharField(label="当事人（涉嫌人）", required=False)
    facts = text_field("事实和理由", required=False)
    materials = text_field(
        "移送材料清单", required=False, help_text="涉嫌犯罪案件移送书、调查报告、证据材料清单等"
    )

    def __init__(self, *args, user, perm, **kwargs):
        super().__init__(*args, **kwargs)
        offer_agencies(self.fields["agency"], user, perm)

    def clean_case(self):
        pk = self.cleaned_data.get("case")
        return Case.objects.filter(pk=pk).first() if pk else None


class ReceiveForm(Form):
    agency = agency_field("接收的行政执法机关", required=False)
    organ = forms.CharField(
        label="移送机关", required=False, help_text="如：东湖区公安分局、东湖区人民检察院"
    )
    party = forms.CharField(label="当事人（涉嫌人）", required=False)
    facts = text_field("事实和理由", required=False)
    materials = text_field("移送材料清单", required=False)

    def __init__(self, *args, user, perm, **kwargs):
        super().__init__(*args, **kwargs)
        offer_agencies(self.fields["agency"], user, perm)


class ReasonForm(Form):
    reason = text_field("理由", required=False)


class OutcomeForm(Form):
    on = date_field("日期", required=False, today=True)
    reason = text_field("理由", required=False)


class AcceptForm(Form):
    on = date_field("日期", required=False, today=True)
    note = text_field("说明", required=False)


class ConcludeForm(Form):
    on = date_field("日期", required=False, today=True)
    outcome = text_field("处理结果", required=False)


class CourtForm(Form):
    court = forms.CharField(label="人民法院", required=False, help_text="如：东湖区人民法院")
    reminded_on = date_field("催告书送达日期", required=False)
    applied_on = date_field("申请日期", required=False, today=True)
    note = text_field("申请事项", required=False)
