"""Forms of the 责任追究 pages. They only parse (the choices offered are what the user may see); every rule
is the service's, whose refusals `apply_errors` puts back beside the field of the same name."""

from django import forms

from zhifa.cases.choices import VOIDING_OUTCOMES
from zhifa.cases.models import Challenge
from zhifa.core import access
from zhifa.core.forms import Form, blank, date_field, text_field
from zhifa.core.pickers import remote_officers
from zhifa.registry.choices import PersonStatus
from zhifa.registry.models import Officer
from zhifa.supervision.models import Finding, SupervisionItem

from . import services
from .choices import Outcome, SourceKind
from .transitions import PURSUE


class OfficerChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.agency.name}，{obj.get_kind_display()}）"


class FindingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.item.agency.name}：{obj.item.title}——{obj.text[:40]}"


class ChallengeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return (
            f"{obj.case.agency.name} 案件{obj.case.number or obj.case.pk}："
            f"{obj.get_kind_display()}{obj.get_outcome_display()}（{obj.organ}）"
        )


class OpenForm(Form):
    officers = OfficerChoices(
        label="责任人员",
        queryset=Officer.objects.none(),
        required=False,
        help_text="本机关监督范围内的在岗人员；选择多人时每人各立一案",
    )
    source_kind = forms.ChoiceField(label="案件来源", choices=blank(SourceKind.choices), required=False)
    finding = FindingChoice(label="执法监督发现的问题", queryset=Finding.objects.none(), required=False)
    challenge = ChallengeChoice(label="被纠错的行政行为", queryset=Challenge.objects.none(), required=False)
    source_text = text_field(
        "投诉举报内容或逾期未履行的职责", required=False, help_text="来源为投诉举报或逾期未履行职责时填写"
    )
    source_reference = forms.CharField(
        label="来源编号", required=False, max_length=100, help_text="如投诉编号、文号"
    )
    facts = text_field("立案事由", rows=4, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        officers = access.visible_to(user, Officer.objects.select_related("agency"), PURSUE)
        self.fields["officers"].queryset = officers.filter(status=PersonStatus.ACTIVE).order_by(  # type: ignore[attr-defined]
            "agency__name", "name", "id"
        )
        remote_officers(self.fields["officers"], PURSUE)  # type: ignore[arg-type]
        findings = Finding.objects.filter(item__in=access.visible_to(user, SupervisionItem.objects.all()))
        self.fields["finding"].queryset = findings.select_related("item__agency").order_by("-created_at")  # type: ignore[attr-defined]
        challenges = access.visible_to(
            user, Challenge.objects.filter(outcome__in=VOIDING_OUTCOMES), "cases.view_case"
        )
        self.fields["challenge"].queryset = challenges.select_related("case__agency").order_by("-filed_on")  # type: ignore[attr-defined]

    def to_input(self) -> services.OpenInput:
        d = self.cleaned_data
        return services.OpenInput(
            source_kind=d["source_kind"],
            facts=d["facts"],
            officers=tuple(d["officers"] or ()),
            finding=d["finding"],
            challenge=d["challenge"],
            source_text=d["source_text"],
            source_reference=d["source_reference"],
        )


class InvestigateForm(Form):
    investigation = text_field("调查情况", rows=5, required=False)


class NotifyForm(Form):
    notice = text_field(
        "告知的拟处理意见",
        rows=5,
        required=False,
        help_text="拟处理意见及其事实、理由、依据，并告知陈述申辩的权利",
    )


class HearForm(Form):
    statement = text_field(
        "陈述申辩情况", rows=5, required=False, help_text="陈述申辩的内容，或当事人放弃陈述申辩"
    )


class DecideForm(Form):
    outcome = forms.ChoiceField(label="处理决定", choices=blank(Outcome.choices), required=False)
    reason = text_field(
        "决定理由", rows=5, required=False, help_text="尽职免责、容错免责须写明依据的事实和理由"
    )
    suspended_until = date_field("暂扣至", required=False, help_text="暂扣执法证时填写")


class RestoreForm(Form):
    """No field: the confirmation button of 恢复执法证."""
