"""/api/publicity/: the disclosures in the caller's scope, registering another decision, and one POST
per action (publish, withhold, withdraw). Thin: scoped reads, writes through publicity.services. The
public open-data feed is at /gs/feed.json (no login)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core import access

from .. import selectors, services
from ..models import Disclosure

router = Router(tags=["publicity"])
VIEW = "publicity.view_disclosure"


class DisclosureOut(Schema):
    id: int
    agency_id: int
    kind: str
    status: str
    version: int
    supersedes_id: int | None
    number: str
    subject_kind: str
    subject_name: str
    credit_code: str
    items: str
    conclusion: str
    summary: str
    decided_on: date
    due_on: date
    published_at: datetime | None
    record_hash: str
    withdraw_due: date | None
    withdraw_reason: str
    withheld_reason: str


class RegisterIn(Schema):
    kind: str
    number: str = ""
    subject_kind: str
    subject_name: str
    credit_code: str = ""
    items: str = ""
    conclusion: str
    summary: str = Field("", title="主要事实")
    decided_on: date


class WithholdIn(Schema):
    reason: str
    note: str = Field("", title="依据和说明")


class WithdrawIn(Schema):
    reason: str = Field("", title="撤回理由")


def _user(request):
    if not request.auth.has_perm(VIEW):
        raise PermissionDenied("您无权查看执法公示")
    return request.auth


def _disclosure(request, disclosure_id: int) -> Disclosure:
    return access.get_visible_or_404(_user(request), Disclosure.objects.all(), VIEW, pk=disclosure_id)


@router.get("/disclosures", response=list[DisclosureOut], summary="公示列表（本人权限范围内）")
@paginate
def disclosure_list(request, status: str = "", q: str = ""):
    return selectors.disclosures_visible_to(_user(request), status=status, q=q)


@router.get("/disclosures/{int:disclosure_id}", response=DisclosureOut, summary="公示详情（含草稿预览）")
def disclosure_detail(request, disclosure_id: int):
    return _disclosure(request, disclosure_id)


@router.post("/disclosures", response={201: DisclosureOut}, summary="登记行政许可、行政强制等执法决定的公示")
def disclosure_register(request, data: RegisterIn):
    user = _user(request)
    made = services.disclosure_register(
        actor=user, agency=user.agency, data=services.RegisterInput(**data.dict())
    )
    return Status(201, made)


@router.post("/disclosures/{int:disclosure_id}/publish", response=DisclosureOut, summary="审核通过并公示")
def disclosure_publish(request, disclosure_id: int):
    return services.disclosure_publish(actor=request.auth, disclosure=_disclosure(request, disclosure_id))


class BulkPublishIn(Schema):
    ids: list[int] = Field(..., min_length=1, max_length=services.BULK_MAX, description="要公示的草稿编号")


class RefusedOut(Schema):
    label: str
    reason: str


class BulkPublishOut(Schema):
    published: list[int]
    refused: list[RefusedOut]
    not_found: list[int]


@router.post("/disclosures/bulk-publish", response=BulkPublishOut, summary="批量审核通过并公示")
def disclosures_bulk_publish(request, data: BulkPublishIn):
    """Each draft through the single publish; a refused one is named with its reason and left unchanged,
    an id outside the caller's scope is reported as not found."""
    user = _user(request)
    if not user.has_perm(services.APPROVE):
        raise PermissionDenied
    drafts = selectors.disclosures_visible_to(user).filter(pk__in=data.ids).order_by("pk")
    outcome = services.disclosures_publish(actor=user, disclosures=drafts)
    found = {d.pk for d in drafts}
    return {
        "published": [d.pk for d in outcome.published],
        "refused": [{"label": label, "reason": reason} for label, reason in outcome.refused],
        "not_found": sorted(set(data.ids) - found),
    }


@router.post("/disclosures/{int:disclosure_id}/withhold", response=DisclosureOut, summary="不予公开")
def disclosure_withhold(request, disclosure_id: int, data: WithholdIn):
    d = _disclosure(request, disclosure_id)
    return services.disclosure_withhold(actor=request.auth, disclosure=d, reason=data.reason, note=data.note)


@router.post("/disclosures/{int:disclosure_id}/withdraw", response=DisclosureOut, summary="撤回公示")
def disclosure_withdraw(request, disclosure_id: int, data: WithdrawIn):
    d = _disclosure(request, disclosure_id)
    return services.disclosure_withdraw(actor=request.auth, disclosure=d, reason=data.reason)
