"""Forms of the 社会监督 pages. They only parse; every rule is the service's, whose refusals `apply_errors`
puts back beside the field of the same name (so no field the service requires is `required` here)."""

from django import forms

from zhifa.cases.models import Case
from zhifa.complaints.choices import Kind as ComplaintKind
from zhifa.core.choices import JUSTICE_KINDS, AgencyKind
from zhifa.core.forms import Form, blank, date_field, text_field
from zhifa.core.models import Agency, Region
from zhifa.core.pickers import remote_agencies
from zhifa.core.selectors import active_agencies
from zhifa.supervision import attachments

from . import selectors
from .choices import PersonCategory, PointKind, Rating, RespondentKind, SurveyMethod
from .services import contact_points, feedback, supervisors, surveys
from .transitions import HANDLE_FEEDBACK, MANAGE_POINT, MANAGE_SUPERVISOR, MANAGE_SURVEY


def _bureaus(user, perm: str):
    return active_agencies(user, perm).filter(kind=AgencyKind.JUSTICE)


class _BureauForm(Form):
    """The justice bureau acting (default: the user's own) and the agencies followed (of its region)."""

    perm = ""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = _bureaus(user, self.perm)  # type: ignore[attr-defined]
        self.fields["agencies"].queryset = active_agencies(user, self.perm).exclude(  # type: ignore[attr-defined]
            kind=AgencyKind.JUSTICE
        )
        remote_agencies(self.fields["agencies"], self.perm)  # type: ignore[arg-type]
        if user.agency_id and not self.is_bound:
            self.fields["bureau"].initial = user.agency_id


def _agencies_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label="联系的行政执法机关", queryset=Agency.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}), help_text="可多选；须在聘任机关的辖区内",
    )  # fmt: skip


class SupervisorForm(_BureauForm):
    perm = MANAGE_SUPERVISOR
    bureau = forms.ModelChoiceField(label="聘任机关", queryset=Agency.objects.none(), required=False)
    name = forms.CharField(label="姓名", required=False)
    category = forms.ChoiceField(label="身份类别", choices=blank(PersonCategory.choices), required=False)
    unit = forms.CharField(label="工作单位及职务", required=False)
    phone = forms.CharField(label="联系电话", required=False)
    fields_followed = forms.CharField(label="关注领域", required=False, help_text="如：市场监管、生态环境")
    agencies = _agencies_field()
    term_start = date_field("任期开始", required=False)
    term_end = date_field("任期结束", required=False)

    def to_input(self) -> supervisors.SupervisorInput:
        d = self.cleaned_data
        return supervisors.SupervisorInput(
            bureau=d["bureau"], name=d["name"], category=d["category"], unit=d["unit"], phone=d["phone"],
            fields_followed=d["fields_followed"], agencies=list(d["agencies"]), term_start=d["term_start"],
            term_end=d["term_end"],
        )  # fmt: skip


class PointForm(_BureauForm):
    perm = MANAGE_POINT
    bureau = forms.ModelChoiceField(label="设立机关", queryset=Agency.objects.none(), required=False)
    name = forms.CharField(label="名称", required=False)
    kind = forms.ChoiceField(label="类型", choices=blank(PointKind.choices), required=False)
    credit_code = forms.CharField(
        label="统一社会信用代码", required=False, help_text="企业、行业协会商会必填"
    )
    address = forms.CharField(label="地址", required=False)
    liaison = forms.CharField(label="联络人", required=False)
    liaison_phone = forms.CharField(label="联络人电话", required=False)
    agencies = _agencies_field()
    term_start = date_field("设立期限开始", required=False)
    term_end = date_field("设立期限结束", required=False)

    def to_input(self) -> contact_points.PointInput:
        d = self.cleaned_data
        return contact_points.PointInput(
            bureau=d["bureau"], name=d["name"], kind=d["kind"], credit_code=d["credit_code"],
            address=d["address"], liaison=d["liaison"], liaison_phone=d["liaison_phone"],
            agencies=list(d["agencies"]), term_start=d["term_start"], term_end=d["term_end"],
        )  # fmt: skip


class RenewForm(Form):
    term_end = date_field("新的结束日期", required=False)
    reason = text_field("理由", required=False)


class EndForm(Form):
    reason = text_field("理由", required=False)


