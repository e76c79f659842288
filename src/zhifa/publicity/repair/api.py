"""/api/publicity/credit-repairs: 信用修复 requests in the caller's scope, registering one on a disclosure,
and one POST per decision. Thin: scoped reads, writes through publicity.repair.services."""

from datetime import date

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from . import selectors, services
from .transitions import VIEW

router = Router(tags=["publicity"])


class RepairOut(Schema):
    id: int
    agency_id: int
    disclosure_id: int
    status: str
    applicant: str
    applied_on: date
    severity: str
    performed_on: date
    minimum_months: int = Field(title="最短公示期（月）", description="自处罚决定之日起计算")
    minimum_basis: str = Field(title="最短公示期依据", description="按失信程度，或按该行政处罚的执法领域")
    earliest_on: date = Field(title="可申请修复日期", description="最短公示期届满之日")
    statement: str
    outcome: str
    end_on: date | None
    decision_reason: str
    decided_on: date | None


class RegisterIn(Schema):
    applicant: str = Field("", title="申请人")
    applied_on: date | None = Field(None, title="申请日期", description="不填为今天")
    severity: str = Field("", title="失信程度", description="general 一般失信行为 / serious 严重失信行为")
    performed_on: date | None = Field(None, title="处罚履行完毕日期")
    statement: str = Field("", title="申请事由及信用承诺")


class ApproveIn(Schema):
    outcome: str = Field("", title="修复方式", description="withdraw 撤下公示 / shorten 提前结束公示")
    end_on: date | None = Field(None, title="公示结束日期")
    reason: str = Field("", title="决定理由")


class RefuseIn(Schema):
    reason: str = Field("", title="不同意的理由")


def _user(request):
    if not request.auth.has_perm(VIEW):
        raise PermissionDenied("您无权查看信用修复申请")
    return request.auth


def _repair(request, repair_id: int):
    return selectors.get_repair(_user(request), repair_id)


@router.get("/credit-repairs", response=list[RepairOut], summary="信用修复申请列表（本人权限范围内）")
@paginate
def credit_repair_list(request, status: str = "", q: str = ""):
    return selectors.repairs_visible_to(_user(request), status=status, q=q)


@router.get("/credit-repairs/{int:repair_id}", response=RepairOut, summary="信用修复申请详情")
def credit_repair_detail(request, repair_id: int):
    return _repair(request, repair_id)


@router.post(
    "/disclosures/{int:disclosure_id}/credit-repairs",
    response={201: RepairOut},
    summary="登记信用修复申请（当事人线下申请）",
)
def credit_repair_register(request, disclosure_id: int, data: RegisterIn):
    disclosure = selectors.disclosure_to_repair(request.auth, disclosure_id)
    made = services.credit_repair_register(
        actor=request.auth, disclosure=disclosure, data=services.RepairInput(**data.dict())
    )
    return Status(201, made)


@router.post("/credit-repairs/{int:repair_id}/approve", response=RepairOut, summary="同意信用修复")
def credit_repair_approve(request, repair_id: int, data: ApproveIn):
    return services.credit_repair_approve(
        actor=request.auth, repair=_repair(request, repair_id), **data.dict()
    )


@router.post("/credit-repairs/{int:repair_id}/refuse", response=RepairOut, summary="不同意信用修复")
def credit_repair_refuse(request, repair_id: int, data: RefuseIn):
    return services.credit_repair_refuse(
        actor=request.auth, repair=_repair(request, repair_id), reason=data.reason
    )
