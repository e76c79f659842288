"""《重大执法决定法制审核流程图》 (seed 003 四(一)5): drawn from the review's transition table
(review.transitions), the way catalog.flowchart draws the penalty procedures from the case table — so the
chart an agency publishes or files is the flow the system runs."""

import itertools
from functools import cache

from zhifa.cases.machine import START
from zhifa.catalog import procedures
from zhifa.catalog.flowchart import flowchart_svg

from .clocks import review_workdays
from .transitions import MACHINE

TITLE = "重大执法决定法制审核流程图"
CODE = "review"


@cache
def _flow(workdays: int) -> procedures.Flow:
    moves = [(str(source), str(target), t) for source, target, t in MACHINE.moves()]
    order = [START, *map(str, MACHINE.statuses.values)]
    states = sorted({s for source, target, _ in moves for s in (source, target)}, key=order.index)
    rules = {str(MACHINE.statuses.SUBMITTED): f"审核期限：送审后{workdays}个工作日内出具审核意见"}
    for _, target, t in moves:
        if t.rule:
            rules.setdefault(target, t.rule)
    labels: dict[tuple[str, str], list[str]] = {}
    for source, target, t in moves:
        labels.setdefault((source, target), []).append(t.condition or t.label)
    line = list(itertools.pairwise(states))
    return procedures.Flow(
        CODE,
        tuple(procedures.Step(s, MACHINE.state_label(s), rules.get(s, "")) for s in states),
        branches=tuple(
            (source, target, "／".join(dict.fromkeys(text)))
            for (source, target), text in labels.items()
            if (source, target) not in line
        ),
        line=tuple("／".join(dict.fromkeys(labels[pair])) for pair in line),
    )


def review_flow() -> procedures.Flow:
    """The review's states top to bottom in the statuses' order, every move of the table an edge."""
    return _flow(review_workdays())


def review_flowchart_svg(agency_name: str = "") -> str:
    return flowchart_svg(review_flow(), title=f"{agency_name}{TITLE}")
