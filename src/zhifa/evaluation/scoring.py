"""The evaluation of one scheme: every leaf for every agency, rolled up by the weights. One grouped
query per computed indicator (over all agencies of the region), one for the manual scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from zhifa.core.choices import JUSTICE_KINDS
from zhifa.core.models import Agency

from . import indicators
from .models import ManualScore, Node, Scheme

HUNDRED = Decimal(100)
CENT = Decimal("0.01")  # rounded half up, as a score sheet is


@dataclass
class Cell:
    """One leaf (or group) for one agency: the points, and for a computed leaf what was counted."""

    score: Decimal
    counted: Decimal | None = None
    total: int | None = None
    manual: bool = False
    missing: bool = False  # a manual leaf not scored yet


@dataclass
class Line:
    agency: Agency
    total: Decimal = Decimal(0)
    rank: int = 0
    cells: dict[int, Cell] = field(default_factory=dict)


@dataclass
class Evaluation:
    scheme: Scheme
    nodes: list[Node]  # depth-first, parents before children
    lines: list[Line]  # ranked

    def leaves(self) -> list[Node]:
        return [n for n in self.nodes if n.is_leaf]  # type: ignore[attr-defined]  # set by tree()

    def missing(self) -> list[tuple[Node, Agency]]:
        return [(n, line.agency) for line in self.lines for n in self.leaves() if line.cells[n.pk].missing]


def evaluated_agencies(scheme: Scheme) -> QuerySet[Agency]:
    """The agencies a scheme ranks: the active agencies of its region's subtree, justice bureaus aside."""
    return (
        Agency.objects.filter(region__path__startswith=scheme.region.path, active=True)
        .exclude(kind__in=JUSTICE_KINDS)
        .select_related("region")
        .order_by("region__code", "name")
    )


def tree(scheme: Scheme) -> list[Node]:
    """The nodes depth-first, each with `depth`, `is_leaf` and `children_list` set."""
    nodes = list(Node.objects.filter(scheme=scheme).order_by("order", "pk"))
    by_parent: dict[int | None, list[Node]] = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)
    ordered: list[Node] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for node in by_parent.get(parent_id, []):
            node.depth = depth  # type: ignore[attr-defined]
            node.children_list = by_parent.get(node.pk, [])  # type: ignore[attr-defined]
            node.is_leaf = not node.children_list  # type: ignore[attr-defined]
            node.computed = indicators.get(node.indicator) if node.is_leaf else None  # type: ignore[attr-defined]
            ordered.append(node)
            walk(node.pk, depth + 1)

    walk(None, 0)
    return ordered


def evaluate(scheme: Scheme, agencies: QuerySet[Agency] | None = None) -> Evaluation:
    agencies = evaluated_agencies(scheme) if agencies is None else agencies
    nodes = tree(scheme)
    lines = [Line(agency=a) for a in agencies]
    measures = {
        n.pk: indicators.measure(n.computed, agencies, scheme.year)  # type: ignore[attr-defined]
        for n in nodes
        if getattr(n, "computed", None)
    }
    manual = {
        (s.node_id, s.agency_id): s.score
        for s in ManualScore.objects.filter(scheme=scheme).only("node_id", "agency_id", "score")
    }
    for line in lines:
        for node in reversed(nodes):  # children before their parent
            line.cells[node.pk] = _cell(node, line, measures, manual)
        line.total = sum(
            (line.cells[n.pk].score * n.weight / HUNDRED for n in nodes if n.parent_id is None), Decimal(0)
        ).quantize(CENT, ROUND_HALF_UP)
    _rank(lines)
    return Evaluation(scheme=scheme, nodes=nodes, lines=lines)


def _cell(node: Node, line: Line, measures, manual) -> Cell:
    """A leaf's points out of its max; a group's out of 100 (its children's normalised points by weight)."""
    if not node.is_leaf:  # type: ignore[attr-defined]
        points = sum(
            (line.cells[c.pk].score / c.max_score * HUNDRED * c.weight / HUNDRED for c in node.children_list),  # type: ignore[attr-defined]
            Decimal(0),
        )
        return Cell(score=points.quantize(CENT, ROUND_HALF_UP))
    computed = node.computed  # type: ignore[attr-defined]
    if computed is not None:
        m = measures[node.pk].get(line.agency.pk)
        return Cell(
            score=indicators.score(computed, m, node.max_score),
            counted=m.counted if m else Decimal(0),
            total=m.total if m else 0,
        )
    value = manual.get((node.pk, line.agency.pk))
    return Cell(score=value if value is not None else Decimal(0), manual=True, missing=value is None)


def _rank(lines: list[Line]) -> None:
    """Highest total first; equal totals share a place (1, 1, 3)."""
    lines.sort(key=lambda line: (-line.total, line.agency.region.code, line.agency.name))
    for i, line in enumerate(lines):
        line.rank = lines[i - 1].rank if i and lines[i - 1].total == line.total else i + 1
