"""Permissions of 培训管理 and the plan's state machine, in one table read by the services, the plan page
(which buttons it offers) and the API.

新建 → 草稿 —(报送司法行政机关)→ 已报送"""

from dataclasses import dataclass

from .choices import PlanStatus

VIEW_PLAN = "training.view_trainingplan"
MANAGE_PLAN = "training.manage_trainingplan"
VIEW_TRAINER = "training.view_trainer"
MANAGE_TRAINER = "training.manage_trainer"
VIEW_STUDY = "training.view_leaderstudy"
MANAGE_STUDY = "training.manage_leaderstudy"


@dataclass(frozen=True)
class Step:
    action: str
    label: str
    perm: str
    sources: tuple[str, ...]
    target: str


PLAN_STEPS: dict[str, Step] = {
    step.action: step
    for step in (
        Step("edit", "修改计划内容", MANAGE_PLAN, (PlanStatus.DRAFT,), PlanStatus.DRAFT),
        Step("submit", "报送司法行政机关", MANAGE_PLAN, (PlanStatus.DRAFT,), PlanStatus.SUBMITTED),
    )
}


def allowed(action: str, status: str) -> bool:
    return status in PLAN_STEPS[action].sources
