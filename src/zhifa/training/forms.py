"""The 培训管理 page forms: they parse; every rule (required fields, hours, years, attendees) is the
services', put back beside the field by core.forms.apply_errors."""

from django import forms
from django.db.models import Q

from zhifa.core import access, pickers
from zhifa.core.forms import Form, agency_field, date_field, offer_agencies
from zhifa.registry.choices import PersonStatus
from zhifa.registry.models import Officer

from .models import LeaderStudy
from .services import leader_study, plans, trainers
from .transitions import MANAGE_PLAN, MANAGE_STUDY, MANAGE_TRAINER

OWN = "—（本机关）"


def _agency(form: Form, user, perm: str) -> None:
    field = form.fields["agency"]
    offer_agencies(field, user, perm)
    field.empty_label = OWN


class PlanForm(Form):
    agency = agency_field(required=False)
    year = forms.IntegerField(label="年度", required=False)
    title = forms.CharField(label="计划名称", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _agency(self, user, MANAGE_PLAN)

    def to_input(self) -> plans.PlanInput:
        d = self.cleaned_data
        return plans.PlanInput(year=d["year"], title=d["title"], agency=d["agency"])


class ItemForm(Form):
    content = forms.CharField(label="培训内容", required=False)
    audience = forms.CharField(label="参训对象", required=False)
    hours = forms.CharField(label="计划学时", required=False)
    month = forms.IntegerField(label="计划月份", required=False)

    def to_input(self) -> plans.ItemInput:
        d = self.cleaned_data
        return plans.ItemInput(
            content=d["content"], audience=d["audience"], hours=d["hours"], month=d["month"]
        )


class TrainerForm(Form):
    agency = agency_field("登记机关", required=False)
    name = forms.CharField(label="姓名", required=False)
    unit = forms.CharField(label="工作单位", required=False)
    specialty = forms.CharField(label="擅长领域", required=False)
    title = forms.CharField(label="职称职务", required=False)
    phone = forms.CharField(label="联系方式", required=False)

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["agency"]
        else:
            _agency(self, user, MANAGE_TRAINER)

    def to_input(self) -> trainers.TrainerInput:
        d = self.cleaned_data
        return trainers.TrainerInput(
            name=d["name"], unit=d["unit"], specialty=d["specialty"], title=d["title"], phone=d["phone"],
            agency=d.get("agency"),
        )  # fmt: skip


class WithdrawForm(Form):
    reason = forms.CharField(label="移出理由", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class StudyForm(Form):
    agency = agency_field(required=False)
    held_on = date_field("学法日期", required=False)
    topic = forms.CharField(label="学法主题", required=False)
    hours = forms.CharField(label="学时", required=False)
    lecturer = forms.CharField(label="授课人", required=False)
    attendees = forms.ModelMultipleChoiceField(
        label="参学人员", queryset=Officer.objects.none(), required=False,
        help_text="本机关在岗的领导干部，输入姓名或拼音首字母检索",
    )  # fmt: skip

    def __init__(self, *args, user, study: LeaderStudy | None = None, **kwargs):
        """`study`: the session being corrected — its agency stays, its attendees are offered with the
        agency's active officers (as the service allows)."""
        super().__init__(*args, **kwargs)
        officers = Officer.objects.filter(status=PersonStatus.ACTIVE)
        if study is None:
            _agency(self, user, MANAGE_STUDY)
        else:
            del self.fields["agency"]
            officers = Officer.objects.filter(
                Q(agency=study.agency_id, status=PersonStatus.ACTIVE) | Q(pk__in=study.attendees.values("pk"))
            )
        field = self.fields["attendees"]
        field.queryset = access.visible_to(user, officers.select_related("agency"), MANAGE_STUDY).order_by(
            "agency_id", "name", "id"
        )
        pickers.remote_officers(field, MANAGE_STUDY, agency_id=study.agency_id if study else None)

    def to_input(self) -> leader_study.StudyInput:
        d = self.cleaned_data
        return leader_study.StudyInput(
            held_on=d["held_on"], topic=d["topic"], hours=d["hours"], lecturer=d["lecturer"],
            attendee_ids=[o.pk for o in d["attendees"]], agency=d.get("agency"),
        )  # fmt: skip


class StudyCorrectionForm(StudyForm):
    correction_reason = forms.CharField(
        label="更正理由", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StudyDeleteForm(Form):
    reason = forms.CharField(label="删除理由", required=False, widget=forms.Textarea(attrs={"rows": 3}))
