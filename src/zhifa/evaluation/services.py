"""评议考核: every write, one function per user action (keyword-only, the actor first). A refusal is a
field-keyed Chinese ValidationError raised before anything is written; each change is on the record log
(the justice bureau's chain for the scheme, the agency's for its consequences)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.supervision import attachments

from . import indicators, scoring
from .choices import ConsequenceKind, SchemeStatus
from .defaults import DEFAULT_TREE
from .models import Consequence, ManualScore, Node, Ranking, Result, Scheme, ScoreFile

MANAGE = "evaluation.change_scheme"
SCORE = "evaluation.add_manualscore"
PUBLISH = "evaluation.add_ranking"
DECIDE = "evaluation.add_consequence"
VIEW = "evaluation.view_scheme"
VIEW_RESULT = "evaluation.view_result"
VIEW_CONSEQUENCE = "evaluation.view_consequence"

HUNDRED = Decimal(100)


def _bureau(actor: Actor, bureau: Agency | None) -> Agency:
    bureau = bureau or (actor.agency if actor is not None else None)
    if bureau is None or bureau.kind != AgencyKind.JUSTICE:
        kit.refuse("bureau", "评议考核由司法行政机关组织，请以司法局的执法监督人员身份制定方案")
    access.require_for_agency(actor, MANAGE, bureau, "您无权制定该机关的考核方案")
    return bureau


def _year(year: int) -> int:
    if not 2000 <= int(year) <= 2100:
        kit.refuse("year", "考核年度应在2000至2100之间")
    return int(year)


def _draft(actor: Actor, scheme: Scheme) -> Scheme:
    scheme = kit.locked(Scheme.objects.select_related("bureau", "region"), scheme, actor=actor, perm=MANAGE)
    if scheme.is_published:
        kit.refuse("scheme", "已发布的考核方案不能修改，请生成新版本后修改")
    return scheme


def _make_tree(scheme: Scheme, tree, parent: Node | None = None) -> None:
    for order, (name, weight, key, children) in enumerate(tree, start=1):
        node = Node.objects.create(
            scheme=scheme, parent=parent, name=name, weight=weight, indicator=key, order=order
        )
        _make_tree(scheme, children, node)


@transaction.atomic
def scheme_create(*, actor: Actor, year: int, bureau: Agency | None = None) -> Scheme:
    """制定考核方案: version 1 for the bureau's region and year, seeded with the default tree."""
    bureau = _bureau(actor, bureau)
    year = _year(year)
    if Scheme.objects.filter(region=bureau.region, year=year).exists():
        kit.refuse("year", f"{bureau.region.name}{year}年度已有考核方案，请在其中修改或生成新版本")
    scheme = Scheme.objects.create(bureau=bureau, region=bureau.region, year=year, created_by=actor)
    _make_tree(scheme, DEFAULT_TREE)
    kit.record(
        scheme, "evaluation.scheme.create", actor=actor, agency=bureau, payload={"year": year, "version": 1}
    )
    return scheme


@transaction.atomic
def scheme_revise(*, actor: Actor, scheme: Scheme, note: str = "") -> Scheme:
    """生成新版本: a draft copy of the latest version (a published version stays as it was)."""
    scheme = kit.locked(Scheme.objects.select_related("bureau", "region"), scheme, actor=actor, perm=MANAGE)
    versions = Scheme.objects.filter(region=scheme.region, year=scheme.year)
    if versions.filter(status=SchemeStatus.DRAFT).exists():
        kit.refuse("scheme", "该年度已有未发布的草稿版本，请在草稿中修改")
    if Ranking.objects.filter(scheme__region=scheme.region, scheme__year=scheme.year).exists():
        kit.refuse("scheme", "该年度考核结果已发布，不能再修改考核方案")
    latest = versions.order_by("-version").first()
    assert latest is not None
    note = note.strip()
    if len(note) > 200:
        kit.refuse("note", "修订说明最多200个字")
    draft = Scheme.objects.create(
        bureau=scheme.bureau,
        region=scheme.region,
        year=scheme.year,
        version=latest.version + 1,
        note=note,
        created_by=actor,
    )
    _copy(latest, draft)
    kit.record(
        draft,
        "evaluation.scheme.revise",
        actor=actor,
        agency=draft.bureau,
        payload={"from": latest.version, "version": draft.version},
    )
    return draft


