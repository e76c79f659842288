"""抽查计划: items from the 随机抽查事项清单 of the version in force, ratios per risk level, filed by
a deadline (default 31 March) and published."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from zhifa.catalog import selectors as catalog
from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.registry.services import refuse_stopped_fields

from ..choices import DEFAULT_RATIOS, PlanKind, PlanStatus, RiskLevel, SubjectKind
from ..drawing import DrawError, sample_size
from ..models import Plan, PlanItem
from .perms import MANAGE_PLAN


@dataclass(frozen=True)
class PlanInput:
    title: str
    year: int
    items: list[tuple[Agency, str]]  # (department, item code) — several departments make a joint plan
    ends_on: date
    ratios: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_RATIOS))
    frequency: int = 1
    per_subject: int = 2
    subject_kinds: list[str] = field(default_factory=list)
    industry: str = ""
    file_by: date | None = None


def _checked_ratios(ratios: dict[str, str]) -> dict[str, str]:
    checked = {}
    for level in RiskLevel.values:
        text = str(ratios.get(level, DEFAULT_RATIOS[level])).strip()
        try:
            sample_size(100, text)
        except DrawError as exc:
            kit.refuse("ratios", f"风险等级{level}：{exc}")
        checked[level] = text
    return checked


def _plan_items(data: PlanInput, on: date) -> list[PlanItem]:
    """Only items of each department's 随机抽查事项清单 in force may be inspected (no inspection outside
    the inspection-item list)."""
    if not data.items:
        kit.refuse("items", "请选择抽查事项")
    items = []
    for agency, code in data.items:
        version = catalog.version_in_force(agency, on)
        item = catalog.items_of_list(version, "random").filter(code=code).first() if version else None
        if item is None:
            kit.refuse("items", f"事项{code}不在{agency.name}施行中的随机抽查事项清单内")
        items.append(
            PlanItem(
                agency=agency,
                item_code=item.code,
                item_name=item.name,
                field=item.field,
                inspection_method=item.inspection_method,
            )
        )
    # a 停用 执法领域 is not for new work: a new plan names no item of one (a plan made before keeps it)
    refuse_stopped_fields([item.field_id for item in items], key="items", use="用于新的抽查计划")
    return items


@transaction.atomic
def plan_create(*, actor: Actor, agency: Agency, data: PlanInput) -> Plan:
    """编制抽查计划 (年度 or 跨部门联合: a plan with items of other departments is joint)."""
    access.require_for_agency(actor, MANAGE_PLAN, agency, "您无权为该机关编制抽查计划")
    if not data.title.strip():
        kit.refuse("title", "请填写计划名称")
    if data.ends_on.year != data.year:
        kit.refuse("ends_on", "检查完成期限应在计划年度内")
    if data.frequency < 1 or data.per_subject < 2:
        kit.refuse("per_subject", "每个检查对象至少由两名执法人员检查")
    unknown = set(data.subject_kinds) - set(SubjectKind.values)
    if unknown:
        kit.refuse("subject_kinds", f"未知的对象类别：{'、'.join(sorted(unknown))}")
    items = _plan_items(data, timezone.localdate())
    joint = any(item.agency_id != agency.pk for item in items)
    plan = Plan.objects.create(
        agency=agency,
        kind=PlanKind.JOINT if joint else PlanKind.YEARLY,
        year=data.year,
        title=data.title.strip(),
        ratios=_checked_ratios(data.ratios),
        frequency=data.frequency,
        per_subject=data.per_subject,
        subject_kinds=sorted(set(data.subject_kinds)),
        industry=data.industry.strip(),
        file_by=data.file_by or Plan.default_file_by(data.year),
        ends_on=data.ends_on,
        created_by=actor,
    )
    for item in items:
        item.plan = plan
    PlanItem.objects.bulk_create(items)
    kit.record(
        plan,
        "inspections.plan_create",
        actor=actor,
        payload={"title": plan.title, "year": plan.year, "kind": plan.kind, "ratios": plan.ratios},
    )
    return plan


@transaction.atomic
def plan_publish(*, actor: Actor, plan: Plan, late_reason: str = "", on: date | None = None) -> Plan:
    """公布计划. After the filing deadline only with the reason for the delay, which is published too."""
    plan = kit.locked(Plan, plan, actor=actor, perm=MANAGE_PLAN)
    on = on or timezone.localdate()
    if plan.status != PlanStatus.DRAFT:
        kit.refuse("status", "计划已公布")
    if on > plan.file_by and not late_reason.strip():
        kit.refuse("late_reason", f"计划应于{plan.file_by:%Y年%m月%d日}前制定公布，逾期公布须说明理由")
    longest = Plan._meta.get_field("late_reason").max_length
    assert longest is not None  # a CharField's
    if len(late_reason.strip()) > longest:
        kit.refuse("late_reason", f"“逾期公布理由”最多{longest}个字符")
    plan.status, plan.published_on, plan.late_reason = PlanStatus.PUBLISHED, on, late_reason.strip()
    plan.save(update_fields=["status", "published_on", "late_reason", "updated_at"])
    kit.record(plan, "inspections.plan_publish", actor=actor, payload={"late_reason": plan.late_reason})
    return plan
