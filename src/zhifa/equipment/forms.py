"""Forms of the equipment pages. They only parse; every rule is the service's, whose refusals
`apply_errors` puts back beside the field of the same name. The holder is chosen with the officer search
picker (never a list of every officer)."""

from django import forms

from zhifa.core.forms import Form, blank, date_field, text_field
from zhifa.core.models import Agency
from zhifa.core.pickers import remote_agencies, remote_officers
from zhifa.core.selectors import active_agencies
from zhifa.registry.choices import PersonStatus
from zhifa.registry.models import Officer

from . import services
from .choices import DeviceKind, DeviceStatus
from .transitions import MANAGE


class DeviceForm(Form):
    kind = forms.ChoiceField(label="设备种类", choices=blank(DeviceKind.choices), required=False)
    model = forms.CharField(label="品牌型号", required=False, max_length=100)
    number = forms.CharField(label="设备编号", required=False, max_length=50, help_text="同一机关内不能重复")
    status = forms.ChoiceField(label="状态", choices=blank(DeviceStatus.choices), required=False)
    acquired_on = date_field("配备日期", required=False)
    note = text_field("备注", required=False)

    def to_input(self) -> services.DeviceInput:
        return services.DeviceInput(**{name: self.cleaned_data[name] for name in services.DEVICE_FIELDS})


class DeviceNewForm(DeviceForm):
    agency = forms.ModelChoiceField(label="所属机关", queryset=Agency.objects.none(), required=False)

    field_order = ["agency"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies(user, MANAGE)  # type: ignore[attr-defined]
        remote_agencies(self.fields["agency"], MANAGE)  # type: ignore[arg-type]
        if user.agency_id and not self.is_bound:
            self.fields["agency"].initial = user.agency_id
            self.fields["status"].initial = DeviceStatus.IN_USE


class IssueForm(Form):
    officer = forms.ModelChoiceField(label="领用人", queryset=Officer.objects.none(), required=False)

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        field.queryset = Officer.objects.filter(  # type: ignore[attr-defined]
            agency_id=device.agency_id, status=PersonStatus.ACTIVE
        ).order_by("name", "id")
        field.error_messages["invalid_choice"] = "所选人员不是本机关在岗的执法人员"
        remote_officers(field, "registry.view_officer", agency_id=device.agency_id)  # type: ignore[arg-type]


class ReturnForm(Form):
    """归还 takes nothing but the button: who and when are the record's."""


class StandardForm(Form):
    ratio = forms.CharField(
        label="配备标准（台/人）",
        required=False,
        max_length=10,
        help_text="每名一线执法人员应配备的音像记录设备台数，例如1或0.5",
    )
    basis = forms.CharField(label="依据", required=False, max_length=200)


class LinkForm(Form):
    device = forms.ModelChoiceField(label="记录设备", queryset=None, required=False)

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["device"].queryset = devices  # type: ignore[attr-defined]
        self.fields["device"].error_messages["invalid_choice"] = "所选设备不是本机关的音像记录设备"
