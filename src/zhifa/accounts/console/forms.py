"""Forms of the account console: they only parse; the services decide."""

from django import forms

from zhifa.core.forms import Form, agency_field, offer_agencies

from ..choices import RoleCode
from ..models import User


class ProfileForm(Form):
    """账号信息 the 系统管理员 keeps: never roles, never a password."""

    real_name = forms.CharField(label="姓名", max_length=32)
    agency = agency_field("所在机关")
    mobile = forms.CharField(label="手机号码", max_length=11, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        offer_agencies(self.fields["agency"], actor, "accounts.change_user")


class UserCreateForm(ProfileForm):
    username = forms.CharField(label="用户名", max_length=150)
    field_order = ["username", "real_name", "agency", "mobile", "email"]


PROFILE_FIELDS = ("real_name", "agency", "mobile", "email")


def profile_initial(user: User) -> dict:
    return {name: getattr(user, name) for name in PROFILE_FIELDS}


class ResetRequestForm(Form):
    reason = forms.CharField(label="申请理由", max_length=200, required=False)  # the service requires it


class DecisionForm(Form):
    note = forms.CharField(label="审批意见", max_length=200, required=False)


class RolesForm(Form):
    roles = forms.MultipleChoiceField(
        label="角色",
        choices=RoleCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="三员分立：系统管理员、安全管理员、审计管理员互斥，且不得兼任业务角色。",
    )
