"""The 表彰奖励 page forms: they parse; every rule is the service's (core.forms.apply_errors)."""

from django import forms

from zhifa.core import access, pickers
from zhifa.core.forms import Form, agency_field, blank, date_field, offer_agencies
from zhifa.registry.choices import PersonStatus
from zhifa.registry.models import Officer

from .choices import AwardeeKind, AwardKind, AwardLevel
from .services import MANAGE_AWARD, AwardInput


class AwardForm(Form):
    awardee_kind = forms.ChoiceField(label="表彰对象类别", choices=blank(AwardeeKind.choices), required=False)
    officer = forms.ModelChoiceField(label="受表彰人员", queryset=Officer.objects.none(), required=False,
                                     help_text="表彰个人时选择，输入姓名或拼音首字母检索")  # fmt: skip
    agency = agency_field("受表彰机关", required=False, help_text="表彰集体时选择")
    kind = forms.ChoiceField(label="表彰种类", choices=blank(AwardKind.choices), required=False)
    level = forms.ChoiceField(label="表彰级别", choices=blank(AwardLevel.choices), required=False)
    granted_by = forms.CharField(label="授予机关", required=False)
    granted_on = date_field("授予日期", required=False)
    document_number = forms.CharField(label="文号", required=False)
    reason = forms.CharField(label="表彰事由", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_agencies(self.fields["agency"], user, MANAGE_AWARD)
        field = self.fields["officer"]
        field.queryset = access.visible_to(
            user, Officer.objects.filter(status=PersonStatus.ACTIVE).select_related("agency"), MANAGE_AWARD
        ).order_by("agency_id", "name", "id")
        pickers.remote_officers(field, MANAGE_AWARD)

    def to_input(self) -> AwardInput:
        d = self.cleaned_data
        return AwardInput(
            awardee_kind=d["awardee_kind"], officer=d["officer"], agency=d["agency"], kind=d["kind"],
            level=d["level"], granted_by=d["granted_by"], granted_on=d["granted_on"],
            document_number=d["document_number"], reason=d["reason"],
        )  # fmt: skip


class CorrectionForm(Form):
    kind = forms.ChoiceField(label="表彰种类", choices=blank(AwardKind.choices), required=False)
    level = forms.ChoiceField(label="表彰级别", choices=blank(AwardLevel.choices), required=False)
    granted_by = forms.CharField(label="授予机关", required=False)
    granted_on = date_field("授予日期", required=False)
    document_number = forms.CharField(label="文号", required=False)
    reason = forms.CharField(label="表彰事由", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    correction_reason = forms.CharField(label="更正理由", required=False)

    def to_input(self, award) -> AwardInput:
        d = self.cleaned_data
        return AwardInput(
            awardee_kind=award.awardee_kind, officer=award.officer, agency=award.agency, kind=d["kind"],
            level=d["level"], granted_by=d["granted_by"], granted_on=d["granted_on"],
            document_number=d["document_number"], reason=d["reason"],
        )  # fmt: skip
