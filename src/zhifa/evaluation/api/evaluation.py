"""/api/evaluation/ 评议考核: schemes and their indicator trees, manual scores, the ranking, the drill-down
of every computed figure, published results and their consequences. Thin: schemas only parse; reads
through selectors, writes through services. Another bureau's scheme or another agency's result is a 404,
an action without the permission a 403, a refusal a 422 keyed by field with the reason in Chinese."""

from datetime import date, datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core.models import Agency
from zhifa.core.params import Id, Limit, Offset, Year
from zhifa.supervision.attachments import FileIn, uploads_of_api

from .. import indicators, scoring, selectors, services
from ..models import Node
from ..views import table_of

router = Router(tags=["评议考核"])


class IndicatorOut(Schema):
    key: str
    label: str
    rule: str
    computed: bool


class NodeOut(Schema):
    id: int
    parent_id: int | None
    name: str
    weight: Decimal
    indicator: str
    computed: bool
    max_score: Decimal
    depth: int


class SchemeOut(Schema):
    id: int
    bureau_id: int
    bureau_name: str
    region_name: str
    year: int
    version: int
    status: str
    status_label: str
    note: str
    published_at: datetime | None

    @staticmethod
    def resolve_bureau_name(obj) -> str:
        return obj.bureau.name

    @staticmethod
    def resolve_region_name(obj) -> str:
        return obj.region.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class SchemeDetailOut(SchemeOut):
    nodes: list[NodeOut]

    @staticmethod
    def resolve_nodes(obj) -> list[dict]:
        return [
            {
                "id": n.pk,
                "parent_id": n.parent_id,
                "name": n.name,
                "weight": n.weight,
                "indicator": n.indicator,
                "computed": n.computed is not None,
                "max_score": n.max_score,
                "depth": n.depth,
            }
            for n in scoring.tree(obj)
        ]


class CellOut(Schema):
    node_id: int
    score: Decimal
    counted: Decimal | None = None
    total: int | None = None
    manual: bool
    missing: bool = False
    drill: str | None = None


class LineOut(Schema):
    agency_id: int
    agency_name: str
    rank: int
    total: Decimal
    result_id: int | None
    cells: list[CellOut]


class RankingOut(Schema):
    scheme_id: int
    published: bool
    published_at: datetime | None
    lines: list[LineOut]


class DrillRowOut(Schema):
    text: str
    on: date | None
    url: str | None
    counted: bool


class DrillOut(Schema):
    indicator: str
    label: str
    rule: str
    counted: Decimal
    total: int
    score: Decimal
    rows: list[DrillRowOut]


class ResultOut(Schema):
    id: int
    scheme_id: int
    year: int
    region_name: str
    agency_id: int
    agency_name: str
    rank: int
    total: Decimal
    scores: dict

    @staticmethod
    def resolve_scheme_id(obj) -> int:
        return obj.ranking.scheme_id

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.ranking.scheme.year

    @staticmethod
    def resolve_region_name(obj) -> str:
        return obj.ranking.scheme.region.name

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name


class ConsequenceOut(Schema):
    id: int
    agency_id: int
    kind: str
    kind_label: str
    note: str
    supervision_item_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


class SchemeIn(Schema):
    year: Year


class ReviseIn(Schema):
    note: str = Field("", title="修订说明")


class NodeIn(Schema):
    parent_id: Id | None = None
    name: str = Field("", title="指标名称")
    weight: Decimal = Field(Decimal(0), title="权重（%）")
    indicator: str = Field("", title="计分方式")
    max_score: Decimal = Field(Decimal(100), title="满分")


class NodeUpdateIn(Schema):
    name: str = Field("", title="指标名称")
    weight: Decimal = Field(Decimal(0), title="权重（%）")
    indicator: str = Field("", title="计分方式")
    max_score: Decimal = Field(Decimal(100), title="满分")


class WeightIn(Schema):
    node_id: Id
    weight: Decimal = Field(title="权重（%）")


class WeightsIn(Schema):
    parent_id: Id | None = None
    weights: list[WeightIn]


class ScoreIn(Schema):
    node_id: Id
    agency_id: Id
    score: Decimal = Field(title="得分")
    source: str = Field("", title="评分依据")
    files: list[FileIn] = Field(default_factory=list, max_length=10)


