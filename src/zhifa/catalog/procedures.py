"""The two penalty procedures of 行政处罚法 (2021) and their flow charts (执法流程图). A chart is drawn
from the case state machine's own table (cases.transitions): its boxes are the states a case of the
procedure passes through, its arrows the table's moves between them, each labelled with its action; a
step's rule names the documents (文书) its row needs. So the published chart and the running system can never disagree.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

from django.db import models


class Procedure(models.TextChoices):
    SIMPLE = "simple", "简易程序"
    ORDINARY = "ordinary", "普通程序"


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    rule: str = ""  # the time limit or condition shown under the label


@dataclass(frozen=True)
class Flow:
    procedure: str
    steps: tuple[Step, ...]  # the column, top to bottom; consecutive steps are joined by an arrow
    # (from, to, label): the edges beyond the column's straight line
    branches: tuple[tuple[str, str, str], ...] = ()
    side: tuple[Step, ...] = ()  # steps standing beside the column
    line: tuple[str, ...] = ()  # the labels of the column's arrows, top to bottom

    def step(self, code: str) -> Step:
        return next(step for step in (*self.steps, *self.side) if step.code == code)

    def edges(self) -> set[tuple[str, str]]:
        line = {(a.code, b.code) for a, b in itertools.pairwise(self.steps)}
        return line | {(source, target) for source, target, _ in self.branches}


# Layout only: states drawn beside the column rather than in it (detours of the main line).
SIDE_STATES = ("hearing", "declined")


@cache
def flow(procedure: str) -> Flow:
    """The chart of `procedure`, built from cases.transitions (imported here, not at the top: the
    cases app imports Procedure from this module)."""
    from zhifa.cases import transitions
    from zhifa.cases.documents.requirements import describe

    moves = transitions.moves(procedure)
    order = [transitions.START, *transitions.CaseStatus.values]
    states = sorted({s for source, target, _ in moves for s in (source, target)}, key=order.index)

    def rule(t) -> str:
        needed = f"须有{describe(t, procedure)}" if t.documents else ""
        label = (
            f"{t.label}（{t.condition}）" if t.condition and len(transitions.rows(t.action)) > 1 else t.label
        )
        return f"{label}：{'，'.join(filter(None, [t.rule, needed]))}"

    def step(state: str) -> Step:
        rules = dict.fromkeys(
            rule(t) for _, target, t in moves if target == state and (t.rule or t.documents)
        )
        return Step(state, transitions.state_label(state), "；".join(rules))

    labels: dict[tuple[str, str], list[str]] = {}
    for source, target, t in moves:
        labels.setdefault((source, target), []).append(t.condition or t.label)
    column = [s for s in states if s not in SIDE_STATES]
    line = list(itertools.pairwise(column))
    missing = [pair for pair in line if pair not in labels]
    assert not missing, f"the column of {procedure} has consecutive states without a move: {missing}"
    actions = {(source, target): t.label for source, target, t in moves}
    return Flow(
        procedure,
        tuple(step(s) for s in column),
        branches=tuple(
            (source, target, "／".join(dict.fromkeys(text)))
            for (source, target), text in labels.items()
            if (source, target) not in line
        ),
        side=tuple(step(s) for s in states if s in SIDE_STATES),
        line=tuple(actions[pair] for pair in line),
    )


def flows() -> dict[str, Flow]:
    return {procedure: flow(procedure) for procedure in (Procedure.SIMPLE, Procedure.ORDINARY)}
