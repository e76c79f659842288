"""Reads on the catalogue, scoped by core.access: versions in force, the derived lists of seed 003
§2(一)2, overlaps and gaps of post duties (seed 000 §4), and delegations due for evaluation."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from zhifa.core import access

from .choices import DelegationStatus, ListReviewStatus, VersionStatus
from .models import CatalogVersion, Delegation, DutyAssignment, EnforcementItem, VersionReview
from .transitions import APPROVE_VERSION

DERIVED_LISTS = {
    "all": ("行政执法事项清单", Q()),
    "supervision": ("监管事项目录清单", Q(is_supervision=True)),
    "random": ("随机抽查事项清单", Q(is_random_inspection=True)),
    "legal_review": ("重大执法决定法制审核目录清单", Q(needs_legal_review=True)),
    "av": ("音像记录事项清单", ~Q(av_steps=[])),
}


def version_in_force(agency, on: date | None = None) -> CatalogVersion | None:
    """The published version in force on `on`: a case filed that day refers to it."""
    on = on or timezone.localdate()
    return (
        CatalogVersion.objects.filter(agency=agency, status=VersionStatus.PUBLISHED, effective_from__lte=on)
        .order_by("-number")
        .first()
    )


def versions_visible_to(user, *, agency_id=None) -> QuerySet[CatalogVersion]:
    versions = access.visible_to(user, CatalogVersion.objects.select_related("agency", "published_by"))
    return versions.filter(agency_id=agency_id) if agency_id else versions


# ---- 清单审核 ---------------------------------------------------------------------------------------


def reviews_visible_to(user) -> QuerySet[VersionReview]:
    """Reviews of the user's own agency (the competent reviewer is one agency, whatever the region
    scope of a supervisor)."""
    reviews = access.visible_to(
        user, VersionReview.objects.select_related("version__agency", "reviewer", "decided_by")
    )
    if getattr(user, "is_superuser", False):
        return reviews
    return reviews.filter(reviewer_id=getattr(user, "agency_id", None))


def reviews_pending_for(user) -> QuerySet[VersionReview]:
    """What waits for the user's approval: pending reviews of their agency, if they may approve."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm(APPROVE_VERSION):
        return VersionReview.objects.none()
    return reviews_visible_to(user).filter(status=ListReviewStatus.PENDING).order_by("created_at", "id")


def items_of_list(
    version: CatalogVersion, list_name: str = "all", *, q: str = "", category: str = ""
) -> QuerySet:
    """One of the derived lists of a version; unknown list names give the whole catalogue."""
    _, condition = DERIVED_LISTS.get(list_name, DERIVED_LISTS["all"])
    items = version.items.filter(condition).select_related("field", "implementing_body")
    if q := q.strip():
        items = items.filter(Q(code__icontains=q) | Q(name__icontains=q))
    if category:
        items = items.filter(category=category)
    return items.order_by("code")


def with_measures(items: QuerySet[EnforcementItem]) -> QuerySet[EnforcementItem]:
    """`items` with what catalog.penalties.item_measures reads (legal bases, benchmark levels)."""
    return items.select_related("benchmark").prefetch_related("legal_bases", "benchmark__levels")


def item_in_force(agency, code: str, on: date | None = None) -> EnforcementItem | None:
    version = version_in_force(agency, on)
    return version.items.filter(code=code).first() if version else None


# ---- 岗位职权分解 -----------------------------------------------------------------------------------


def duty_overlaps(agency, version: CatalogVersion | None = None) -> dict[str, list[DutyAssignment]]:
    """Items held by two or more units where at least one holder has no written division of work."""
    by_code: dict[str, list[DutyAssignment]] = defaultdict(list)
    for assignment in DutyAssignment.objects.filter(agency=agency).select_related("unit", "unit__parent"):
        by_code[assignment.item_code].append(assignment)
    codes = set(version.items.values_list("code", flat=True)) if version else None
    return {
        code: holders
        for code, holders in sorted(by_code.items())
        if len(holders) > 1 and any(not h.division for h in holders) and (codes is None or code in codes)
    }


def duty_gaps(agency, version: CatalogVersion) -> QuerySet[EnforcementItem]:
    """Items of the version that no unit or post holds."""
    held = DutyAssignment.objects.filter(agency=agency).values("item_code")
    return version.items.exclude(code__in=held).order_by("code")


# ---- 赋权乡镇 ---------------------------------------------------------------------------------------


def delegations_visible_to(user) -> QuerySet[Delegation]:
    return access.visible_to(user, Delegation.objects.select_related("from_agency", "to_agency"))


def delegations_due(delegations: QuerySet[Delegation], *, on: date | None = None, within_days: int = 30):
    """(overdue, due soon) among active or adjusted delegations."""
    on = on or timezone.localdate()
    open_ = delegations.exclude(status=DelegationStatus.WITHDRAWN)
    return (
        open_.filter(evaluation_due__lt=on),
        open_.filter(evaluation_due__gte=on, evaluation_due__lte=on + timedelta(days=within_days)),
    )
