"""文号格式 (系统管理员): an agency's own prefix for one kind of document it numbers (core.numbering), e.g.
"东市监罚" gives 东市监罚〔2026〕12号; without one, the number starts with the agency's short name and the
kind. Scoped by jurisdiction (core.access): an admin keeps the formats of the agencies in their region.
Each change is recorded in the agency's chain (core.records) and audited as 管理操作."""

from django.db import transaction
from django.db.models import QuerySet

from . import access, kit
from .choices import NumberKind
from .models import Agency, NumberFormat
from .services import audit_admin_action

VIEW = "core.view_numberformat"
ADD = "core.add_numberformat"
CHANGE = "core.change_numberformat"
DELETE = "core.delete_numberformat"

FORMATS = NumberFormat.objects.select_related("agency__region")


# ---- reads ----------------------------------------------------------------------------------------


def number_formats_visible_to(
    user, *, agency_id: int | None = None, kind: str = ""
) -> QuerySet[NumberFormat]:
    """The formats of the agencies `user` may see them for, by agency then kind."""
    formats = access.visible_to(user, FORMATS)
    if agency_id:
        formats = formats.filter(agency_id=agency_id)
    if kind:
        formats = formats.filter(kind=kind)
    return formats.order_by("agency__region__code", "agency__name", "kind")


# ---- writes ---------------------------------------------------------------------------------------


def _checked(*, agency: Agency, kind: str, prefix: str, exclude: int | None = None) -> str:
    """The rules of one format; returns the prefix stripped."""
    if kind not in NumberKind.values:
        kit.refuse("kind", "请选择文书种类")
    prefix = (prefix or "").strip()
    if not prefix:
        kit.refuse("prefix", "请填写文号前缀")
    longest = NumberFormat._meta.get_field("prefix").max_length
    if longest is not None and len(prefix) > longest:
        kit.refuse("prefix", f"“文号前缀”最多{longest}个字符")
    taken = NumberFormat.objects.filter(agency=agency, kind=kind)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        kit.refuse("kind", f"“文书种类”{NumberKind(kind).label}在{agency.name}已有文号格式，请修改该条")
    return prefix


def _payload(number_format: NumberFormat) -> dict:
    return {"kind": number_format.kind, "prefix": number_format.prefix}


def _log(actor: kit.Actor, number_format: NumberFormat, action: str, detail: str) -> None:
    kit.record(number_format, action, actor=actor, payload=_payload(number_format))
    label = number_format.get_kind_display()
    audit_admin_action(actor, number_format, f"{detail}：{number_format.agency.name} {label}")


@transaction.atomic
def number_format_create(*, actor: kit.Actor, agency: Agency, kind: str, prefix: str) -> NumberFormat:
    """新增文号格式 for one of the agencies in the actor's region."""
    kit.require(actor, ADD, agency)
    prefix = _checked(agency=agency, kind=kind, prefix=prefix)
    number_format = NumberFormat.objects.create(agency=agency, kind=kind, prefix=prefix)
    _log(actor, number_format, "number_format.create", "新增文号格式")
    return number_format


@transaction.atomic
def number_format_update(
    *, actor: kit.Actor, number_format: NumberFormat, kind: str, prefix: str
) -> NumberFormat:
    """修改文号格式: its kind or prefix (numbers already issued keep theirs)."""
    number_format = kit.locked(FORMATS, number_format, actor=actor, perm=CHANGE)
    prefix = _checked(agency=number_format.agency, kind=kind, prefix=prefix, exclude=number_format.pk)
    number_format.kind, number_format.prefix = kind, prefix
    number_format.save(update_fields=["kind", "prefix"])
    _log(actor, number_format, "number_format.update", "修改文号格式")
    return number_format


@transaction.atomic
def number_format_delete(*, actor: kit.Actor, number_format: NumberFormat) -> None:
    """删除文号格式: the agency's next numbers of that kind start with its short name and the kind."""
    number_format = kit.locked(FORMATS, number_format, actor=actor, perm=DELETE)
    _log(actor, number_format, "number_format.delete", "删除文号格式")
    number_format.delete()
