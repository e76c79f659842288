"""Forms of the registry pages. They only parse and check the input; the rules live in
registry.services, whose ValidationErrors are put back next to the fields by `apply_errors`."""

import operator
from functools import reduce
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.core import access, xlsx_import
from zhifa.core.forms import Form, agency_field, blank, date_field, offer_agencies, textarea
from zhifa.core.models import Agency
from zhifa.core.params import YearField
from zhifa.core.pickers import use_remote
from zhifa.core.selectors import active_agencies
from zhifa.core.validators import validate_id_number

from . import selectors
from .choices import (
    AssessmentGrade,
    BodyStatus,
    CertificateKind,
    CertificateStatus,
    GrantKind,
    LegalStanding,
    PersonKind,
    PersonStatus,
    TrainingKind,
)
from .models import EnforcementBody, EnforcementField, Officer
from .models.officers import certificate_number_validator
from .services import MANAGE_BODY, MANAGE_CERTIFICATE, MANAGE_OFFICER, OFFICER_FIELDS


def _fields_choice(label: str = "执法领域", *, required: bool = False) -> forms.ModelMultipleChoiceField:
    """A choice of 执法领域 in their order; the forms list the 启用 ones (`offer_fields`)."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=EnforcementField.objects.order_by("ordering", "code"),
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择执法领域"},
    )


def offer_fields(choice: forms.ModelChoiceField, *, keep=()) -> None:
    """Let a choice of 执法领域 list only the 启用 ones (and `keep`, the record's own) while it still accepts
    any: a 停用 one posted anyway (the page was loaded before it was stopped) is the service's to refuse,
    in the words the API gives (registry.services.refuse_stopped_fields)."""
    empty = [] if choice.empty_label is None else [("", choice.empty_label)]
    choice.widget.choices = lambda: [*empty, *((f.pk, f.name) for f in selectors.fields_offered(keep=keep))]


# ---- 执法人员 -------------------------------------------------------------------------------------


class OfficerForm(Form):
    """新增 / 修改执法人员. The agency is chosen among those the user may manage (only when creating)."""

    agency = agency_field("所在机关")
    name = forms.CharField(label="姓名", max_length=32)
    id_number = forms.CharField(label="身份证号码", max_length=18, help_text="18位居民身份证号码，末位可为X")
    kind = forms.ChoiceField(label="人员类别", choices=PersonKind.choices, initial=PersonKind.OFFICER)
    status = forms.ChoiceField(label="状态", choices=PersonStatus.choices, initial=PersonStatus.ACTIVE)
    post = forms.CharField(label="岗位", max_length=64, required=False)
    is_key_post = forms.BooleanField(label="重要执法岗位", required=False)
    post_since = date_field("任现岗位日期", required=False)
    enforcing_since = date_field("首次从事执法日期", required=False)
    legal_qualification_number = forms.CharField(
        label="法律职业资格证书编号",
        max_length=32,
        required=False,
        help_text="法制审核人员通过国家统一法律职业资格考试的，请填写",
    )
    legal_qualification_on = date_field("取得法律职业资格日期", required=False)
    enforcement_fields = _fields_choice()
    user = forms.ModelChoiceField(
        label="登录账号",
        queryset=User.objects.none(),
        required=False,
        help_text="关联后，本人可在工作台看到证件到期和培训学时提醒",
    )

    # service error key → form field
    error_map = {"fields": "enforcement_fields"}

    def __init__(self, *args, actor, officer: Officer | None = None, **kwargs):
        if officer is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(officer, name) for name in self.service_fields()},
                "enforcement_fields": list(officer.fields.all()),
            }
        super().__init__(*args, **kwargs)
        self.officer = officer
        account = self.fields["user"]
        account.queryset = selectors.linkable_accounts(actor, officer)  # type: ignore[attr-defined]
        account.error_messages["invalid_choice"] = "所选登录账号不在您管理的范围内，或已关联其他执法人员"
        # a region's keeper may see thousands of accounts: searched remotely past a few dozen
        use_remote(account, "api:search_accounts", placeholder="输入姓名或用户名检索")  # type: ignore[arg-type]
        own = list(officer.fields.values_list("code", flat=True)) if officer is not None else []
        offer_fields(self.fields["enforcement_fields"], keep=own)  # type: ignore[arg-type]
        if officer is None:
            offer_agencies(self.fields["agency"], actor, MANAGE_OFFICER)
        else:
            del self.fields["agency"]

    @staticmethod
    def service_fields() -> tuple[str, ...]:
        return OFFICER_FIELDS

    def clean_id_number(self) -> str:
        # checked here too, so that every error of the form shows at once
        number = self.cleaned_data["id_number"].strip().upper()
        validate_id_number(number)
        return number

    def clean(self):
        data = super().clean()
        agency = self.officer.agency if self.officer else data.get("agency")
        user = data.get("user")
        if user and agency and user.agency_id != agency.pk:
            self.add_error("user", "登录账号须属于该人员所在机关")
        return data

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.service_fields()}


# ---- 执法证 ---------------------------------------------------------------------------------------


class CertificateIssueForm(Form):
    number = forms.CharField(label="证件编号", max_length=20, help_text="8至20位数字或大写字母")
    kind = forms.ChoiceField(
        label="证件类别", choices=CertificateKind.choices, initial=CertificateKind.ENFORCEMENT
    )
    issuer = forms.CharField(label="发证机关", max_length=64)
    issued_on = date_field("发证日期", today=True)
    expires_on = date_field("有效期至")
    certificate_fields = _fields_choice("证件覆盖的执法领域", required=True)

    error_map = {"fields": "certificate_fields", "officer": "__all__"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_fields(self.fields["certificate_fields"])  # type: ignore[arg-type]

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip().upper()
        certificate_number_validator(number)
        return number

    def clean(self):
        data = super().clean()
        issued_on, expires_on = data.get("issued_on"), data.get("expires_on")
        if issued_on and expires_on and expires_on <= issued_on:
            self.add_error("expires_on", "有效期至应晚于发证日期")
        return data


STATUS_ACTIONS = {
    CertificateStatus.SUSPENDED: "暂扣",
    CertificateStatus.REVOKED: "吊销",
    CertificateStatus.VALID: "恢复",
}


class CertificateStatusForm(Form):
    status = forms.ChoiceField(
        label="操作",
        choices=[
            (CertificateStatus.SUSPENDED, "暂扣"),
            (CertificateStatus.REVOKED, "吊销"),
            (CertificateStatus.VALID, "恢复为有效"),
        ],
    )
    reason = forms.CharField(label="原因", max_length=200, widget=textarea(2))

    error_map = {"status_reason": "reason"}


class CertificateCheckForm(Form):
    last_checked_on = date_field("审验日期", today=True)


# ---- 培训与考核 ------------------------------------------------------------------------------------

ALLOWED_UPLOADS = {".pdf", ".jpg", ".jpeg", ".png"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class TrainingForm(Form):
    on = date_field("培训日期", today=True)
    hours = forms.DecimalField(label="学时", max_digits=5, decimal_places=1, min_value=0.5, max_value=200)
    kind = forms.ChoiceField(label="培训类别", choices=TrainingKind.choices)
    title = forms.CharField(label="培训名称", max_length=128)
    provider = forms.CharField(label="组织单位", max_length=128, required=False)
    certificate_file = forms.FileField(
        label="结业证明（可选）", required=False, help_text="PDF或JPG/PNG图片，不超过10MB"
    )

    def clean_certificate_file(self):
        upload = self.cleaned_data.get("certificate_file")
        if not upload:
            return upload
        if PurePath(upload.name).suffix.lower() not in ALLOWED_UPLOADS:
            raise ValidationError("结业证明只接受PDF或JPG/PNG图片")
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("结业证明文件不能超过10MB")
        return upload

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("certificate_file"):
            data.pop("certificate_file", None)
        return data


class AssessmentForm(Form):
    year = YearField(label="年度")
    grade = forms.ChoiceField(label="考核等次", choices=AssessmentGrade.choices)
    note = forms.CharField(label="评语", required=False, widget=textarea())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


# ---- 执法主体 -------------------------------------------------------------------------------------


class BodyRegisterForm(Form):
    agency = agency_field("机关/组织")
    name = forms.CharField(label="主体名称", max_length=128, required=False, help_text="不填则与机关名称相同")
    standing = forms.ChoiceField(label="主体资格", choices=LegalStanding.choices)
    legal_basis = forms.CharField(
        label="依据", required=False, widget=textarea(), help_text="法定职责或授权的法律法规条款"
    )
    grant_kind = forms.ChoiceField(
        label="赋权方式（开发区）", choices=blank(GrantKind.choices), required=False
    )
    grant_document = forms.CharField(label="赋权文件", max_length=128, required=False)
    entrusting_agency = agency_field("委托机关（受委托组织）", required=False)
    entrusted_scope = forms.CharField(label="委托事项与权限", required=False, widget=textarea(2))
    entrusted_from = date_field("委托起始日", required=False)
    entrusted_until = date_field("委托截止日", required=False)
    on = date_field("新设日期", today=True)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = offer_agencies(self.fields["entrusting_agency"], actor, MANAGE_BODY)
        self.fields["agency"].queryset = agencies.filter(body__isnull=True)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("agency")
        data.pop("standing")
        data.pop("on")
        return data


class BodyConfirmForm(Form):
    confirmed_by = forms.CharField(label="确认机关", max_length=64, help_text="本级人民政府")
    confirmation_document = forms.CharField(label="确认文号", max_length=64)
    confirmed_on = date_field("确认日期", today=True)


class BodyAnnounceForm(Form):
    announcement = forms.CharField(label="公告内容", widget=textarea(5))
    announced_on = date_field("公告日期", today=True)


class BodyRenameForm(Form):
    name = forms.CharField(label="新名称", max_length=128)
    document = forms.CharField(label="文号", max_length=64, required=False)
    on = date_field("更名日期", today=True)


class BodyMergeForm(Form):
    bodies = forms.ModelMultipleChoiceField(
        label="并入本主体的执法主体",
        queryset=EnforcementBody.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择要并入的执法主体"},
    )
    document = forms.CharField(label="文号", max_length=64, required=False)
    on = date_field("合并日期", today=True)

    def __init__(self, *args, actor, body: EnforcementBody, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = (
            access.visible_to(actor, EnforcementBody.objects.select_related("agency"), MANAGE_BODY)
            .filter(status__in=[BodyStatus.PENDING, BodyStatus.CONFIRMED])
            .exclude(pk=body.pk)
            .order_by("agency__region__code", "name")
        )


class BodyRevokeForm(Form):
    reason = forms.CharField(label="撤销原因", widget=textarea(2))
    document = forms.CharField(label="文号", max_length=64, required=False)
    on = date_field("撤销日期", today=True)


# ---- Excel导入 ------------------------------------------------------------------------------------

KIND_PERMS = {"officers": MANAGE_OFFICER, "certificates": MANAGE_CERTIFICATE, "trainings": MANAGE_OFFICER}


def perm_for_kind(kind: str) -> str:
    return KIND_PERMS.get(kind, MANAGE_OFFICER)


class ImportForm(xlsx_import.ImportForm):
    def __init__(self, *args, actor, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, kinds=kinds, **kwargs)
        pickers = {perm: active_agencies(actor, perm) for perm in {perm_for_kind(kind) for kind, _ in kinds}}
        self.allowed = {
            perm: set(agencies.values_list("pk", flat=True)) for perm, agencies in pickers.items()
        }
        self.fields["agency"].queryset = reduce(operator.or_, pickers.values(), Agency.objects.none())

    def clean(self):
        data = super().clean()
        kind, agency = data.get("kind"), data.get("agency")
        if kind and agency and agency.pk not in self.allowed.get(perm_for_kind(kind), set()):
            self.add_error("agency", "您无权向该机关导入此类数据")
        return data


# ---- 执法领域 (系统管理员) -----------------------------------------------------------------------------


class FieldForm(Form):
    """Parses only: the rules (a name, unique, ≤32; an order 0–9999) are registry.services', as in the API."""

    name = forms.CharField(label="名称", required=False, help_text="如：市场监管")
    ordering = forms.IntegerField(label="排序", required=False, help_text="0至9999，数字小的在前")
