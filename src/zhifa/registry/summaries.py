"""工作台 figures over a scope, counted ahead: what keeps the supervisor's 工作台 at the same cost with
300,000 officers as with 300.

Counting a region's expiring certificates, training shortfalls and rotations is linear in its officers
(training_short_count sums a year of training per officer). So the counts live in ScopeSummary, one row per
scope — an agency's staff under the scopes their roles give the two view permissions, the same for every
one of them — recounted by the hourly task `registry-summaries` and by the page itself when the row is
missing, older than ZHIFA_WORKBENCH_SUMMARY_MAX_AGE_MINUTES or counted for another day. A page that finds
a fresh row reads one row; the item says when it was counted (统计截至).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import selectors
from .models import ScopeSummary

VIEW_CERTIFICATE = "registry.view_certificate"
VIEW_OFFICER = "registry.view_officer"


def scope_key(user) -> str | None:
    """Who sees the same certificates and officers as `user`: their agency and the scopes their roles give
    the two view permissions (the read-down counterparts follow from the agency). None: nothing to count."""
    if user.is_superuser or user.agency_id is None:
        return None  # the bootstrap superuser (counted live: there is one) or nobody
    parts = [f"a{user.agency_id}"]
    for tag, perm in (("c", VIEW_CERTIFICATE), ("o", VIEW_OFFICER)):
        scopes = sorted(str(s) for s in user.jurisdiction_scopes(perm))
        parts.append(f"{tag}:{'+'.join(scopes) or '-'}")
    return "|".join(parts)


@dataclass(frozen=True)
class Figures:
    expiring: int
    expired: int
    recheck: int
    training_year: int
    training_short: int
    training_agency_id: int | None
    rotation: int


def count(user, today: date) -> Figures:
    """The figures as `user` sees them on `today`, counted in the database (five queries, each linear in
    the scope: what the summary saves the page)."""
    certificates = selectors.certificates_visible_to(user)
    officers = selectors.officers_visible_to(user, on=today)
    short = selectors.training_short_count(officers, today.year)
    return Figures(
        expiring=selectors.certificates_expiring(certificates, on=today).count(),
        expired=selectors.certificates_expired(certificates, on=today).count(),
        recheck=selectors.certificates_due_for_recheck(certificates, on=today).count(),
        training_year=today.year,
        training_short=short.short,
        training_agency_id=short.agency_id,
        rotation=selectors.rotation_due(officers, on=today).count(),
    )


def figures_of(summary: ScopeSummary) -> Figures:
    return Figures(
        expiring=summary.expiring,
        expired=summary.expired,
        recheck=summary.recheck,
        training_year=summary.training_year,
        training_short=summary.training_short,
        training_agency_id=summary.training_agency_id,
        rotation=summary.rotation,
    )


def recount(user, *, today: date, key: str | None = None) -> ScopeSummary | None:
    """Count `user`'s scope now and keep it (replacing the scope's row: safe to repeat)."""
    key = key or scope_key(user)
    if key is None:
        return None
    figures = count(user, today)
    with transaction.atomic():
        summary, _ = ScopeSummary.objects.update_or_create(
            scope=key,
            defaults={
                "agency_id": user.agency_id,
                "viewer": user,
                "counted_on": today,
                "counted_at": timezone.now(),
                "expiring": figures.expiring,
                "expired": figures.expired,
                "recheck": figures.recheck,
                "training_year": figures.training_year,
                "training_short": figures.training_short,
                "training_agency_id": figures.training_agency_id,
                "rotation": figures.rotation,
            },
        )
    return summary


def is_fresh(summary: ScopeSummary, *, today: date, now: datetime | None = None) -> bool:
    max_age = timedelta(minutes=settings.ZHIFA_WORKBENCH_SUMMARY_MAX_AGE_MINUTES)
    return summary.counted_on == today and (now or timezone.now()) - summary.counted_at <= max_age


def summary_for(user, *, today: date) -> ScopeSummary | None:
    """The scope's figures: the kept row when fresh (one query), else counted now."""
    key = scope_key(user)
    if key is None:
        return None
    summary = ScopeSummary.objects.filter(scope=key).first()
    if summary is not None and is_fresh(summary, today=today):
        return summary
    return recount(user, today=today, key=key)


def recount_all(*, today: date) -> int:
    """The scheduled recount of every kept scope, as its last viewer sees it. A scope whose viewer no
    longer stands for it (roles or agency changed, account disabled) is dropped: the next page of that
    scope counts it afresh. Returns how many scopes were recounted."""
    recounted = 0
    for summary in ScopeSummary.objects.select_related("viewer").order_by("pk"):
        viewer = summary.viewer  # read now: roles and agency as they are
        if not viewer.is_active or scope_key(viewer) != summary.scope:
            summary.delete()
            continue
        recount(viewer, today=today, key=summary.scope)
        recounted += 1
    return recounted