class ConsequenceIn(Schema):
    kind: str = Field("", title="运用方式")
    note: str = Field("", title="情况说明")
    open_item: bool = False


def _detail(scheme):
    """The scheme with its tree (SchemeDetailOut resolves the nodes from it)."""
    return scheme


@router.get("/indicators", response=list[IndicatorOut], summary="计算指标清单")
def indicator_list(request):
    return [
        {"key": k, "label": i.label, "rule": i.rule, "computed": True}
        for k, i in sorted(indicators.REGISTRY.items())
    ]


@router.get("/schemes", response=list[SchemeOut], summary="考核方案列表")
@paginate
def scheme_list(request, q: str = "", year: Year | None = None):
    return selectors.schemes_visible_to(request.auth, q=q, year=year)


@router.post("/schemes", response={201: SchemeDetailOut}, summary="制定考核方案（默认指标体系）")
def scheme_create(request, data: SchemeIn):
    scheme = services.scheme_create(actor=request.auth, year=data.year)
    return Status(201, _detail(scheme))


@router.get("/schemes/{int:scheme_id}", response=SchemeDetailOut, summary="考核方案详情")
def scheme_detail(request, scheme_id: int):
    return _detail(selectors.scheme_for(request.auth, scheme_id))


@router.post("/schemes/{int:scheme_id}/publish", response=SchemeDetailOut, summary="发布考核方案")
def scheme_publish(request, scheme_id: int):
    scheme = services.scheme_publish(actor=request.auth, scheme=selectors.scheme_for(request.auth, scheme_id))
    return _detail(scheme)


@router.post("/schemes/{int:scheme_id}/revise", response={201: SchemeDetailOut}, summary="生成考核方案新版本")
def scheme_revise(request, scheme_id: int, data: ReviseIn):
    draft = services.scheme_revise(
        actor=request.auth, scheme=selectors.scheme_for(request.auth, scheme_id), note=data.note
    )
    return Status(201, _detail(draft))


def _parent(scheme, parent_id):
    return get_object_or_404(Node, pk=parent_id, scheme=scheme) if parent_id else None


@router.post("/schemes/{int:scheme_id}/nodes", response={201: SchemeDetailOut}, summary="增加考核指标")
def node_add(request, scheme_id: int, data: NodeIn):
    scheme = selectors.scheme_for(request.auth, scheme_id)
    services.node_add(
        actor=request.auth,
        scheme=scheme,
        parent=_parent(scheme, data.parent_id),
        data=services.NodeInput(
            name=data.name, weight=data.weight, indicator=data.indicator, max_score=data.max_score
        ),
    )
    return Status(201, _detail(scheme))


def _node(request, node_id: int) -> Node:
    node = get_object_or_404(Node.objects.select_related("scheme"), pk=node_id)
    selectors.scheme_for(request.auth, node.scheme_id)
    return node


@router.post("/nodes/{int:node_id}", response=SchemeDetailOut, summary="修改考核指标")
def node_update(request, node_id: int, data: NodeUpdateIn):
    node = _node(request, node_id)
    services.node_update(
        actor=request.auth,
        node=node,
        data=services.NodeInput(
            name=data.name, weight=data.weight, indicator=data.indicator, max_score=data.max_score
        ),
    )
    return _detail(node.scheme)


@router.post("/nodes/{int:node_id}/remove", response=SchemeDetailOut, summary="删除考核指标")
def node_remove(request, node_id: int):
    node = _node(request, node_id)
    services.node_remove(actor=request.auth, node=node)
    return _detail(node.scheme)


@router.post(
    "/schemes/{int:scheme_id}/weights", response=SchemeDetailOut, summary="调整同级指标权重（合计100）"
)
def weights_set(request, scheme_id: int, data: WeightsIn):
    scheme = selectors.scheme_for(request.auth, scheme_id)
    services.weights_set(
        actor=request.auth,
        scheme=scheme,
        parent=_parent(scheme, data.parent_id),
        weights={w.node_id: w.weight for w in data.weights},
    )
    return _detail(scheme)


