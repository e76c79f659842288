"""Forms of the 案件移送 pages: they only parse; the rules (the package, competence, clocks, who acts) are the
services', whose refusals come back beside the field of the same name."""

from django import forms
from django.utils import timezone

from zhifa.cases.choices import PartyKind
from zhifa.cases.models import Case, Evidence
from zhifa.core.choices import JUSTICE_KINDS, RegionLevel
from zhifa.core.forms import Form, agency_field, blank, offer_agencies, text_field
from zhifa.core.models import Agency
from zhifa.core.pickers import remote_receivers

from . import services
from .choices import DisputeForum
from .transitions import SEND


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _receiver_region(agency: Agency):
    region = agency.region
    return region.parent if region.level == RegionLevel.TOWNSHIP and region.parent_id else region


def receivers_for(agency: Agency | None):
    """The agencies of the sender's county (a township's: its county's), but the justice bureaus."""
    if agency is None:
        return Agency.objects.none()
    region = agency.region
    if region.level == RegionLevel.TOWNSHIP and region.parent_id:
        region = region.parent
    return (
        Agency.objects.filter(active=True, region__path__startswith=region.path)
        .exclude(kind__in=JUSTICE_KINDS)
        .exclude(pk=agency.pk)
        .order_by("region__code", "name")
    )


class TransferForm(Form):
    agency = agency_field("移送机关")
    receiver = forms.ModelChoiceField(label="接收机关", queryset=Agency.objects.none())
    item_code = forms.CharField(label="执法事项编码", required=False, max_length=32)
    summary = forms.CharField(label="案由", required=False, max_length=200)
    facts = text_field("基本违法事实", required=False)
    source_material = text_field(
        "案源材料", required=False, help_text="现场检查记录、举报投诉材料等，写明名称和主要内容"
    )
    party_kind = forms.ChoiceField(label="当事人类型", choices=blank(PartyKind.choices), required=False)
    party_name = forms.CharField(label="当事人", required=False, max_length=128)
    party_id = forms.CharField(label="证件号码或统一社会信用代码", required=False, max_length=18)
    party_address = forms.CharField(label="住所（地址）", required=False, max_length=200)
    party_phone = forms.CharField(label="联系电话", required=False, max_length=32)
    place = forms.CharField(label="发现地点", required=False, max_length=200)
    discovered_at = forms.DateTimeField(label="发现时间", widget=DateTimeInput())
    urgent = forms.BooleanField(label="情况紧急，已责令当事人停止违法行为（24小时内移送）", required=False)
    evidence_ids = forms.ModelMultipleChoiceField(
        label="随案移送的证据", queryset=Evidence.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    reasons = text_field("移送理由", required=False)
    competence_reason = text_field(
        "移送非主管机关的理由", required=False, help_text="接收机关不是该事项主管机关时须填写"
    )

    def __init__(self, *args, user, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = offer_agencies(self.fields["agency"], user, SEND)  # type: ignore[arg-type]
        self.case = case
        sender = case.agency if case else (user.agency if user.agency_id else agencies.first())
        self.fields["receiver"].queryset = receivers_for(sender)  # type: ignore[attr-defined]
        if sender is not None:  # a county has hundreds of agencies: searched remotely past a few dozen
            remote_receivers(self.fields["receiver"], _receiver_region(sender).code)  # type: ignore[arg-type]
        if case is not None:
            self.fields["agency"].queryset = agencies.filter(pk=case.agency_id)  # type: ignore[attr-defined]
            self.fields["evidence_ids"].queryset = case.evidence.all()  # type: ignore[attr-defined]
            first = case.items.order_by("code").first()
            self.initial.update(
                agency=case.agency_id,
                item_code=first.code if first else "",
                summary=case.summary,
                facts=case.facts,
                party_kind=case.party_kind,
                party_name=case.party_name,
                party_id=case.party_id_number or case.party_credit_code,
                party_address=case.party_address,
                party_phone=case.party_phone,
                place=case.place,
                discovered_at=timezone.localtime(case.created_at).replace(second=0, microsecond=0),
            )
        else:
            del self.fields["evidence_ids"]
            self.initial.setdefault("agency", user.agency_id)

    def to_input(self) -> services.TransferInput:
        d = self.cleaned_data
        return services.TransferInput(
            receiver=d["receiver"],
            item_code=d["item_code"],
            summary=d["summary"],
            facts=d["facts"],
            source_material=d["source_material"],
            reasons=d["reasons"],
            party_kind=d["party_kind"],
            party_name=d["party_name"],
            party_id=d["party_id"],
            party_address=d["party_address"],
            party_phone=d["party_phone"],
            place=d["place"],
            discovered_at=d["discovered_at"],
            urgent=d["urgent"],
            case=self.case,
            evidence_ids=tuple(e.pk for e in d.get("evidence_ids") or ()),
            competence_reason=d["competence_reason"],
        )


class ReasonForm(Form):
    reason = text_field("理由", required=False)


class RefuseForm(Form):
    reason = text_field("拒收理由", required=False)


class ConfirmForm(Form):
    """A step without input (批准, 签收, 接收, 自行办理): the button is the confirmation."""


class DisputeForm(Form):
    forum = forms.ChoiceField(label="提请", choices=blank(DisputeForum.choices), required=False)
    reason = text_field("争议事由", required=False)
    interim = text_field("先予协同处置情况", required=False, help_text="职责分工争议须先对违法行为协同处置")


class DecideForm(Form):
    side = forms.ChoiceField(
        label="决定管辖的机关",
        choices=blank([("receiver", "接收机关"), ("sender", "移送机关")]),
        required=False,
    )
    decision = text_field("决定内容", required=False)
    organ = forms.CharField(
        label="作出决定的机关", required=False, max_length=128, help_text="由县政府决定的，填写县人民政府"
    )
