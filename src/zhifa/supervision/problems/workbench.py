"""工作台 of 突出问题整改, on both sides: the agency sees its own tasks due or overdue and the supervisor
sees completed tasks waiting for the 回头看 and the tasks overdue in their region."""

from django.urls import reverse

from zhifa.core import access
from zhifa.core.workbench import PendingItem
from zhifa.supervision.models import RectificationTask

from . import clocks, selectors
from .choices import TaskStatus
from .transitions import RECTIFY, REVIEW

LIMIT = 50
CATEGORY = "突出问题整改"


def _task(task: RectificationTask, what: str, *, whose: bool, overdue: bool = False) -> PendingItem:
    title = f"{task.agency.name}：{task.problem.title}" if whose else task.problem.title
    return PendingItem(
        CATEGORY,
        f"{title}（{what}）",
        reverse("supervision:rectification_detail", args=[task.pk]),
        due=task.due_on,
        overdue=overdue,
    )


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None:
        return []
    today = clocks.today()
    found: list[PendingItem] = []
    if user.has_perm(RECTIFY):
        own = RectificationTask.objects.filter(agency_id=user.agency_id, status=TaskStatus.RECTIFYING)
        own = (
            access.visible_to(user, own, RECTIFY).select_related("agency", "problem").order_by("due_on", "id")
        )
        found += [
            _task(
                t, "整改逾期" if t.due_on < today else "整改中，待报告", whose=False, overdue=t.due_on < today
            )
            for t in own[:LIMIT]
        ]
    if user.has_perm(REVIEW):
        waiting = access.visible_to(
            user, RectificationTask.objects.filter(status=TaskStatus.SUBMITTED), REVIEW
        ).select_related("agency", "problem")
        found += [
            _task(t, "整改完成，待回头看", whose=True) for t in waiting.order_by("updated_at", "id")[:LIMIT]
        ]
        late = selectors.overdue_tasks(user, REVIEW).exclude(agency_id=user.agency_id)
        found += [_task(t, "整改逾期", whose=True, overdue=True) for t in late[:LIMIT]]
    return found
