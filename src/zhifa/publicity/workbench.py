"""工作台 items: disclosure drafts near their deadline or overdue, and withdrawals due (复议/诉讼)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from zhifa.core import access, workdays
from zhifa.core.workbench import PendingItem

from .choices import DisclosureStatus
from .models import Disclosure
from .services import APPROVE, DRAFT

CATEGORY = "执法公示"
NEAR_WORKDAYS = 2
LIMIT = 50


def pending(user, *, today: date | None = None) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or not user.has_perm(DRAFT):
        return []
    today = today or timezone.localdate()
    near = workdays.add_workdays(today, NEAR_WORKDAYS)
    scoped = access.visible_to(user, Disclosure.objects.all(), DRAFT)
    drafts = scoped.filter(status=DisclosureStatus.DRAFT, due_on__lte=near).order_by("due_on", "id")[:LIMIT]
    items = [_item(d, "公示", d.due_on, today) for d in drafts]
    if user.has_perm(APPROVE):
        withdrawals = scoped.filter(
            status__in=(DisclosureStatus.PUBLISHED, DisclosureStatus.SUPERSEDED), withdraw_due__isnull=False
        ).order_by("withdraw_due", "id")[:LIMIT]
        items += [_item(d, "撤回", d.withdraw_due, today) for d in withdrawals]
    return items


def _item(disclosure: Disclosure, what: str, due: date, today: date) -> PendingItem:
    overdue = due < today
    title = f"{disclosure}：{what}期限{due:%Y-%m-%d}" + ("，已逾期" if overdue else "，即将到期")
    url = reverse("publicity:detail", args=[disclosure.pk])
    return PendingItem(CATEGORY, title, url, due=due, overdue=overdue)
