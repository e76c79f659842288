"""Forms of the 突出问题 and 电子技术监控设备 pages. They only parse (case numbers and 文号 typed by people
become ids of the agency's cases and documents); every rule is the service's, whose refusals `apply_errors`
puts back beside the field of the same name."""

from django import forms

from zhifa.cases.models import Case, CaseDocument
from zhifa.core.forms import Form, blank, date_field, text_field
from zhifa.core.models import Agency
from zhifa.core.pickers import remote_agencies
from zhifa.core.selectors import active_agencies
from zhifa.supervision import attachments, numbers

from . import services
from .choices import Category, DeviceStatus
from .transitions import MANAGE_DEVICE, RECORD


class ProblemForm(Form):
    agency = forms.ModelChoiceField(label="行政执法机关", queryset=Agency.objects.none(), required=False)
    year = forms.IntegerField(
        label="年度", required=False, min_value=2000, max_value=2100, help_text="不填为今年"
    )
    category = forms.ChoiceField(label="问题类别", choices=blank(Category.choices), required=False)
    title = forms.CharField(label="问题名称", required=False, max_length=200)
    description = text_field("问题表现", rows=4, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = active_agencies(user, RECORD)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        remote_agencies(self.fields["agency"], RECORD)  # type: ignore[arg-type]
        if user.agency_id and not self.is_bound:
            self.fields["agency"].initial = user.agency_id

    def to_input(self) -> services.ProblemInput:
        d = self.cleaned_data
        return services.ProblemInput(
            agency=d["agency"],
            year=d["year"],
            category=d["category"],
            title=d["title"],
            description=d["description"],
        )


class SuperviseForm(Form):
    reason = text_field("监督事由", required=False, help_text="不填则以问题表现为监督事由")


class TaskForm(Form):
    measures = text_field("整改措施", rows=4, required=False)
    due_on = date_field("整改期限", required=False, help_text="工作日；不填则按默认工作日数计算")


class ReportForm(Form):
    """报告整改进展 / 报告整改完成: the text, the agency's cases and documents by number, and files."""

    text = text_field("整改情况", rows=5, required=False)
    cases = forms.CharField(label="相关案件编号", required=False, help_text="本机关的案件，多个用逗号分隔")
    documents = forms.CharField(label="相关文书文号", required=False, help_text="多个用逗号分隔")
    files = attachments.files_field()  # type: ignore[assignment]  # a field, as Django declares them

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task

    def _ids(self, name: str, queryset, lookup: str, label: str) -> list[int]:
        return numbers.ids_by_number(self.cleaned_data[name], queryset, lookup, label, self.task.agency.name)

    def clean_cases(self):
        return self._ids("cases", Case.objects.filter(agency_id=self.task.agency_id), "number", "案件编号")

    def clean_documents(self):
        documents = CaseDocument.objects.filter(case__agency_id=self.task.agency_id).exclude(number="")
        return self._ids("documents", documents, "number", "文号")

    def to_kwargs(self) -> dict:
        d = self.cleaned_data
        files = attachments.uploads_of_form(d["files"])
        return {"text": d["text"], "case_ids": d["cases"], "document_ids": d["documents"], "files": files}


class PassForm(Form):
    note = text_field("回头看意见", required=False)


class FailForm(Form):
    note = text_field("回头看意见（未通过的理由）", required=False)
    due_on = date_field(
        "新的整改期限", required=False, help_text="不填则沿用原期限（已过则按默认工作日数计算）"
    )


class DeviceForm(Form):
    name = forms.CharField(label="设备名称", required=False, max_length=200)
    location = forms.CharField(label="设置地点", required=False, max_length=300)
    purpose = forms.CharField(label="监控的违法行为", required=False, max_length=300)
    legal_basis = text_field("设置依据", required=False)
    approval_authority = forms.CharField(label="批准机关", required=False, max_length=200)
    approval_number = forms.CharField(label="批准文号", required=False, max_length=100)
    approved_on = date_field("批准日期", required=False)
    published = forms.BooleanField(label="已向社会公布", required=False)
    status = forms.ChoiceField(label="状态", choices=blank(DeviceStatus.choices), required=False)
    note = text_field("备注", required=False)

    def to_input(self) -> services.DeviceInput:
        return services.DeviceInput(**{name: self.cleaned_data[name] for name in services.DEVICE_FIELDS})


class DeviceNewForm(DeviceForm):
    agency = forms.ModelChoiceField(label="设置机关", queryset=Agency.objects.none(), required=False)

    field_order = ["agency"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies(user, MANAGE_DEVICE)  # type: ignore[attr-defined]
        remote_agencies(self.fields["agency"], MANAGE_DEVICE)  # type: ignore[arg-type]
        if user.agency_id and not self.is_bound:
            self.fields["agency"].initial = user.agency_id
            self.fields["status"].initial = DeviceStatus.IN_USE
