"""The 协助 pages' forms: they parse; every rule is the services'."""

from django import forms

from zhifa.cases.models import Case
from zhifa.core.forms import Form, agency_field, blank, date_field, offer_agencies, text_field

from ..notices.forms import peer_agencies, peer_field, remote_peers
from .choices import AssistanceKind


class RequestForm(Form):
    agency = agency_field("请求机关", required=False)
    kind = forms.ChoiceField(label="协助事项", choices=blank(AssistanceKind.choices), required=False)
    helper = peer_field("协助机关")
    subject = forms.CharField(label="协助事项名称", required=False)
    questions = text_field("请求协助的内容", required=False)
    case = forms.IntegerField(label="案件（编号）", required=False, widget=forms.HiddenInput)
    urgent = forms.BooleanField(label="情况紧急或证据可能灭失", required=False)

    def __init__(self, *args, user, perm, **kwargs):
        super().__init__(*args, **kwargs)
        offer_agencies(self.fields["agency"], user, perm)
        self.fields["helper"].queryset = peer_agencies(user)
        remote_peers(self.fields["helper"], user)

    def clean_case(self):
        pk = self.cleaned_data.get("case")
        return Case.objects.filter(pk=pk).first() if pk else None


class ExtendForm(Form):
    new_due = date_field("新的答复日期", required=False)
    reason = text_field("延期理由", required=False)


class AnswerForm(Form):
    answer = text_field("书面答复", required=False, rows=5)


class DeclineForm(Form):
    reason = text_field("不予协助的理由", required=False)
