"""工作台 items: my open inspection tasks (nearest due first) and 事前报备 waiting for approval. Results
waiting for 公示 are publicity's reminder (its drafts and their deadlines), not repeated here."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from zhifa.core import access
from zhifa.core.workbench import PendingItem

from .choices import ReportStatus, TaskStatus
from .models import PriorReport, Task
from .services.perms import APPROVE

CATEGORY = "双随机抽查"
LIMIT = 20


def pending(user, *, today: date | None = None) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    today = today or timezone.localdate()
    items = []
    tasks = (
        Task.objects.filter(inspectors__officer__user=user)
        .exclude(status=TaskStatus.DONE)
        .select_related("subject")
        .distinct()
        .order_by("due_on", "id")[:LIMIT]
    )
    for task in tasks:
        items.append(
            PendingItem(
                CATEGORY,
                f"检查任务：{task.subject.name}",
                reverse("inspections:task_detail", args=[task.pk]),
                task.due_on,
                task.due_on < today,
            )
        )
    if user.has_perm(APPROVE):
        waiting = access.visible_to(user, PriorReport.objects.filter(status=ReportStatus.PENDING), APPROVE)
        count = waiting.count()
        if count:
            items.append(
                PendingItem(CATEGORY, f"待审批的涉企事前报备 {count} 件", reverse("inspections:report_list"))
            )
    return items
