"""/api/detection/: the models with their precision, the hits the caller may see, one hit, one POST per
handling action, the runs, and 运行 (enqueued as a background task). Thin: schemas only parse; reads
through selectors, writes through services. Another region's hit is a 404, an action the user may not
take a 403, a refusal a 422 keyed by field with the reason in Chinese."""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core import access
from zhifa.core.params import Id

from . import framework, selectors, services, tasks
from .transitions import HANDLE, MACHINE, RUN, VIEW

router = Router(tags=["问题线索"])


class ModelOut(Schema):
    code: str
    name: str
    version: str
    summary: str
    open: int
    confirmed: int
    dismissed: int
    precision: Decimal | None = Field(None, description="准确率（%）= 确认 ÷ 已处理")


class HitOut(Schema):
    id: int
    model: str
    version: str
    agency_id: int
    agency_name: str
    case_id: int | None
    subject: str
    reason: str
    measure: Decimal
    status: str
    status_label: str
    found_at: datetime
    handled_at: datetime | None
    handling_reason: str
    follow_up: str
    supervision_item_id: int | None
    oversight_id: int | None

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class EvidenceOut(Schema):
    label: str
    url: str


class HitDetailOut(HitOut):
    links: list[EvidenceOut] = Field(..., description="证据链接（调用者可查看的）")
    actions: list[str]


class RunOut(Schema):
    id: int
    model: str
    version: str
    params: dict
    trigger: str
    region_code: str | None = Field(None, description="运行范围（区划代码）；空为全部区划")
    region_name: str | None = None
    started_at: datetime
    finished_at: datetime | None
    found: int = Field(..., description="调用者辖区内发现的线索数")
    added: int = Field(..., description="调用者辖区内新增的线索数")

    @staticmethod
    def resolve_region_code(obj) -> str | None:
        return obj.region.code if obj.region_id else None

    @staticmethod
    def resolve_region_name(obj) -> str | None:
        return obj.region.name if obj.region_id else None

    @staticmethod
    def resolve_found(obj) -> int:
        return obj.seen_found

    @staticmethod
    def resolve_added(obj) -> int:
        return obj.seen_added


class ParamOut(Schema):
    name: str
    label: str
    unit: str
    value: Any = Field(..., description="本区划适用的值")
    source: str = Field(..., description="来源：本区划设定、上级区划的设定、全局配置或默认值")
    own: Any = Field(None, description="本区划的设定值；空为未设定")
    minimum: Decimal
    maximum: Decimal | None
    decimal: bool


class ModelParamsOut(Schema):
    code: str
    name: str
    version: str
    region_code: str | None
    params: list[ParamOut]


class ParamChangeOut(Schema):
    at: datetime
    actor: str
    model: str
    param: str
    unit: str
    old: Any
    new: Any


class ParamsIn(Schema):
    model: str = Field("", title="模型")
    values: dict[str, str | int | float | None] = Field(
        default_factory=dict, title="参数值", description="参数名 → 值；空值为不单独设定（沿用上级）"
    )


class ReasonIn(Schema):
    reason: str = Field("", title="理由")


class SuperviseIn(Schema):
    reason: str = Field("", title="立项理由")


class OverseeIn(Schema):
    ground: str = Field("", title="督办情形")
    description: str = Field("", title="督办要求")


class RunIn(Schema):
    model: str = Field("", title="模型")


def _viewer(request) -> None:
    if not request.auth.has_perm(VIEW):
        raise Http404("未找到该页面")


def _detail(request, hit_id: int):
    hit = selectors.get_hit(request.auth, hit_id)
    perms = {HANDLE} if access.can(request.auth, HANDLE, hit) else set()
    hit.links = [{"label": label, "url": url} for label, url in selectors.visible_evidence(request.auth, hit)]
    hit.actions = MACHINE.offered(hit, perms)
    return hit


@router.get("/models", response=list[ModelOut], summary="问题发现模型及其准确率")
def model_list(request):
    _viewer(request)
    return [
        {
            "code": s.model.code,
            "name": s.model.name,
            "version": s.model.version,
            "summary": s.model.summary,
            "open": s.open,
            "confirmed": s.confirmed,
            "dismissed": s.dismissed,
            "precision": s.precision,
        }
        for s in selectors.model_stats(request.auth)
    ]


