"""/api/guidance/: 典型案例 in the caller's scope, proposing one from a closed case, and one POST per
step of the table. Thin: scoped reads, writes through guidance.services."""

from datetime import date

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from . import selectors, services
from .transitions import VIEW

router = Router(tags=["guidance"])


class ExemplarOut(Schema):
    id: int
    agency_id: int
    case_id: int
    item_code: str
    status: str
    title: str
    facts: str
    outcome: str
    significance: str
    return_reason: str
    proposed_on: date
    published_on: date | None
    public_title: str
    public_facts: str
    public_outcome: str
    public_significance: str


class WriteUpIn(Schema):
    title: str = Field("", title="标题")
    facts: str = Field("", title="案情")
    outcome: str = Field("", title="处理结果")
    significance: str = Field("", title="典型意义")


class ReturnIn(Schema):
    reason: str = Field("", title="退回理由")


def _user(request):
    if not request.auth.has_perm(VIEW):
        raise PermissionDenied("您无权查看典型案例")
    return request.auth


def _exemplar(request, exemplar_id: int):
    return selectors.get_exemplar(_user(request), exemplar_id)


@router.get("/exemplars", response=list[ExemplarOut], summary="典型案例列表（本人权限范围内）")
@paginate
def exemplar_list(request, status: str = "", q: str = ""):
    return selectors.exemplars_visible_to(_user(request), status=status, q=q)


@router.get("/exemplars/{int:exemplar_id}", response=ExemplarOut, summary="典型案例详情")
def exemplar_detail(request, exemplar_id: int):
    return _exemplar(request, exemplar_id)


@router.post("/cases/{int:case_id}/exemplars", response={201: ExemplarOut}, summary="推荐典型案例")
def exemplar_propose(request, case_id: int, data: WriteUpIn):
    case = selectors.case_to_propose(request.auth, case_id)
    made = services.exemplar_propose(actor=request.auth, case=case, data=services.WriteUp(**data.dict()))
    return Status(201, made)


@router.post("/exemplars/{int:exemplar_id}/resubmit", response=ExemplarOut, summary="修改后重新推荐")
def exemplar_resubmit(request, exemplar_id: int, data: WriteUpIn):
    exemplar = _exemplar(request, exemplar_id)
    return services.exemplar_resubmit(
        actor=request.auth, exemplar=exemplar, data=services.WriteUp(**data.dict())
    )


@router.post("/exemplars/{int:exemplar_id}/adopt", response=ExemplarOut, summary="采纳")
def exemplar_adopt(request, exemplar_id: int):
    return services.exemplar_adopt(actor=request.auth, exemplar=_exemplar(request, exemplar_id))


@router.post("/exemplars/{int:exemplar_id}/return", response=ExemplarOut, summary="退回")
def exemplar_return(request, exemplar_id: int, data: ReturnIn):
    return services.exemplar_return(
        actor=request.auth, exemplar=_exemplar(request, exemplar_id), reason=data.reason
    )


@router.post("/exemplars/{int:exemplar_id}/publish", response=ExemplarOut, summary="发布为指导案例")
def exemplar_publish(request, exemplar_id: int):
    return services.exemplar_publish(actor=request.auth, exemplar=_exemplar(request, exemplar_id))
