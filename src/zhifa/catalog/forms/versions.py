"""Forms of the catalogue pages. They only parse and check the input; the rules live in
catalog.services, whose ValidationErrors are put back next to the fields by `apply_errors` and
`apply_item_errors`."""

import contextlib
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from zhifa.core import xlsx_import
from zhifa.core.forms import Form, agency_field, blank, date_field, money_field, offer_agencies, textarea
from zhifa.core.models import Agency
from zhifa.registry.choices import BodyStatus
from zhifa.registry.forms import offer_fields
from zhifa.registry.models import EnforcementBody, EnforcementField

from .. import versioning
from ..choices import ChangeReason, FineBasis, ItemCategory, ItemLevel, LegalRank, ProcedureStep
from ..models import EnforcementItem
from ..models.catalog import item_code_validator
from ..services import MANAGE_CATALOG, BasisInput


def bodies_of(agency: Agency, current: EnforcementBody | None = None):
    """执法主体 that may implement the agency's items: its own and the organisations it entrusts
    (merged or revoked ones only when already chosen)."""
    live = ~Q(status__in=[BodyStatus.MERGED, BodyStatus.REVOKED])
    if current is not None:
        live |= Q(pk=current.pk)
    return EnforcementBody.objects.filter(Q(agency=agency) | Q(entrusting_agency=agency)).filter(live)


# ---- 草稿 -------------------------------------------------------------------------------------------


class DraftOpenForm(Form):
    agency = agency_field()

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        offer_agencies(self.fields["agency"], actor, MANAGE_CATALOG)


# ---- 执法事项 ---------------------------------------------------------------------------------------

# The item's own fields, those of a version snapshot, by name ("field", not its column "field_id").
ITEM_FIELDS = tuple(EnforcementItem._meta.get_field(attname).name for attname in versioning.ITEM_FIELDS)


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _item_char(name: str, *, required: bool = False, rows: int = 0) -> forms.CharField:
    field = EnforcementItem._meta.get_field(name)
    return forms.CharField(
        label=field.verbose_name,
        required=required,
        max_length=field.max_length,
        widget=textarea(rows) if rows else None,
    )


def _item_flag(name: str) -> forms.BooleanField:
    return forms.BooleanField(label=_label(EnforcementItem, name), required=False)


class ItemForm(Form):
    """新增 / 修改执法事项. The code identifies the item across versions, so it is fixed once created."""

    code = forms.CharField(
        label="事项编码",
        max_length=32,
        validators=[item_code_validator],
        help_text="2至32位字母、数字或-_.，在本机关清单中唯一，各版本之间保持不变",
    )
    name = _item_char("name", required=True)
    category = forms.ChoiceField(label="权力类别", choices=blank(ItemCategory.choices))
    field = forms.ModelChoiceField(
        label="执法领域", queryset=EnforcementField.objects.order_by("ordering", "code")
    )
    level = forms.ChoiceField(label="行使层级", choices=blank(ItemLevel.choices))
    implementing_body = forms.ModelChoiceField(
        label="实施主体", queryset=EnforcementBody.objects.none(), required=False, empty_label="—（本机关）"
    )
    duties = _item_char("duties", rows=3)
    accountability = _item_char("accountability", rows=3)
    is_supervision = _item_flag("is_supervision")
    is_random_inspection = _item_flag("is_random_inspection")
    inspection_object = _item_char("inspection_object")
    inspection_method = _item_char("inspection_method")
    needs_legal_review = _item_flag("needs_legal_review")
    major_fine_threshold = money_field(
        "罚款达到该数额为重大（元）", help_text="列入法制审核目录的事项：罚款达到该数额即为重大执法决定"
    )
    major_on_revocation = _item_flag("major_on_revocation")
    major_on_suspension = _item_flag("major_on_suspension")
    av_steps = forms.MultipleChoiceField(
        label="须音像记录的环节",
        choices=ProcedureStep.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    service_guide = _item_char("service_guide", rows=5)

    # groups of fields, for the page (so the flags sit next to what they need)
    SECTIONS = (
        ("基本信息", ("code", "name", "category", "field", "level", "implementing_body")),
        ("责任与追责", ("duties", "accountability")),
        (
            "监管与随机抽查",
            ("is_supervision", "is_random_inspection", "inspection_object", "inspection_method"),
        ),
        (
            "重大执法决定法制审核",
            (
                "needs_legal_review",
                "major_fine_threshold",
                "major_on_revocation",
                "major_on_suspension",
            ),
        ),
        ("音像记录", ("av_steps",)),
        ("服务指南", ("service_guide",)),
    )

    def __init__(self, *args, agency: Agency, item: EnforcementItem | None = None, **kwargs):
        if item is not None and "initial" not in kwargs:
            kwargs["initial"] = {"code": item.code, **{name: getattr(item, name) for name in ITEM_FIELDS}}
        super().__init__(*args, **kwargs)
        self.item = item
        # the 启用 fields, and the item's own (it keeps it even when 停用; the service refuses moving to one)
        offer_fields(self.fields["field"], keep=item.field_id if item is not None else None)  # type: ignore[arg-type]
        current = item.implementing_body if item is not None else None
        self.fields["implementing_body"].queryset = bodies_of(agency, current).order_by("name")
        if item is not None:
            code = self.fields["code"]
            code.disabled = True
            code.help_text = "事项编码不能修改；如需更换编码，请删除后重新新增"

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ITEM_FIELDS}