@router.get("/hits", response=list[HitOut], summary="问题线索")
@paginate
def hit_list(
    request,
    q: str = "",
    model: str = "",
    status: Literal["", "open", "confirmed", "dismissed"] = "",
    agency_id: Id | None = None,
    sort: Literal["-found", "found", "-measure", "agency"] = "-found",
):
    filters = selectors.HitFilters(
        q=q, model=model if framework.get(model) else "", status=status, agency=agency_id, sort=sort
    )
    return selectors.hits_visible_to(request.auth, filters)


@router.get("/hits/{int:hit_id}", response=HitDetailOut, summary="问题线索详情")
def hit_detail(request, hit_id: int):
    return _detail(request, hit_id)


@router.post("/hits/{int:hit_id}/confirm", response=HitDetailOut, summary="确认问题线索")
def hit_confirm(request, hit_id: int, data: ReasonIn):
    services.hit_confirm(actor=request.auth, hit=selectors.get_hit(request.auth, hit_id), reason=data.reason)
    return _detail(request, hit_id)


@router.post("/hits/{int:hit_id}/dismiss", response=HitDetailOut, summary="排除问题线索")
def hit_dismiss(request, hit_id: int, data: ReasonIn):
    services.hit_dismiss(actor=request.auth, hit=selectors.get_hit(request.auth, hit_id), reason=data.reason)
    return _detail(request, hit_id)


@router.post("/hits/{int:hit_id}/supervise", response={201: dict[str, int]}, summary="问题线索转为监督事项")
def hit_supervise(request, hit_id: int, data: SuperviseIn):
    item = services.hit_supervise(
        actor=request.auth, hit=selectors.get_hit(request.auth, hit_id), reason=data.reason
    )
    return Status(201, {"item_id": item.pk})


@router.post("/hits/{int:hit_id}/oversee", response={201: dict[str, int]}, summary="问题线索转为督办")
def hit_oversee(request, hit_id: int, data: OverseeIn):
    oversight = services.hit_oversee(
        actor=request.auth,
        hit=selectors.get_hit(request.auth, hit_id),
        ground=data.ground,
        description=data.description,
    )
    return Status(201, {"oversight_id": oversight.pk})


@router.get("/runs", response=list[RunOut], summary="运行记录（调用者辖区的计数）")
@paginate
def run_list(request, model: str = ""):
    _viewer(request)
    return RunsWithCounts(
        request.auth, selectors.runs_visible_to(request.auth, model if framework.get(model) else "")
    )


class RunsWithCounts:
    """The visible runs, sliced by the paginator, each page given the caller's counts."""

    def __init__(self, user, queryset):
        self.user, self.queryset = user, queryset

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index):
        return selectors.with_counts(self.user, self.queryset[index])


def _model_params(request, model: framework.Model) -> dict:
    region = selectors.viewer_region(request.auth)
    return {
        "code": model.code,
        "name": model.name,
        "version": model.version,
        "region_code": region.code if region else None,
        "params": [
            {
                "name": row.param.name,
                "label": row.param.label,
                "unit": row.param.unit,
                "value": row.value,
                "source": row.source,
                "own": row.own,
                "minimum": row.param.minimum,
                "maximum": row.param.upper,
                "decimal": row.param.decimal,
            }
            for row in selectors.param_rows(region, model)
        ],
    }


@router.get("/parameters", response=list[ModelParamsOut], summary="模型参数（调用者区划适用的值及其来源）")
def param_list(request):
    _viewer(request)
    return [_model_params(request, model) for model in framework.registered()]


@router.get("/parameters/history", response=list[ParamChangeOut], summary="本区划模型参数变更记录")
def param_history(request, model: str = ""):
    _viewer(request)
    return selectors.param_history(
        selectors.viewer_region(request.auth), model if framework.get(model) else ""
    )


@router.post("/parameters", response=ModelParamsOut, summary="设定本区划的模型参数")
def params_set(request, data: ParamsIn):
    _viewer(request)
    services.params_set(actor=request.auth, model=data.model, values=data.values)
    model = framework.get(data.model)
    assert model is not None  # the service refused an unknown model
    return _model_params(request, model)


@router.post("/runs", response={202: dict[str, str]}, summary="运行问题发现模型（后台任务）")
def run(request, data: RunIn):
    if not request.auth.has_perm(RUN):
        raise PermissionDenied("您无权运行问题发现模型")
    if data.model and framework.get(data.model) is None:
        services.refuse_model()
    result = tasks.run_on_demand.enqueue(data.model, request.auth.pk)
    return Status(202, {"task": str(result.id)})
