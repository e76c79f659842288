"""Forms of the 监督事项 pages. They only parse (numbers typed by people become ids of the supervised
agency's cases, documents and records); every rule is the service's, whose refusals `apply_errors` puts
back beside the field of the same name."""

from django import forms

from zhifa.cases.models import Case, CaseDocument
from zhifa.core.forms import Form, blank, date_field, text_field
from zhifa.core.models import Agency, Record
from zhifa.core.pickers import remote_agencies
from zhifa.core.selectors import active_agencies
from zhifa.supervision import attachments, numbers

from . import services
from .choices import EscalationStep, Grade, ProblemCategory, SupervisionKind, TargetKind
from .transitions import SUPERVISE


class OpenForm(Form):
    kind = forms.ChoiceField(label="监督方式", choices=blank(SupervisionKind.choices), required=False)
    target_kind = forms.ChoiceField(label="监督对象", choices=blank(TargetKind.choices), required=False)
    agencies: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label="被监督机关",
        queryset=Agency.objects.none(),
        required=False,
        help_text="监督一个机关时选一个；专项主题可选涉及的多个机关（每个机关各立一项）",
    )
    case_number = forms.CharField(label="案件编号", required=False, help_text="监督对象为具体案件时填写")
    category = forms.ChoiceField(label="问题类别", choices=blank(ProblemCategory.choices), required=False)
    title = forms.CharField(label="事项名称", required=False, max_length=200)
    theme = forms.CharField(label="专项主题", required=False, max_length=200)
    reason = text_field("监督事由", required=False)
    error_map = {"case": "case_number"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["agencies"].queryset = active_agencies(user, SUPERVISE)  # type: ignore[attr-defined]
        remote_agencies(self.fields["agencies"], SUPERVISE)  # type: ignore[arg-type]

    def clean_case_number(self):
        number = self.cleaned_data["case_number"].strip()
        if not number:
            return None
        from zhifa.cases.selectors import cases_visible_to

        case = cases_visible_to(self.user).filter(number=number).first()
        if case is None:
            raise forms.ValidationError(f"未找到案件编号“{number}”（或您无权查看该案件）")
        return case

    def to_input(self) -> services.OpenInput:
        d = self.cleaned_data
        return services.OpenInput(
            kind=d["kind"],
            target_kind=d["target_kind"],
            title=d["title"],
            agencies=tuple(d["agencies"] or ()),
            case=d["case_number"],
            category=d["category"],
            theme=d["theme"],
            reason=d["reason"],
        )


class FromCaseForm(Form):
    category = forms.ChoiceField(label="问题类别", choices=blank(ProblemCategory.choices), required=False)
    reason = text_field("监督事由", required=False)


class FindingForm(Form):
    text = text_field("问题描述", rows=4, required=False)
    cases = forms.CharField(
        label="相关案件编号", required=False, help_text="被监督机关的案件，多个用逗号分隔"
    )
    documents = forms.CharField(label="相关文书文号", required=False, help_text="多个用逗号分隔")
    records = forms.CharField(
        label="相关执法记录序号",
        required=False,
        help_text="被监督机关执法记录的序号（第几条），多个用逗号分隔",
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def _ids(self, name: str, queryset, lookup: str, label: str) -> list[int]:
        return numbers.ids_by_number(self.cleaned_data[name], queryset, lookup, label, self.item.agency.name)

    def clean_cases(self):
        return self._ids("cases", Case.objects.filter(agency=self.item.agency), "number", "案件编号")

    def clean_documents(self):
        documents = CaseDocument.objects.filter(case__agency=self.item.agency)
        return self._ids("documents", documents.exclude(number=""), "number", "文号")

    def clean_records(self):
        tokens = numbers.tokens(self.cleaned_data["records"])
        if any(not t.isdigit() or len(t) > 12 for t in tokens):
            raise forms.ValidationError("执法记录序号应为数字")
        return self._ids("records", Record.objects.filter(agency=self.item.agency), "seq", "执法记录序号")

    def to_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "text": d["text"],
            "case_ids": d["cases"],
            "document_ids": d["documents"],
            "record_ids": d["records"],
        }


class IssueForm(Form):
    grade = forms.ChoiceField(label="文书种类", choices=blank(Grade.choices), required=False)
    findings = forms.MultipleChoiceField(
        label="所依据的问题", required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    requirements = text_field("监督意见和整改要求", rows=5, required=False)
    reply_due = date_field("答复期限", required=False, help_text="不填则按本地区默认工作日数计算")
    rectify_due = date_field("整改期限", required=False, help_text="不填则按本地区默认工作日数计算")

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["findings"].choices = [  # type: ignore[attr-defined]
            (str(f.pk), f.text[:80]) for f in item.findings.order_by("created_at", "id")
        ]

    def to_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "grade": d["grade"],
            "requirements": d["requirements"],
            "finding_ids": [int(pk) for pk in d["findings"]],
            "reply_due": d["reply_due"],
            "rectify_due": d["rectify_due"],
        }


class ReplyForm(Form):
    text = text_field("答复和整改情况", rows=5, required=False)
    files = attachments.files_field()  # type: ignore[assignment]  # a field, as Django declares them

    def to_kwargs(self) -> dict:
        files = attachments.uploads_of_form(self.cleaned_data["files"])
        return {"text": self.cleaned_data["text"], "files": files}


class AcceptForm(Form):
    note = text_field("验收意见", required=False)


class ReturnForm(Form):
    reason = text_field("退回理由", required=False)


class EscalateForm(Form):
    step = forms.ChoiceField(label="升级措施", choices=blank(EscalationStep.choices), required=False)
    note = text_field("情况说明", required=False)
    due_on = date_field("新的整改期限", required=False, help_text="限期整改时填写；不填则按默认工作日数计算")


class CloseForm(Form):
    note = text_field("办结说明", required=False)
