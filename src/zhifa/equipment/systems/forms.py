"""Forms of the 执法信息系统 pages. They only parse; every rule is the service's, whose refusals
`core.forms.submit` puts back beside the field of the same name."""

from django import forms

from zhifa.core.forms import Form, blank, date_field, text_field
from zhifa.core.models import Agency
from zhifa.core.pickers import remote_agencies
from zhifa.core.selectors import active_agencies

from . import services
from .choices import Connection, SystemKind, SystemLevel, SystemStatus


class SystemForm(Form):
    name = forms.CharField(label="系统名称", required=False, max_length=100, help_text="同一机关内不能重复")
    kind = forms.ChoiceField(label="系统类别", choices=blank(SystemKind.choices), required=False)
    level = forms.ChoiceField(label="建设层级", choices=blank(SystemLevel.choices), required=False)
    builder = forms.CharField(label="建设（承建）单位", required=False, max_length=100)
    in_use_since = date_field("启用日期", required=False)
    connection = forms.ChoiceField(label="与本平台对接", choices=Connection.choices, required=False)
    connected_on = date_field("对接日期", required=False, help_text="已对接的系统填写")
    status = forms.ChoiceField(label="状态", choices=SystemStatus.choices, required=False)
    note = text_field("备注", required=False)

    def to_input(self) -> services.SystemInput:
        return services.SystemInput(**{name: self.cleaned_data[name] for name in services.SYSTEM_FIELDS})


class SystemNewForm(SystemForm):
    agency = forms.ModelChoiceField(label="使用机关", queryset=Agency.objects.none(), required=False)

    field_order = ["agency"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies(user, services.MANAGE_SYSTEM)  # type: ignore[attr-defined]
        remote_agencies(self.fields["agency"], services.MANAGE_SYSTEM)  # type: ignore[arg-type]
        if user.agency_id and not self.is_bound:
            self.fields["agency"].initial = user.agency_id


class ExchangeSourceForm(Form):
    exchange_source = forms.CharField(
        label="数据交换来源系统标识",
        required=False,
        help_text="该系统导出的交换文件中的来源系统标识（如ZF320199）；首次收到其交换数据即标为已对接。留空则解除关联",
    )
