"""工作台 of 社会监督: the feedback a justice bureau's supervisor still has to answer, and the register rows
whose term ends soon."""

from django.urls import reverse

from zhifa.core import access
from zhifa.core.workbench import PendingItem

from . import clocks, selectors
from .choices import TermState
from .transitions import HANDLE_FEEDBACK, MANAGE_SUPERVISOR

LIMIT = 20


def pending(user) -> list[PendingItem]:
    if not user.has_perm(HANDLE_FEEDBACK):
        return []
    items = []
    open_feedback = access.visible_to(
        user, selectors.feedback_visible_to(user).filter(status__in=selectors.OPEN_FEEDBACK), HANDLE_FEEDBACK
    ).order_by("answer_due", "id")[:LIMIT]
    today = clocks.today()
    for feedback in open_feedback:
        items.append(
            PendingItem(
                category="社会监督反馈",
                title=f"答复反馈：{feedback.title}（{feedback.get_status_display()}，反映{feedback.agency.name}）",
                url=reverse("social:feedback_detail", args=[feedback.pk]),
                due=feedback.answer_due,
                overdue=today > feedback.answer_due,
            )
        )
    if user.has_perm(MANAGE_SUPERVISOR):
        expiring = selectors.supervisors_visible_to(user, selectors.RegisterFilters(term=TermState.EXPIRING))[
            :LIMIT
        ]
        for supervisor in expiring:
            items.append(
                PendingItem(
                    category="行政执法监督员",
                    title=f"监督员{supervisor.name}任期即将到期，请决定是否续聘",
                    url=reverse("social:supervisor_detail", args=[supervisor.pk]),
                    due=supervisor.term_end,
                    overdue=False,
                )
            )
    return items
