"""The 备案 pages' forms: they parse only; every rule is the service's (a required field here would answer
in Django's words instead of the service's)."""

from django import forms

from zhifa.core.forms import Form, agency_field, offer_agencies, text_field
from zhifa.supervision.attachments import MultipleFileField

from .choices import FilingKind, FilingStatus
from .services import MAX_FILES
from .transitions import SUBMIT


def files_field() -> MultipleFileField:
    return MultipleFileField(
        label="备案材料", required=False, help_text=f"文档、PDF或图片，最多{MAX_FILES}个，每个不超过20MB"
    )


class FilingForm(Form):
    agency = agency_field("报送机关", required=False)
    kind = forms.ChoiceField(
        label="备案材料类别", choices=[("", "请选择"), *FilingKind.choices], required=False
    )
    title = forms.CharField(label="名称", required=False)
    note = text_field("报送说明", required=False)
    files = files_field()

    error_map = {"agency": "agency", "kind": "kind", "title": "title", "files": "files"}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = offer_agencies(self.fields["agency"], actor, SUBMIT)
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()


class ReturnForm(Form):
    reason = text_field("退回理由", required=False)


class ResubmitForm(Form):
    note = text_field("修改说明", required=False)
    files = files_field()


class FilingFilters(Form):
    status = forms.ChoiceField(
        label="状态", choices=[("", "全部状态"), *FilingStatus.choices], required=False
    )
    kind = forms.ChoiceField(
        label="备案材料", choices=[("", "全部材料"), *FilingKind.choices], required=False
    )