class FeedbackForm(Form):
    supervisor = forms.ModelChoiceField(label="监督员", queryset=None, required=False)
    contact_point = forms.ModelChoiceField(label="监督联系点", queryset=None, required=False,
                                           help_text="监督员与监督联系点二者选一")  # fmt: skip
    agency = forms.ModelChoiceField(
        label="反映的行政执法机关", queryset=Agency.objects.none(), required=False
    )
    case_number = forms.CharField(label="涉及的案件编号", required=False, help_text="可不填")
    title = forms.CharField(label="反馈事项", required=False)
    text = text_field("反馈内容", rows=5, required=False)
    received_on = date_field("收到日期", required=False, help_text="不填为今天")
    files = attachments.MultipleFileField(
        label="反馈材料",
        required=False,
        help_text=f"文档、PDF或图片，最多{attachments.MAX_FILES}个，每个不超过20MB",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = selectors.supervisors_to_choose(user)  # type: ignore[attr-defined]
        self.fields["contact_point"].queryset = selectors.points_to_choose(user)  # type: ignore[attr-defined]
        self.fields["agency"].queryset = active_agencies(user, HANDLE_FEEDBACK).exclude(  # type: ignore[attr-defined]
            kind=AgencyKind.JUSTICE
        )

    def clean_case_number(self):
        number = self.cleaned_data["case_number"].strip()
        if not number:
            return None
        agency = self.cleaned_data.get("agency")
        case = Case.objects.filter(number=number, agency=agency).first() if agency else None
        if case is None:
            raise forms.ValidationError(f"未找到编号为“{number}”的该机关案件")
        return case

    def to_input(self) -> feedback.FeedbackInput:
        d = self.cleaned_data
        return feedback.FeedbackInput(
            supervisor=d["supervisor"], contact_point=d["contact_point"], agency=d["agency"],
            case=d.get("case_number"), title=d["title"], text=d["text"], received_on=d["received_on"],
            files=attachments.uploads_of_form(d["files"]),
        )  # fmt: skip


class AnswerForm(Form):
    answer = text_field("答复内容", rows=5, required=False)


class SuperviseForm(Form):
    reason = text_field("监督事由", required=False, help_text="不填时以反馈内容为监督事由")


class ForwardForm(Form):
    """转为投诉举报: the 类别 and, optionally, whom it is about (default: the agency the feedback concerns)."""

    kind = forms.ChoiceField(label="类别", choices=ComplaintKind.choices, initial=ComplaintKind.REPORT)
    subject_name = forms.CharField(
        label="被投诉举报对象", required=False, help_text="不填时为反馈反映的行政执法机关"
    )


class CampaignForm(Form):
    bureau = forms.ModelChoiceField(label="组织机关", queryset=Agency.objects.none(), required=False)
    region = forms.ModelChoiceField(label="测评区域", queryset=Region.objects.none(), required=False)
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    title = forms.CharField(label="名称", required=False)
    method = forms.ChoiceField(label="方式", choices=blank(SurveyMethod.choices), required=False)
    conducted_by = forms.CharField(label="实施单位", required=False, help_text="第三方测评必填")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bureaus = _bureaus(user, MANAGE_SURVEY)
        self.fields["bureau"].queryset = bureaus  # type: ignore[attr-defined]
        regions = Region.objects.none()
        for bureau in bureaus.select_related("region"):
            regions = regions | Region.objects.filter(path__startswith=bureau.region.path)
        self.fields["region"].queryset = regions.order_by("code")  # type: ignore[attr-defined]
        if user.agency_id and not self.is_bound:
            self.fields["bureau"].initial = user.agency_id
            self.fields["region"].initial = user.agency.region_id

    def to_input(self) -> surveys.CampaignInput:
        d = self.cleaned_data
        return surveys.CampaignInput(
            bureau=d["bureau"], region=d["region"], year=d["year"], title=d["title"], method=d["method"],
            conducted_by=d["conducted_by"],
        )  # fmt: skip


class ResponseForm(Form):
    agency = forms.ModelChoiceField(label="被测评机关", queryset=Agency.objects.none(), required=False)
    respondent_kind = forms.ChoiceField(
        label="受访者类别", choices=blank(RespondentKind.choices), required=False
    )
    respondent = forms.CharField(label="受访者", required=False, help_text="可不填（匿名）")
    rating = forms.ChoiceField(label="满意度评价", choices=blank(Rating.choices), required=False)
    score = forms.IntegerField(label="评分", required=False, help_text="0至100；与满意度评价至少填一项")
    comment = text_field("意见建议", required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = (
            Agency.objects.in_region_tree(campaign.region)
            .filter(  # type: ignore[attr-defined]
                active=True
            )
            .exclude(kind__in=JUSTICE_KINDS)
            .order_by("region__code", "name")
        )

    def to_input(self) -> surveys.ResponseInput:
        d = self.cleaned_data
        return surveys.ResponseInput(
            agency=d["agency"], respondent_kind=d["respondent_kind"], respondent=d["respondent"],
            rating=d["rating"], score=d["score"], comment=d["comment"],
        )  # fmt: skip


class ImportForm(Form):
    file = forms.FileField(label="Excel文件（.xlsx）")
