"""工作台 key figures of 法制审核 for the reviewer: reviews waiting for them, those due within three
working days, the overdue ones. One aggregate query; each figure links to the reviewer's own list."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from zhifa.core import workdays
from zhifa.core.workbench import CardSet, Figure, count

from .choices import ReviewStatus
from .models import Review

NEAR_WORKDAYS = 3


def cards(user) -> list[CardSet]:
    if not user.has_perm("review.view_review"):
        return []
    today = timezone.localdate()
    horizon = workdays.add_workdays(today, NEAR_WORKDAYS)
    waiting = Q(status=ReviewStatus.SUBMITTED)
    figures = Review.objects.filter(reviewer=user).aggregate(
        waiting=Count("pk", filter=waiting),
        near=Count("pk", filter=waiting & Q(due_on__gte=today, due_on__lte=horizon)),
        overdue=Count("pk", filter=waiting & Q(due_on__lt=today)),
    )
    if not any(figures.values()) and not _is_reviewer(user):
        return []
    url = f"{reverse('review:review_list')}?{urlencode({'mine': 1, 'status': ReviewStatus.SUBMITTED})}"
    return [
        CardSet(
            "法制审核",
            (
                Figure("待审核", count(figures["waiting"]), url),
                Figure(f"{NEAR_WORKDAYS}个工作日内到期", count(figures["near"]), url),
                Figure("已超期", count(figures["overdue"]), url, alert=True),
            ),
            order=15,
        )
    ]


def _is_reviewer(user) -> bool:
    from zhifa.accounts.choices import RoleCode

    return RoleCode.LEGAL_REVIEWER in user.role_codes