class BasisForm(Form):
    """One 设定依据 of the item."""

    law_name = forms.CharField(label="法律法规名称", max_length=128)
    rank = forms.ChoiceField(label="位阶", choices=blank(LegalRank.choices))
    article = forms.CharField(label="条款", max_length=64, help_text="如：第一百二十四条第一款")
    text = forms.CharField(label="条文内容", widget=textarea(3))
    effective_from = date_field("施行日期", required=False)
    effective_to = date_field("失效日期", required=False)
    fine_basis = forms.ChoiceField(
        label="法定罚款计算方式", choices=[("", "—（无罚款）"), *FineBasis.choices], required=False
    )
    statutory_min = money_field("法定罚款下限")
    statutory_max = money_field("法定罚款上限")

    def clean(self):
        data = super().clean()
        low, high = data.get("statutory_min"), data.get("statutory_max")
        if low is not None and high is not None and low > high:
            self.add_error("statutory_min", "法定罚款下限不能高于上限")
        start, end = data.get("effective_from"), data.get("effective_to")
        if start and end and end <= start:
            self.add_error("effective_to", "失效日期应晚于施行日期")
        return data

    def to_input(self) -> BasisInput:
        data = self.cleaned_data
        return BasisInput(
            law_name=data["law_name"].strip(),
            rank=data["rank"],
            article=data["article"].strip(),
            text=data["text"].strip(),
            effective_from=data["effective_from"],
            effective_to=data["effective_to"],
            fine_basis=data["fine_basis"],
            statutory_min=data["statutory_min"],
            statutory_max=data["statutory_max"],
        )


BASIS_FIELDS = tuple(BasisForm.base_fields)
NO_BASIS = "执法事项必须有设定依据（法律、法规、规章条款）"


class BaseBasisFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not self.chosen():
            raise ValidationError(NO_BASIS)

    def chosen(self) -> list[BasisForm]:
        """The item's legal bases, in order: its existing ones and the filled-in new rows, less those
        marked for deletion (call after validation)."""
        initial = self.initial_form_count()
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < initial or form.has_changed())
            and getattr(form, "cleaned_data", None) is not None
            and not form.cleaned_data.get("DELETE")
        ]


BasisFormSet = forms.formset_factory(
    BasisForm, formset=BaseBasisFormSet, extra=1, can_delete=True, can_delete_extra=False
)


def basis_formset(data=None, *, item: EnforcementItem | None = None) -> BaseBasisFormSet:
    """The legal bases of `item` (or one empty row). With ?add=… the page asks for one more empty row,
    which is a re-render, not a write: the management form's TOTAL_FORMS is bumped on a copy of the data."""
    initial = (
        [{name: getattr(basis, name) for name in BASIS_FIELDS} for basis in item.legal_bases.all()]
        if item is not None
        else []
    )
    if data is not None and "add_basis" in data:
        data = data.copy()
        key = "bases-TOTAL_FORMS"
        with contextlib.suppress(ValueError):
            data[key] = str(int(data.get(key, "0")) + 1)
    return BasisFormSet(data, initial=initial, prefix="bases")


LIST_KEY = re.compile(r"^(?P<list>\w+)\[(?P<index>\d+)\]\.(?P<field>\w+)$")


def apply_item_errors(form: ItemForm, formset: BaseBasisFormSet, exc: ValidationError) -> None:
    """A ValidationError of services.item_save: item fields next to the item's fields, legal_bases[i].x
    next to field x of the i-th chosen basis, anything else (the benchmark that no longer fits) on top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    chosen = formset.chosen()
    for key, messages in exc.message_dict.items():
        match = LIST_KEY.match(key)
        if match and match["list"] == "legal_bases" and int(match["index"]) <= len(chosen):
            basis_form = chosen[int(match["index"]) - 1]
            name = match["field"]
            basis_form.add_error(name if name in basis_form.fields else None, messages)
        elif match and match["list"] == "levels":
            form.add_error(None, [f"现有裁量基准第{match['index']}个情节：{message}" for message in messages])
        elif key in form.fields:
            form.add_error(key, messages)
        else:
            form.add_error(None, messages)


# ---- 发布 -------------------------------------------------------------------------------------------


class PublishForm(Form):
    reason = forms.ChoiceField(
        label="调整原因",
        choices=blank(ChangeReason.choices),
        error_messages={
            "required": "请选择调整原因（立、改、废、释或改革）",
            "invalid_choice": "“%(value)s”不是有效的调整原因",  # the API's words
        },
    )
    reason_note = forms.CharField(
        label="调整说明",
        required=False,
        widget=textarea(3),
        help_text="如：依据的法律法规名称、文号和主要变化",
    )
    effective_from = date_field("施行日期", required=True, today=True)

    error_map = {"items": "__all__", "version": "__all__"}


class RemoveForm(Form):
    """删除事项: nothing to fill in but the confirmation."""

    confirm = forms.BooleanField(
        label="确认从草稿中删除该事项（已发布的版本不受影响）",
        error_messages={"required": "请勾选确认"},
    )


# ---- Excel导入 --------------------------------------------------------------------------------------


class ImportForm(xlsx_import.ImportForm):
    def __init__(self, *args, actor, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, kinds=kinds, **kwargs)
        offer_agencies(self.fields["agency"], actor, MANAGE_CATALOG)
        self.fields["agency"].help_text = "导入到该机关的清单草稿；没有草稿时自动从最新发布的版本建立草稿"
