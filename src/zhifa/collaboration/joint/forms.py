"""Forms of the 联合执法, organisation and meeting pages. They only parse (officers typed by name or
certificate number become rows, departments are chosen among those of the user's group); every rule is
the services', whose refusals `apply_errors` puts back beside the field of the same name."""

from django import forms

from zhifa.cases.choices import PartyKind
from zhifa.collaboration.meetings import clocks as meeting_clocks
from zhifa.collaboration.meetings import services as meeting_services
from zhifa.collaboration.meetings.choices import MeetingKind
from zhifa.collaboration.organisation.choices import MemberRole
from zhifa.core.forms import Form, blank, date_field, text_field
from zhifa.core.models import Agency
from zhifa.core.pickers import remote_receivers

from . import choosing, clocks, selectors, services


def _departments(field: forms.Field, user) -> None:
    """The active agencies under the user's leading group: a remote search past a few dozen (a city's
    group has hundreds), and a posted id outside them refused naming the field."""
    from zhifa.collaboration.organisation.selectors import group_for

    assert isinstance(field, forms.ModelMultipleChoiceField)
    field.queryset = selectors.agencies_for(user)
    field.error_messages["invalid_choice"] = f"所选{field.label}不在本级领导小组所辖区域内"
    group = group_for(user)
    if group is not None:
        remote_receivers(field, group.region.code, not_justice=False)


