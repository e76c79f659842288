"""The 协同 pages' forms (抄告、信息共享、协助、移送): they parse; every rule is the services'."""

from django import forms

from zhifa.core.choices import JUSTICE_KINDS
from zhifa.core.forms import Form, agency_field, blank, date_field, offer_agencies, text_field
from zhifa.core.models import Agency
from zhifa.core.pickers import remote_receivers

from .choices import ShareCategory, ShareMethod


def peer_agencies(user):
    """The agencies a hand-off may go to: the active agencies of the user's city (the top region above the
    user's), other than justice bureaus and the user's own."""
    region = user.agency.region
    top = region.path.split("/")[0] + "/"
    return (
        Agency.objects.filter(active=True, region__path__startswith=top)
        .exclude(kind__in=JUSTICE_KINDS)
        .exclude(pk=user.agency_id)
        .order_by("region__code", "name")
    )


def remote_peers(field, user) -> None:
    """A peer picker with more than a few dozen agencies searches them remotely (core.pickers)."""
    remote_receivers(field, user.agency.region.path.split("/")[0])


def peer_field(label: str) -> forms.ModelChoiceField:
    return agency_field(label, required=False)


class ApprovalForm(Form):
    agency = agency_field("抄告机关", required=False)
    title = forms.CharField(label="决定事项", required=False, help_text="如：准予食品经营许可")
    number = forms.CharField(label="决定文号", required=False)
    party = forms.CharField(label="当事人", required=False)
    decided_on = date_field("决定日期", required=False, today=True)
    urgent = forms.BooleanField(label="情况紧急（立即抄告）", required=False)
    content = text_field("决定内容", required=False)
    note = text_field("抄告说明", required=False, rows=2)

    def __init__(self, *args, user, perm, **kwargs):
        super().__init__(*args, **kwargs)
        offer_agencies(self.fields["agency"], user, perm)


class SendForm(Form):
    receiver = peer_field("接收机关")
    note = text_field("抄告说明", required=False, rows=2)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = peer_agencies(user)
        remote_peers(self.fields["receiver"], user)


class EmptyForm(Form):
    """An action with nothing to fill in (签收, 批准, 移送): the button confirms it."""


class SharingForm(Form):
    agency = agency_field("提供机关", required=False)
    receiver = peer_field("共享对象")
    category = forms.ChoiceField(label="共享内容类别", choices=blank(ShareCategory.choices), required=False)
    method = forms.ChoiceField(label="共享方式", choices=blank(ShareMethod.choices), required=False)
    content = forms.CharField(label="共享内容", required=False)
    frequency = forms.CharField(
        label="共享频次", required=False, help_text="如：每月、作出决定后10个工作日内"
    )

    def __init__(self, *args, user, perm, **kwargs):
        super().__init__(*args, **kwargs)
        offer_agencies(self.fields["agency"], user, perm)
        self.fields["receiver"].queryset = peer_agencies(user)
        remote_peers(self.fields["receiver"], user)


class ShareForm(Form):
    on = date_field("共享日期", required=False, today=True)
