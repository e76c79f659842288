"""Helpers shared by the catalogue pages: scoped look-ups of versions and items, the diff as shown to
people (changed parts in Chinese, each code linked), and the page for a write to a published version."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse

from zhifa.core import access

from .. import services, versioning
from ..choices import VersionStatus
from ..models import CatalogVersion, EnforcementItem

VIEW_VERSION = "catalog.view_catalogversion"
VIEW_ITEM = "catalog.view_enforcementitem"

# the parts of an item snapshot (versioning.ITEM_FIELDS plus legal_bases and benchmark), in Chinese
PART_LABELS = {
    **{
        field.attname: str(field.verbose_name)
        for field in EnforcementItem._meta.concrete_fields
        if field.attname in versioning.ITEM_FIELDS
    },
    "legal_bases": "设定依据",
    "benchmark": "裁量基准",
    **versioning.RETIRED_LABELS,
}


def part_label(part: str) -> str:
    return PART_LABELS.get(part, part)


# ---- scoped look-ups -------------------------------------------------------------------------------


def get_version(request, pk: int, *, manage: bool = False) -> CatalogVersion:
    """The version if the user may see it (else 404) and, with manage, edit it (else 403)."""
    version = access.get_visible_or_404(
        request.user,
        CatalogVersion.objects.select_related("agency", "published_by"),
        VIEW_VERSION,
        pk=pk,
    )
    if manage:
        access.require(request.user, services.MANAGE_CATALOG, version)
    return version


def get_item(request, pk: int, *, manage: bool = False) -> EnforcementItem:
    item = access.get_visible_or_404(
        request.user,
        EnforcementItem.objects.select_related(
            "version", "version__agency", "version__published_by", "field", "implementing_body"
        ),
        VIEW_ITEM,
        pk=pk,
    )
    if manage:
        access.require(request.user, services.MANAGE_CATALOG, item)
    return item


def can_manage(user, version: CatalogVersion) -> bool:
    return user.has_perm(services.MANAGE_CATALOG) and access.can(user, services.MANAGE_CATALOG, version)


def require_manager(user) -> None:
    if not user.has_perm(services.MANAGE_CATALOG):
        raise PermissionDenied("您无权编制执法事项清单")


def locked(request, version: CatalogVersion):
    """A write aimed at a published version: refused, and the way to the draft shown (409 Conflict)."""
    return render(request, "catalog/version_locked.html", {"version": version}, status=409)


def draft_url(agency_id: int) -> str:
    return f"{reverse('catalog:draft')}?{urlencode({'agency': agency_id})}"


# ---- the diff --------------------------------------------------------------------------------------


def previous_published(version: CatalogVersion) -> CatalogVersion | None:
    """The published version before `version` (for a draft: the latest published one)."""
    versions = CatalogVersion.objects.filter(agency_id=version.agency_id, status=VersionStatus.PUBLISHED)
    if version.is_published:
        versions = versions.filter(number__lt=version.number)
    return versions.order_by("-number").first()


def pending_diff(draft: CatalogVersion) -> dict:
    """What publishing the draft now would record: its diff against the latest published version."""
    previous = previous_published(draft)
    old = versioning.snapshot(previous) if previous else {}
    return versioning.diff(old, versioning.snapshot(draft))


def diff_view(diff: dict, version: CatalogVersion, previous: CatalogVersion | None) -> dict:
    """The diff with each code linked to its item (added and changed: in `version`; removed: in
    `previous`) and the changed parts translated. Two queries, whatever the size."""
    added, changed, removed = diff.get("added", []), diff.get("changed", []), diff.get("removed", [])
    here = dict(
        EnforcementItem.objects.filter(
            version=version, code__in=[row["code"] for row in [*added, *changed]]
        ).values_list("code", "pk")
    )
    before = (
        dict(
            EnforcementItem.objects.filter(
                version=previous, code__in=[row["code"] for row in removed]
            ).values_list("code", "pk")
        )
        if previous and removed
        else {}
    )
    return {
        "added": [{**row, "pk": here.get(row["code"])} for row in added],
        "changed": [
            {**row, "pk": here.get(row["code"]), "labels": [part_label(p) for p in row.get("parts", [])]}
            for row in changed
        ],
        "removed": [{**row, "pk": before.get(row["code"])} for row in removed],
        "previous": previous,
        "empty": not (added or changed or removed),
    }


def diff_counts(diff: dict) -> tuple[int, int, int]:
    diff = diff or {}
    return len(diff.get("added", [])), len(diff.get("changed", [])), len(diff.get("removed", []))
