"""Forms of the 投诉举报 pages: they only parse; every rule (contact or anonymity, lengths, attachments,
states) is the service's, so a refusal here reads the same as in the API."""

from django import forms

from zhifa.cases.choices import PartyKind
from zhifa.cases.services import PartyInput
from zhifa.core.forms import Form, blank, date_field, text_field
from zhifa.core.models import Agency, Region
from zhifa.core.pickers import remote_receivers, use_remote
from zhifa.supervision.plans.choices import OversightGround

from . import attachments
from .choices import Channel, Kind, Rating, Wish
from .services import ComplaintInput


def _region_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="事发地所属区划", queryset=Region.objects.order_by("path"), required=False
    )


class PublicForm(Form):
    """门户网站的投诉举报表单."""

    kind = forms.ChoiceField(label="类别", choices=Kind.choices, initial=Kind.COMPLAINT)
    anonymous = forms.BooleanField(label="匿名投诉举报", required=False,
                                   help_text="匿名的可以不留姓名和联系方式，凭查询码查询进度和评价")  # fmt: skip
    name = forms.CharField(label="姓名", required=False)
    phone = forms.CharField(label="联系电话", required=False)
    email = forms.CharField(label="电子邮箱", required=False)
    address = forms.CharField(label="联系地址", required=False)
    region = _region_field()
    subject_name = forms.CharField(
        label="被投诉举报对象", required=False, help_text="单位名称或执法人员、执法部门"
    )
    agency_hint = forms.CharField(label="涉及的执法部门", required=False)
    title = forms.CharField(label="事项概要", required=False)
    content = text_field("具体内容", rows=6, required=False)
    place = forms.CharField(label="发生地点", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"] = attachments.files_field()
        # a province has thousands of regions: the 事发地 picker searches them past a few dozen
        use_remote(self.fields["region"], "complaints_public:regions", placeholder="输入区划名称或代码检索")  # type: ignore[arg-type]

    def to_input(self) -> ComplaintInput:
        d = self.cleaned_data
        from zhifa.supervision.attachments import uploads_of_form

        return ComplaintInput(
            channel=self.channel_value(),
            kind=d["kind"],
            anonymous=d["anonymous"],
            name=d["name"],
            phone=d["phone"],
            email=d["email"],
            address=d["address"],
            region=d["region"],
            subject_name=d["subject_name"],
            agency_hint=d["agency_hint"],
            title=d["title"],
            content=d["content"],
            place=d["place"],
            item_code=d.get("item_code", ""),
            hotline_number=d.get("hotline_number", ""),
            received_on=d.get("received_on"),
            files=uploads_of_form(d.get("files") or []),
        )

    def channel_value(self) -> str:
        return Channel.PORTAL


class StaffForm(PublicForm):
    """登记: a complaint received at the window, by telephone, letter, from 12345 or a social supervisor."""

    channel = forms.ChoiceField(label="来源渠道", choices=blank(Channel.choices), required=False)
    hotline_number = forms.CharField(label="12345工单号", required=False)
    received_on = date_field("收到日期", required=False, today=True)
    item_code = forms.CharField(
        label="事项编码", required=False, help_text="执法事项清单的事项编码，用于自动建议承办机关"
    )

    field_order = ["channel", "hotline_number", "received_on", "kind", "anonymous", "name", "phone", "email",
                   "address", "region", "subject_name", "agency_hint", "item_code", "title", "content", "place"]  # fmt: skip

    def channel_value(self) -> str:
        return self.cleaned_data["channel"]


class CodeForm(Form):
    code = forms.CharField(label="查询码", max_length=40, required=False)


class RateForm(Form):
    code = forms.CharField(widget=forms.HiddenInput, required=False)
    rating = forms.ChoiceField(label="评价", choices=blank(Rating.choices), required=False)
    wish = forms.ChoiceField(label="不满意时的诉求", choices=blank(Wish.choices), required=False)
    comment = text_field("评价意见", required=False)


# ---- staff actions ---------------------------------------------------------------------------------


def agencies_near(complaint) -> forms.ModelChoiceField:
    """The agencies a complaint may be passed to: active ones of its city (the region's parent subtree)."""
    region = complaint.region.parent or complaint.region
    agencies = Agency.objects.filter(active=True, region__path__startswith=region.path).order_by(
        "region__path", "name"
    )
    field = forms.ModelChoiceField(label="承办机关", queryset=agencies, required=False)
    remote_receivers(field, region.code, not_justice=False)  # a city has hundreds of agencies
    return field


class ReasonForm(Form):
    reason = text_field("理由", required=False)


class TransferForm(Form):
    reason = text_field("转办理由", required=False)

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"agency": agencies_near(complaint), **self.fields}
        self.fields["agency"].empty_label = "请选择"


class SettleForm(TransferForm):
    reason = text_field("裁定理由", required=False)


class DisputeForm(Form):
    reason = text_field(
        "争议理由", required=False, help_text="写明不属于本机关管辖的理由，由司法行政机关裁定"
    )


class HandleForm(Form):
    note = text_field("办理情况", required=False)


class ExtendForm(Form):
    workdays = forms.IntegerField(label="延长工作日", required=False, min_value=0, max_value=365)
    reason = text_field("延期理由", required=False)


class ReplyForm(Form):
    reply = text_field("答复内容", rows=6, required=False)


class CloseForm(Form):
    conclusion = text_field("办结意见", required=False)


class RedoForm(Form):
    opinion = text_field("监督意见", required=False)


class MergeForm(Form):
    into = forms.CharField(label="并入的投诉举报编号", required=False)


class OpenCaseForm(Form):
    party_kind = forms.ChoiceField(label="当事人类型", choices=blank(PartyKind.choices), required=False)
    party_name = forms.CharField(label="当事人名称", required=False)
    credit_code = forms.CharField(label="统一社会信用代码", required=False)
    id_number = forms.CharField(label="身份证号码", required=False)
    place = forms.CharField(label="案发地点", required=False)
    item_code = forms.CharField(label="事项编码", required=False)

    def party(self) -> PartyInput:
        d = self.cleaned_data
        return PartyInput(
            kind=d["party_kind"], name=d["party_name"], credit_code=d["credit_code"], id_number=d["id_number"]
        )


class LinkCaseForm(Form):
    case_number = forms.CharField(
        label="案件编号", required=False, help_text="先在上方按案件编号、当事人或案由查找本机关的案件"
    )
    note = text_field("关联说明", required=False, help_text="说明该案件与投诉举报反映的是同一事实")


class OpenItemForm(Form):
    title = forms.CharField(label="事项名称", required=False)
    reason = text_field("立项理由", required=False)


class OpenOversightForm(Form):
    title = forms.CharField(label="督办事项", required=False)
    ground = forms.ChoiceField(label="督办情形", choices=blank(OversightGround.choices), required=False)
    description = text_field("督办要求", required=False)


class StatsForm(Form):
    since = date_field("起始日期", required=False)
    until = date_field("截止日期", required=False)


class ImportForm(Form):
    file = forms.FileField(
        label="12345工单文件",
        required=False,
        help_text="JSON或Excel（.xlsx）文件，不超过5MB、2000条，任何一行有误则整批不导入",
    )