class ActionForm(Form):
    title = forms.CharField(label="行动名称", required=False)
    place = forms.CharField(label="地点", required=False)
    starts_on = date_field("开始日期", required=False)
    ends_on = date_field("结束日期", required=False)
    agencies = forms.ModelMultipleChoiceField(
        label="参与部门", queryset=Agency.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="本部门（牵头）自动参加；联合执法至少两个部门",
    )  # fmt: skip
    officers = forms.CharField(
        label="参与执法人员", required=False,
        help_text="填写姓名或执法证号，多人用“、”分隔；可在下方搜索人员。每人须持有效行政执法证，每个参与部门至少一人",
    )  # fmt: skip
    tasks = text_field("任务分工", required=False, help_text="每行一项任务")
    plan = text_field("联合执法方案", rows=5, required=False)
    reason = text_field("事由", required=False)

    def __init__(self, *args, user, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _departments(self.fields["agencies"], user)
        if kind == "apply":
            self.fields[
                "plan"
            ].help_text = f"专项联合执法须提前{clocks.SPECIAL_APPLY_DAYS}日申请并同时报送方案（{clocks.SPECIAL_APPLY_BASIS}）"
        if kind == "plan":
            self.fields["agencies"].help_text = "由领导小组办公室统一部署，请选择参与部门（至少两个）"

    def to_input(self, lead: Agency | None) -> services.ActionInput:
        d = self.cleaned_data
        agencies = list(d["agencies"] or ())
        everyone = list(dict.fromkeys(([lead] if lead else []) + agencies))
        return services.ActionInput(
            title=d["title"], place=d["place"], starts_on=d["starts_on"], ends_on=d["ends_on"],
            agencies=agencies, officers=choosing.officers_by_text(self.user, d["officers"], everyone),
            tasks=d["tasks"].splitlines(), plan=d["plan"], reason=d["reason"],
        )  # fmt: skip


class NoteForm(Form):
    note = text_field("审批意见", required=False)


class RefuseForm(Form):
    note = text_field("不同意的理由", required=False)


class PlanForm(Form):
    plan = text_field("联合执法方案", rows=6, required=False)


class EmptyForm(Form):
    pass


class FindingForm(Form):
    description = text_field("问题描述", required=False)
    party_kind = forms.ChoiceField(label="当事人类型", choices=blank(PartyKind.choices), required=False)
    party_name = forms.CharField(label="当事人", required=False)
    party_id_number = forms.CharField(label="身份证号码", required=False)
    party_credit_code = forms.CharField(label="统一社会信用代码", required=False)
    place = forms.CharField(label="发现地点", required=False)
    found_on = date_field("发现日期", required=False)
    item_codes = forms.CharField(
        label="涉及执法事项", required=False, help_text="执法事项编码，多项用“、”分隔"
    )

    def to_kwargs(self) -> dict:
        d = dict(self.cleaned_data)
        d["item_codes"] = [c for c in choosing.SPLIT.split(d["item_codes"]) if c]
        return {"data": services.FindingInput(**d)}


class SplitForm(Form):
    """分案: for an item two departments are competent for, the office chooses (one select per such item)."""

    def __init__(self, *args, finding, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = [p.agency for p in finding.action.participants.select_related("agency")]
        for code, found in services.holders(
            finding.item_codes, agencies, finding.found_on, finding.action.region
        ).items():
            if len(found) > 1:
                self.fields[f"decided_{code}"] = forms.ChoiceField(
                    label=f"事项{code}的承办部门（由办公室确定）",
                    choices=blank([(str(a.pk), a.name) for a in found]),
                    required=False,
                )
        self.agencies = {str(a.pk): a for a in agencies}

    def to_kwargs(self) -> dict:
        decided = {
            name.removeprefix("decided_"): self.agencies[value]
            for name, value in self.cleaned_data.items()
            if name.startswith("decided_") and value
        }
        return {"decided": decided}


class NotifyForm(Form):
    agency = forms.ModelChoiceField(label="有权处理的部门", queryset=Agency.objects.none(), required=False)
    note = text_field("通知内容", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _departments(self.fields["agency"], user)


class CompleteForm(Form):
    receiver = forms.CharField(label="接收人", required=False)
    note = text_field("交接情况", required=False)


# ---- organisation ---------------------------------------------------------------------------------------


class GroupForm(Form):
    office = forms.ModelChoiceField(
        label="领导小组办公室所在机关", queryset=Agency.objects.none(), required=False
    )
    leader = forms.CharField(label="组长审批账号（用户名）", required=False)
    members = text_field(
        "成员", rows=8, required=False,
        help_text="每行一人：职务（组长/副组长/成员）、姓名、单位及职务，用“、”分隔，如“组长、王建国、区政府副区长”",
    )  # fmt: skip
    note = text_field("说明", required=False)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]

    def clean_leader(self):
        from zhifa.accounts.models import User

        username = self.cleaned_data["leader"].strip()
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(f"没有在用的账号“{username[:32]}”")
        return user

    def clean_members(self):
        from zhifa.collaboration.organisation.services import MemberInput

        labels = {label: value for value, label in MemberRole.choices}
        members = []
        for index, line in enumerate(self.cleaned_data["members"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("，", "、").split("、")]
            role = labels.get(parts[0])
            if role is None:
                raise forms.ValidationError(f"第{index}行的职务应为组长、副组长或成员")
            members.append(MemberInput(role, parts[1] if len(parts) > 1 else "", "、".join(parts[2:])))
        return members


class LiaisonForm(Form):
    name = forms.CharField(label="联络员姓名", required=False)
    phone = forms.CharField(label="联系电话", required=False)


# ---- meetings -------------------------------------------------------------------------------------------


class MeetingForm(Form):
    kind = forms.ChoiceField(label="会议类型", choices=blank(MeetingKind.choices), required=False)
    title = forms.CharField(label="会议名称", required=False)
    held_on = date_field("会议日期", required=False)
    agenda = text_field("议程", rows=5, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label="参会部门", queryset=Agency.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _departments(self.fields["attendees"], user)

    def to_input(self) -> meeting_services.MeetingInput:
        d = self.cleaned_data
        return meeting_services.MeetingInput(
            d["kind"], d["title"], d["held_on"], d["agenda"], list(d["attendees"])
        )


class RecordForm(Form):
    minutes = text_field("会议纪要", rows=6, required=False)
    decisions = text_field(
        "议定事项", rows=6, required=False,
        help_text=f"每行一项：内容、责任单位名称、期限（工作日，可省略，默认{meeting_clocks.decision_workdays()}个工作日）",
    )  # fmt: skip

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_decisions(self):
        names = {a.name: a for a in self.meeting.attendees.all()}
        names.setdefault(self.meeting.office.name, self.meeting.office)
        rows = []
        for index, line in enumerate(self.cleaned_data["decisions"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("，", "、").split("、")]
            owner = names.get(parts[1]) if len(parts) > 1 else None
            if owner is None:
                raise forms.ValidationError(f"第{index}行请填写参会部门的名称作为责任单位")
            days = None
            if len(parts) > 2 and parts[2]:
                if not parts[2].isdigit() or len(parts[2]) > 3:
                    raise forms.ValidationError(f"第{index}行的期限应为工作日数")
                days = int(parts[2])
            rows.append(meeting_services.DecisionInput(parts[0], owner, days))
        return rows

    def to_kwargs(self) -> dict:
        return {"minutes": self.cleaned_data["minutes"], "decisions": self.cleaned_data["decisions"]}


class DoneForm(Form):
    note = text_field("落实情况", required=False)