def _copy(source: Scheme, target: Scheme) -> None:
    mapping: dict[int, Node] = {}
    for node in scoring.tree(source):
        mapping[node.pk] = Node.objects.create(
            scheme=target,
            parent=mapping[node.parent_id] if node.parent_id else None,
            name=node.name,
            weight=node.weight,
            indicator=node.indicator,
            max_score=node.max_score,
            order=node.order,
        )


@dataclass(frozen=True)
class NodeInput:
    name: str
    weight: Decimal | str | int
    indicator: str = ""
    max_score: Decimal | str | int = HUNDRED


def _decimal(value, field: str, label: str, low: Decimal, high: Decimal) -> Decimal:
    try:
        number = Decimal(str(value).strip())
        if not number.is_finite():
            raise InvalidOperation
        number = number.quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        kit.refuse(field, f"{label}应为数字")
    if not low <= number <= high:
        kit.refuse(field, f"{label}应在{low.normalize():f}至{high.normalize():f}之间")
    return number


def _node_fields(data: NodeInput) -> dict:
    name = (data.name or "").strip()
    if not name:
        kit.refuse("name", "请填写指标名称")
    if len(name) > 64:
        kit.refuse("name", "指标名称最多64个字")
    key = (data.indicator or "").strip()
    if key and key not in indicators.REGISTRY:
        kit.refuse("indicator", f"没有名为“{key}”的计算指标")
    return {
        "name": name,
        "weight": _decimal(data.weight, "weight", "权重", Decimal(0), HUNDRED),
        "indicator": key,
        "max_score": _decimal(data.max_score, "max_score", "满分", Decimal("0.01"), Decimal(1000)),
    }


@transaction.atomic
def node_add(*, actor: Actor, scheme: Scheme, parent: Node | None, data: NodeInput) -> Node:
    """增加指标 under `parent` (None: a top-level group). The sibling weights are checked at 发布."""
    scheme = _draft(actor, scheme)
    if parent is not None and parent.scheme_id != scheme.pk:
        kit.refuse("parent", "上级指标不属于该方案")
    fields = _node_fields(data)
    if parent is not None and parent.indicator:
        kit.refuse("parent", f"“{parent.name}”是计算指标，不能再设下级指标")
    order = Node.objects.filter(scheme=scheme, parent=parent).count() + 1
    node = Node.objects.create(scheme=scheme, parent=parent, order=order, **fields)
    if parent is not None and parent.max_score != HUNDRED:
        parent.max_score = HUNDRED  # a group scores out of 100
        parent.save(update_fields=["max_score"])
    kit.record(
        scheme,
        "evaluation.node.add",
        actor=actor,
        agency=scheme.bureau,
        payload={"node": node.pk, **_jsonable(fields)},
    )
    return node


@transaction.atomic
def node_update(*, actor: Actor, node: Node, data: NodeInput) -> Node:
    """修改指标 of a draft."""
    scheme = _draft(actor, node.scheme)
    node = Node.objects.select_for_update().get(pk=node.pk, scheme=scheme)
    fields = _node_fields(data)
    if fields["indicator"] and node.children.exists():
        kit.refuse("indicator", f"“{node.name}”有下级指标，不能设为计算指标")
    for name, value in fields.items():
        setattr(node, name, value)
    node.save(update_fields=list(fields))
    kit.record(
        scheme,
        "evaluation.node.update",
        actor=actor,
        agency=scheme.bureau,
        payload={"node": node.pk, **_jsonable(fields)},
    )
    return node


@transaction.atomic
def node_remove(*, actor: Actor, node: Node) -> None:
    """删除指标 (with its sub-indicators) from a draft."""
    scheme = _draft(actor, node.scheme)
    node = Node.objects.get(pk=node.pk, scheme=scheme)
    kit.record(
        scheme,
        "evaluation.node.remove",
        actor=actor,
        agency=scheme.bureau,
        payload={"node": node.pk, "name": node.name},
    )
    ManualScore.objects.filter(node__in=_subtree(node)).delete()
    node.delete()


def _subtree(node: Node) -> list[Node]:
    out, todo = [], [node]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(current.children.all())
    return out


@transaction.atomic
def weights_set(
    *, actor: Actor, scheme: Scheme, parent: Node | None, weights: Mapping[int, Decimal | str | int]
) -> None:
    """调整权重 of the sub-indicators of `parent` (None: the top level) at once; refused, naming the
    parent, unless they sum to 100."""
    scheme = _draft(actor, scheme)
    siblings = list(Node.objects.filter(scheme=scheme, parent=parent))
    if set(weights) != {n.pk for n in siblings}:
        kit.refuse("weights", "请为每个下级指标填写权重")
    parsed = {pk: _decimal(value, "weights", "权重", Decimal(0), HUNDRED) for pk, value in weights.items()}
    _require_hundred(parent, sum(parsed.values(), Decimal(0)))
    for node in siblings:
        node.weight = parsed[node.pk]
        node.save(update_fields=["weight"])
    kit.record(
        scheme,
        "evaluation.weights.set",
        actor=actor,
        agency=scheme.bureau,
        payload={
            "parent": parent.pk if parent else None,
            "weights": {str(k): str(v) for k, v in parsed.items()},
        },
    )