@router.post("/schemes/{int:scheme_id}/scores", response={201: dict[str, str]}, summary="录入人工评分")
def score_enter(request, scheme_id: int, data: ScoreIn):
    scheme = selectors.scheme_for(request.auth, scheme_id)
    node = get_object_or_404(Node, pk=data.node_id, scheme=scheme)
    agency = get_object_or_404(scoring.evaluated_agencies(scheme), pk=data.agency_id)
    entry = services.score_enter(
        actor=request.auth,
        node=node,
        agency=agency,
        score=data.score,
        source=data.source,
        files=uploads_of_api(data.files),
    )
    return Status(201, {"score": str(entry.score)})


def _lines(scheme, request) -> dict:
    table = table_of(scheme)
    lines = []
    for line in table["lines"]:
        cells = []
        for node in table["nodes"]:
            data = line["scores"].get(str(node.pk), {})
            drill = (
                f"/api/evaluation/schemes/{scheme.pk}/drill/{node.pk}/{line['agency'].pk}"
                if node.is_leaf and node.computed is not None
                else None
            )
            cells.append({"node_id": node.pk, **data, "drill": drill})
        lines.append(
            {
                "agency_id": line["agency"].pk,
                "agency_name": line["agency"].name,
                "rank": line["rank"],
                "total": line["total"],
                "result_id": line["result"].pk if line["result"] else None,
                "cells": cells,
            }
        )
    ranking = table["ranking"]
    return {
        "scheme_id": scheme.pk,
        "published": ranking is not None,
        "published_at": ranking.published_at if ranking else None,
        "lines": lines,
    }


@router.get(
    "/schemes/{int:scheme_id}/ranking", response=RankingOut, summary="考核排名（未发布时按当前数据计算）"
)
def ranking(request, scheme_id: int):
    return _lines(selectors.scheme_for(request.auth, scheme_id), request)


@router.post("/schemes/{int:scheme_id}/ranking/publish", response={201: RankingOut}, summary="发布考核结果")
def ranking_publish(request, scheme_id: int):
    scheme = selectors.scheme_for(request.auth, scheme_id)
    services.ranking_publish(actor=request.auth, scheme=scheme)
    return Status(201, _lines(scheme, request))


@router.get(
    "/schemes/{int:scheme_id}/drill/{int:node_id}/{int:agency_id}",
    response=DrillOut,
    summary="指标下钻：统计的记录",
)
def drill(request, scheme_id: int, node_id: int, agency_id: int, offset: Offset = 0, limit: Limit = 50):
    scheme, leaf, agency = selectors.drill_for(request.auth, scheme_id, node_id, agency_id)
    indicator = indicators.get(leaf.indicator)
    assert indicator is not None
    rows = indicators.records(indicator, agency, scheme.year).order_by("-pk")[offset : offset + limit]
    measure = indicators.measure(indicator, Agency.objects.filter(pk=agency.pk), scheme.year).get(agency.pk)
    return {
        "indicator": indicator.key,
        "label": indicator.label,
        "rule": indicator.rule,
        "counted": measure.counted if measure else Decimal(0),
        "total": measure.total if measure else 0,
        "score": indicators.score(indicator, measure, leaf.max_score),
        "rows": selectors.drill_rows(request.auth, indicator, agency, scheme.year, rows),
    }


@router.get("/results", response=list[ResultOut], summary="已发布的考核结果")
@paginate
def result_list(request, year: Year | None = None):
    return selectors.results_visible_to(request.auth, year=year)


@router.get("/results/{int:result_id}", response=ResultOut, summary="机关考核结果")
def result_detail(request, result_id: int):
    return selectors.result_for(request.auth, result_id)


@router.get("/results/{int:result_id}/consequences", response=list[ConsequenceOut], summary="考核结果运用")
def consequence_list(request, result_id: int):
    result = selectors.result_for(request.auth, result_id)
    return list(selectors.consequences_visible_to(request.auth).filter(result=result))


@router.post(
    "/results/{int:result_id}/consequences",
    response={201: ConsequenceOut},
    summary="记录考核结果运用（表彰/通报/限期整改）",
)
def consequence_record(request, result_id: int, data: ConsequenceIn):
    result = selectors.result_for(request.auth, result_id)
    consequence = services.consequence_record(
        actor=request.auth,
        result=result,
        data=services.ConsequenceInput(kind=data.kind, note=data.note, open_item=data.open_item),
    )
    return Status(201, consequence)
