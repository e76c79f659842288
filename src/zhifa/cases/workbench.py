"""工作台 items of the cases app.

For a user linked to an Officer: the near-due and overdue steps of the open cases they handle, one item
per case, linking to the case; else, for a notified case, the end of the 陈述申辩 period when near, and
"待作出处罚决定" once it has ended or the party waived it in writing. For users who approve (cases.approve_case): counts over their scope — cases
waiting for 立案, decisions due within three working days, cases to close — and the overdue cases, each
linking to the filtered list. A handful of queries per call, however many cases.
"""

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from zhifa.core import access, workdays
from zhifa.core.workbench import PendingItem
from zhifa.registry.models import Officer

from . import rules, selectors
from .choices import CaseStatus, DecisionKind
from .models import Case
from .services import APPROVE

CATEGORY = "案件办理"
OWN_LIMIT = 200  # open cases of one handler looked at (the oldest deadlines come first)


def pending(user, *, today: date | None = None) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    today = today or timezone.localdate()
    items = _own_items(user, today)
    if user.has_perm(APPROVE):
        items += _approval_items(user, today)
    return items


def _list_url(**query) -> str:
    return f"{reverse('cases:case_list')}?{urlencode(query)}"


def _own_items(user, today: date) -> list[PendingItem]:
    officer = Officer.objects.filter(user=user).first()
    if officer is None:
        return []
    cases = (
        selectors.with_waiver(Case.objects.filter(handlers__officer=officer, status__in=selectors.OPEN))
        .select_related("decision")
        .order_by("decision_due", "id")[:OWN_LIMIT]
    )
    items = []
    for case in cases:
        clock = selectors.next_clock(case, today)
        url = reverse("cases:case_detail", args=[case.pk])
        title = f"{case.number or '（未立案）'} {case.summary}："
        soon = clock if clock is not None and clock.state in ("near", "overdue") else None
        # the end of the 陈述申辩 period says more than the hearing window closing the same days
        if (waiting := _waiting(case, today)) and (soon is None or soon.step == "hearing_request"):
            items.append(PendingItem(CATEGORY, title + waiting[0], url, due=waiting[1]))
        elif soon is not None:
            title += f"{soon.label}期限{soon.due:%Y-%m-%d}" + ("，已逾期" if soon.overdue else "，即将到期")
            items.append(PendingItem(CATEGORY, title, url, due=soon.due, overdue=soon.overdue))
    return items


def _waiting(case: Case, today: date) -> tuple[str, date | None] | None:
    """What the handler waits for before the penalty decision, or may now propose it: the end of the
    periods of the notice when it is near, and the case once they have ended (or been waived)."""
    wait = rules.decision_wait(case) if case.status == CaseStatus.NOTIFIED else None
    if wait is None:
        return None
    if wait.waived_on:
        return f"当事人已于{wait.waived_on:%Y-%m-%d}书面放弃陈述申辩、听证，待作出处罚决定", case.decision_due
    if not wait.running(today):
        return f"陈述申辩期限已于{wait.until:%Y-%m-%d}届满，待作出处罚决定", case.decision_due
    if wait.until <= workdays.add_workdays(today, selectors.NEAR_WORKDAYS):
        return (
            f"陈述申辩期限{wait.until:%Y-%m-%d}届满，{wait.allowed_from:%Y-%m-%d}起可作出处罚决定",
            wait.until,
        )
    return None


def _approval_items(user, today: date) -> list[PendingItem]:
    cases = access.visible_to(user, Case.objects.all(), APPROVE)
    horizon = workdays.add_workdays(today, selectors.NEAR_WORKDAYS)
    intake = cases.filter(status=CaseStatus.INTAKE).count()
    deciding = cases.filter(
        status__in=selectors.DECIDING, decision_due__gte=today, decision_due__lte=horizon
    ).count()
    to_close = (
        cases.filter(status=CaseStatus.EXECUTED).count()
        + cases.filter(status=CaseStatus.SERVED, decision__kind=DecisionKind.NO_PENALTY).count()
    )
    overdue = cases.filter(selectors.overdue_q(today)).count()
    items = []
    if intake:
        items.append(PendingItem(CATEGORY, f"待批准立案：{intake}件", _list_url(status=CaseStatus.INTAKE)))
    if deciding:
        items.append(
            PendingItem(
                CATEGORY,
                f"{selectors.NEAR_WORKDAYS}个工作日内须作出决定：{deciding}件",
                _list_url(near_due=1),
                due=horizon,
            )
        )
    if to_close:
        items.append(
            PendingItem(CATEGORY, f"待批准结案：{to_close}件", _list_url(status=CaseStatus.EXECUTED))
        )
    if overdue:
        items.append(
            PendingItem(CATEGORY, f"本机关逾期案件：{overdue}件", _list_url(overdue=1), overdue=True)
        )
    return items