def _require_hundred(parent: Node | None, total: Decimal) -> None:
    if total != HUNDRED:
        where = f"“{parent.name}”的下级指标" if parent is not None else "一级指标"
        kit.refuse("weights", f"{where}权重合计为{total.normalize():f}，应为100")


@transaction.atomic
def scheme_publish(*, actor: Actor, scheme: Scheme) -> Scheme:
    """发布方案: frozen from then on; refused unless the weights of every set of siblings sum to 100."""
    scheme = _draft(actor, scheme)
    nodes = scoring.tree(scheme)
    if not nodes:
        kit.refuse("scheme", "考核方案没有指标")
    groups: dict[int | None, Decimal] = {}
    for node in nodes:
        groups[node.parent_id] = groups.get(node.parent_id, Decimal(0)) + node.weight
    by_pk = {n.pk: n for n in nodes}
    for parent_id, total in groups.items():
        _require_hundred(by_pk.get(parent_id) if parent_id else None, total)
    for other in Scheme.objects.filter(region=scheme.region, year=scheme.year, status=SchemeStatus.PUBLISHED):
        if hasattr(other, "ranking"):
            kit.refuse("scheme", "该年度考核结果已按上一版本发布，不能再发布新版本")
    scheme.published_at = timezone.now()
    kit.move(
        scheme,
        SchemeStatus.PUBLISHED,
        actor=actor,
        action="evaluation.scheme.publish",
        fields=("published_at",),
    )
    return scheme


