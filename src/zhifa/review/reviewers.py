"""Who may review a case: the agency's own 法制审核人员, or — when none is free — a reviewer of the
justice bureau's pool (法制审核协作机制, seed 002 §(九)); never a handler or the registrant of the case
(回避)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet

from zhifa.accounts.choices import RoleCode
from zhifa.core.choices import AgencyKind
from zhifa.core.models import Agency

from .choices import ReviewStatus
from .models import PoolMember, Review

if TYPE_CHECKING:
    from zhifa.accounts.models import User


def conflict(user, case) -> str | None:
    """回避: why `user` may not review `case` (None: they may)."""
    if case.created_by_id == user.pk:
        return f"{user.real_name or user.username}是本案登记人，应当回避"
    if case.handlers.filter(officer__user=user).exists():
        return f"{user.real_name or user.username}是本案承办人员，应当回避"
    return None


def justice_bureaus_over(agency) -> QuerySet[Agency]:
    """The 司法行政机关 whose region contains the agency's (county first, then city, province)."""
    return Agency.objects.filter(kind=AgencyKind.JUSTICE, region__path__in=agency.region.paths_up()).order_by(
        "-region__path"
    )


def agency_reviewers(case):
    return (
        get_user_model()
        .objects.filter(agency_id=case.agency_id, is_active=True, roles__code=RoleCode.LEGAL_REVIEWER)
        .distinct()
    )


def pool_reviewers(case):
    members = PoolMember.objects.filter(justice__in=justice_bureaus_over(case.agency)).values("user_id")
    return get_user_model().objects.filter(pk__in=members, is_active=True).exclude(agency_id=case.agency_id)


def _least_busy_free(users, case):
    load = {
        row["reviewer_id"]: row["n"]
        for row in Review.objects.exclude(status=ReviewStatus.PASSED)
        .filter(reviewer__in=users)
        .values("reviewer_id")
        .annotate(n=Count("pk"))
    }
    free = [user for user in users.order_by("pk") if conflict(user, case) is None]
    return min(free, key=lambda user: load.get(user.pk, 0), default=None)


def pick(case) -> tuple[User, bool]:
    """(reviewer, from_pool): the least busy free reviewer of the agency, else of the pool."""
    own = _least_busy_free(agency_reviewers(case), case)
    if own is not None:
        return own, False
    pooled = _least_busy_free(pool_reviewers(case), case)
    if pooled is not None:
        return pooled, True
    raise ValidationError(
        {
            "reviewer": "本机关没有可以审核本案的法制审核人员（须回避或未配备），司法局法制审核协作库中也没有可指派的人员"
        }
    )


def check_assignable(user, case) -> bool:
    """Refuse a reviewer who must withdraw or who is neither the agency's nor the pool's; returns
    whether they come from the pool."""
    why = conflict(user, case)
    if why:
        raise ValidationError({"reviewer": why})
    if agency_reviewers(case).filter(pk=user.pk).exists():
        return False
    if pool_reviewers(case).filter(pk=user.pk).exists():
        return True
    raise ValidationError(
        {"reviewer": "该人员不是本机关的法制审核人员，也不在司法局法制审核协作库中，不能审核本案"}
    )
