"""工作台: reviews waiting for the signed-in reviewer (with the due day, overdue flagged), opinions with
problems waiting for the handling unit, disagreements for the agency head, 预审核 for the 司法局."""

from django.urls import reverse
from django.utils import timezone

from zhifa.core import access
from zhifa.core.workbench import PendingItem

from .choices import ReviewStatus
from .models import PreReview, Review
from .services import RESOLVE, SUBMIT

LIMIT = 50


def _item(category: str, review: Review, what: str, **extra) -> PendingItem:
    case = review.case
    return PendingItem(
        category,
        f"{case.number} {case.party_name}：{what}",
        reverse("review:review_detail", args=[review.pk]),
        **extra,
    )


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate()
    reviews = Review.objects.select_related("case")
    items = [
        _item("法制审核", r, "待审核", due=r.due_on, overdue=bool(r.due_on and today > r.due_on))
        for r in reviews.filter(reviewer=user, status=ReviewStatus.SUBMITTED).order_by("due_on")[:LIMIT]
    ]
    if user.has_perm(SUBMIT):
        waiting = access.visible_to(user, reviews.filter(status=ReviewStatus.PROBLEMS), SUBMIT)
        items += [_item("法制审核", r, "审核意见存在问题，待答复后再次送审") for r in waiting[:LIMIT]]
    if user.has_perm(RESOLVE):
        disputed = access.visible_to(user, reviews.filter(status=ReviewStatus.DISPUTED), RESOLVE)
        items += [
            _item("法制审核", r, "承办机构对审核意见有异议，待集体讨论或负责人决定") for r in disputed[:LIMIT]
        ]
    if user.agency_id:
        asked = PreReview.objects.filter(justice_id=user.agency_id, answered_at__isnull=True).select_related(
            "review__case"
        )
        if user.has_perm("review.coordinate_pool"):
            items += [_item("法制审核", p.review, "提请预审核") for p in asked[:LIMIT]]
    return items