def in_force(region, year: int) -> Scheme | None:
    """The scheme a region's year is evaluated by: its latest published version."""
    return (
        Scheme.objects.filter(region=region, year=year, status=SchemeStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )


# ---- 人工评分 -----------------------------------------------------------------------------------------


@transaction.atomic
def score_enter(
    *,
    actor: Actor,
    node: Node,
    agency: Agency,
    score: Decimal | str | int,
    source: str,
    files: Sequence[attachments.Upload] = (),
) -> ManualScore:
    """录入人工评分 of a manual leaf for one agency, with its source (text and optional files); refused
    outside [0, the leaf's max]. Entering again replaces the score (the earlier one stays on the log)."""
    scheme = kit.locked(
        Scheme.objects.select_related("bureau", "region"), node.scheme, actor=actor, perm=SCORE
    )
    node = Node.objects.get(pk=node.pk, scheme=scheme)
    if hasattr(scheme, "ranking"):
        kit.refuse("score", "考核结果已发布，不能再录入评分")
    if node.children.exists() or indicators.get(node.indicator) is not None:
        kit.refuse("node", f"“{node.name}”由系统计算，不需人工评分")
    if not scoring.evaluated_agencies(scheme).filter(pk=agency.pk).exists():
        kit.refuse("agency", f"{agency.name}不在{scheme.region.name}的考核范围内")
    value = _decimal(score, "score", f"“{node.name}”的得分", Decimal(0), node.max_score)
    source = (source or "").strip()
    if not source:
        kit.refuse("source", "请填写评分依据")
    if len(source) > 2000:
        kit.refuse("source", "评分依据最多2000个字")
    checked = attachments.check_files(list(files))
    entry, _ = ManualScore.objects.update_or_create(
        node=node,
        agency=agency,
        defaults={"scheme": scheme, "score": value, "source": source, "entered_by": actor},
    )
    stored = attachments.store_files(checked, ScoreFile, score=entry)
    kit.record(
        scheme,
        "evaluation.score.enter",
        actor=actor,
        agency=scheme.bureau,
        payload={
            "node": node.pk,
            "agency": agency.pk,
            "score": str(value),
            "source": source,
            "files": stored,
        },
    )
    return entry


# ---- 发布结果、结果运用 ------------------------------------------------------------------------------------


@transaction.atomic
def ranking_publish(*, actor: Actor, scheme: Scheme) -> Ranking:
    """发布考核结果: the evaluation as it stands, frozen as a snapshot with one line per agency, which
    each agency then sees. Refused while a manual score is missing."""
    scheme = kit.locked(Scheme.objects.select_related("bureau", "region"), scheme, actor=actor, perm=PUBLISH)
    if not scheme.is_published:
        kit.refuse("scheme", "考核方案尚未发布，不能发布考核结果")
    if Ranking.objects.filter(scheme__region=scheme.region, scheme__year=scheme.year).exists():
        kit.refuse("scheme", f"{scheme.region.name}{scheme.year}年度考核结果已发布")
    if in_force(scheme.region, scheme.year) != scheme:
        kit.refuse("scheme", "请按最新发布的方案版本发布考核结果")
    evaluation = scoring.evaluate(scheme)
    if missing := evaluation.missing():
        node, agency = missing[0]
        kit.refuse("scores", f"{agency.name}的“{node.name}”尚未评分（共{len(missing)}项未评分）")
    ranking = Ranking.objects.create(scheme=scheme, published_by=actor, snapshot=snapshot(evaluation))
    Result.objects.bulk_create(
        Result(
            ranking=ranking,
            agency=line.agency,
            rank=line.rank,
            total=line.total,
            scores={str(pk): _cell_json(cell) for pk, cell in line.cells.items()},
        )
        for line in evaluation.lines
    )
    kit.record(
        ranking,
        "evaluation.ranking.publish",
        actor=actor,
        agency=scheme.bureau,
        payload={
            "scheme": scheme.pk,
            "lines": [[line.agency.pk, line.rank, str(line.total)] for line in evaluation.lines],
        },
    )
    return ranking


def _cell_json(cell: scoring.Cell) -> dict:
    return {
        "score": str(cell.score),
        "counted": None if cell.counted is None else str(cell.counted),
        "total": cell.total,
        "manual": cell.manual,
    }


def snapshot(evaluation: scoring.Evaluation) -> dict:
    """The frozen result: the tree (names, weights, keys) and each agency's line."""
    return {
        "nodes": [
            {
                "id": n.pk,
                "parent": n.parent_id,
                "name": n.name,
                "weight": str(n.weight),
                "indicator": n.indicator,
                "max": str(n.max_score),
            }
            for n in evaluation.nodes
        ],
        "lines": [
            {"agency": line.agency.pk, "name": line.agency.name, "rank": line.rank, "total": str(line.total)}
            for line in evaluation.lines
        ],
    }


@dataclass(frozen=True)
class ConsequenceInput:
    kind: str
    note: str
    open_item: bool = False  # 限期整改: open a 监督事项 of the agency in the same action


@transaction.atomic
def consequence_record(*, actor: Actor, result: Result, data: ConsequenceInput) -> Consequence:
    """结果运用 (seed 000 §19): 表彰、通报 or 限期整改 of one agency; a 限期整改 may open a 日常监督 item."""
    from zhifa.supervision.actions import services as actions
    from zhifa.supervision.actions.choices import SupervisionKind, TargetKind

    result = kit.locked(
        Result.objects.select_related("agency", "ranking__scheme"), result, actor=actor, perm=VIEW_RESULT
    )
    access.require_for_agency(actor, DECIDE, result.agency, "您无权决定该机关的考核结果运用")
    if data.kind not in ConsequenceKind.values:
        kit.refuse("kind", "请选择运用方式")
    note = (data.note or "").strip()
    if not note:
        kit.refuse("note", "请填写情况说明")
    if len(note) > 2000:
        kit.refuse("note", "情况说明最多2000个字")
    if data.open_item and data.kind != ConsequenceKind.RECTIFY:
        kit.refuse("open_item", "只有限期整改可以同时立项监督")
    scheme = result.ranking.scheme
    item = None
    if data.open_item:
        (item,) = actions.item_open(
            actor=actor,
            data=actions.OpenInput(
                kind=SupervisionKind.ROUTINE,
                target_kind=TargetKind.AGENCY,
                agencies=[result.agency],
                title=f"{scheme.year}年度评议考核限期整改（第{result.rank}名，{result.total}分）",
                reason=note,
                source=result,  # the item's 来源 (registered in wiring.register_source)
            ),
        )
    consequence = Consequence.objects.create(
        result=result,
        agency=result.agency,
        kind=data.kind,
        note=note,
        supervision_item=item,
        created_by=actor,
    )
    kit.record(
        consequence,
        "evaluation.consequence.record",
        actor=actor,
        payload={
            "kind": data.kind,
            "note": note,
            "result": result.pk,
            "supervision_item": item.pk if item else None,
        },
    )
    return consequence


def _jsonable(fields: dict) -> dict:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in fields.items()}
