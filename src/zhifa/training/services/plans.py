"""年度培训计划: an agency drafts its plan for a year, adds and removes content items while it is a draft,
then reports it (报送) to the justice bureau, after which it is read-only. Each step is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from zhifa.core import kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from .. import checks
from ..models import PlanItem, TrainingPlan
from ..transitions import MANAGE_PLAN, PLAN_STEPS, allowed

PLANS = TrainingPlan.objects.select_related("agency")
MOST_ITEM_HOURS = 200


@dataclass(frozen=True)
class PlanInput:
    year: int | None
    title: str
    agency: Agency | None = None  # None: the actor's own agency


@dataclass(frozen=True)
class ItemInput:
    content: str
    hours: object
    audience: str = ""
    month: int | None = None


def _editable(actor: Actor, plan: TrainingPlan, action: str = "edit") -> TrainingPlan:
    plan = kit.locked(PLANS, plan, actor=actor, perm=MANAGE_PLAN)
    if not allowed(action, plan.status):
        kit.refuse("status", f"培训计划{plan.get_status_display()}，不能{PLAN_STEPS[action].label}")
    return plan


@transaction.atomic
def plan_create(*, actor: Actor, data: PlanInput) -> TrainingPlan:
    """编制年度培训计划: one per agency and year, started as a draft."""
    agency = checks.acting_agency(actor, data.agency, MANAGE_PLAN, "编制年度培训计划")
    year = checks.year(data.year)
    title = kit.text(data.title, "title", "计划名称", 128)
    if TrainingPlan.objects.filter(agency=agency, year=year).exists():
        kit.refuse("year", f"{agency.name}已有{year}年度培训计划")
    plan = TrainingPlan.objects.create(agency=agency, year=year, title=title, created_by=actor)
    kit.record(plan, "training_plan.create", actor=actor,
               payload={"status": plan.status, "year": year, "title": title})  # fmt: skip
    return plan


def _item_values(data: ItemInput) -> dict:
    month = data.month
    if month is not None and not 1 <= month <= 12:
        kit.refuse("month", "计划月份应在1至12之间")
    return {
        "content": kit.text(data.content, "content", "培训内容", 200),
        "audience": kit.text(data.audience, "audience", "参训对象", 100, required=False),
        "hours": checks.hours(data.hours, "hours", "计划学时", most=MOST_ITEM_HOURS),
        "month": month,
    }


@transaction.atomic
def plan_item_add(*, actor: Actor, plan: TrainingPlan, data: ItemInput) -> PlanItem:
    """添加培训内容 to a draft plan."""
    plan = _editable(actor, plan)
    values = _item_values(data)
    item = PlanItem.objects.create(plan=plan, **values)
    kit.record(plan, "training_plan.item_add", actor=actor,
               payload={"item": item.pk, "content": values["content"], "hours": str(values["hours"])})  # fmt: skip
    return item


@transaction.atomic
def plan_item_remove(*, actor: Actor, plan: TrainingPlan, item_id: int) -> TrainingPlan:
    """删除培训内容 of a draft plan."""
    plan = _editable(actor, plan)
    item = plan.items.filter(pk=item_id).first()
    if item is None:
        kit.refuse("item", "该培训内容不存在或不属于本计划")
    content = item.content
    item.delete()
    kit.record(plan, "training_plan.item_remove", actor=actor, payload={"item": item_id, "content": content})
    return plan


@transaction.atomic
def plan_submit(*, actor: Actor, plan: TrainingPlan) -> TrainingPlan:
    """报送司法行政机关: a draft with at least one content item becomes read-only."""
    plan = _editable(actor, plan, "submit")
    if not plan.items.exists():
        kit.refuse("items", "请至少添加一项培训内容后再报送")
    plan.submitted_at = timezone.now()
    kit.move(plan, PLAN_STEPS["submit"].target, actor=actor, action="training_plan.submit",
             fields=("submitted_at",), payload={"planned_hours": str(planned_hours(plan))})  # fmt: skip
    return plan


def planned_hours(plan: TrainingPlan) -> Decimal:
    return plan.items.aggregate(total=Sum("hours"))["total"] or Decimal(0)
