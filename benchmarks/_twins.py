"""ORM beside its hand-written SQL twin: each pair timed on the same data, their answers compared, and the
ratio ORM ÷ SQL per pair and in total (the issue's goal ≤ 1.5×). Shared by the benchmarks that pit a grouped
ORM query against SQL giving the same answer (ontime, evaluation, stats)."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from . import Context, Row


@dataclass(frozen=True)
class Twin:
    """One aggregate: `orm()` and `sql()` return the same answer in the same shape (compared with ==)."""

    key: str
    orm: Callable[[], object]
    sql: Callable[[], object]
    note: Callable[[object], str] = lambda answer: ""  # what the ORM's answer says, for the row's notes


@dataclass
class Comparison:
    """The pairs' rows and the totals."""

    rows: list[Row] = field(default_factory=list)
    orm_s: float = 0.0
    sql_s: float = 0.0
    differ: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.orm_s / self.sql_s if self.sql_s else 0.0

    def verdict(self) -> str:
        return "figures identical" if not self.differ else f"figures MISMATCH in {', '.join(self.differ)}"

    def total_rows(self, prefix: str, stem: str, what: str) -> list[Row]:
        """`<prefix>.<stem>_orm`, `<prefix>.<stem>_sql` (ms, summed best times) and `<prefix>.orm_sql_ratio`."""
        return [
            Row(
                f"{prefix}.{stem}_orm", self.orm_s * 1000, "ms", f"{len(self.rows)} {what}, summed best times"
            ),
            Row(f"{prefix}.{stem}_sql", self.sql_s * 1000, "ms", "the same in hand-written SQL"),
            Row(f"{prefix}.orm_sql_ratio", self.ratio, "×", f"goal ≤ 1.5; {self.verdict()}"),
        ]


def _difference(orm, sql) -> str:
    if isinstance(orm, list) and isinstance(sql, list):
        pairs = [pair for pair in zip(orm, sql, strict=False) if pair[0] != pair[1]][:1]
        return f"ROWS DIFFER (ORM, SQL): {pairs or (len(orm), len(sql))}"
    return "MISMATCH"


PAIR_BUDGET_S = 0.5  # per twin: enough rounds that a millisecond query is timed dozens of times
MAX_ROUNDS = 200


def best_of_pair(
    orm: Callable[[], object], sql: Callable[[], object], repeats: int
) -> tuple[float, float, int]:
    """(best ORM seconds, best SQL seconds, rounds): the two run in turn — so both meet the same load — for
    at least `repeats` rounds and until PAIR_BUDGET_S has passed, after one warm-up each. The minimum, as
    timeit reports it: on a shared machine the median of three runs of a 1 ms query measured the other
    processes (ratios of 16× between identical plans)."""
    orm(), sql()
    best_orm = best_sql = float("inf")
    rounds, started = 0, time.perf_counter()
    while rounds < repeats or (time.perf_counter() - started < PAIR_BUDGET_S and rounds < MAX_ROUNDS):
        for fn, is_orm in ((orm, True), (sql, False)):
            start = time.perf_counter()
            fn()
            seconds = time.perf_counter() - start
            if is_orm:
                best_orm = min(best_orm, seconds)
            else:
                best_sql = min(best_sql, seconds)
        rounds += 1
    return best_orm, best_sql, rounds


def compare(prefix: str, twins: list[Twin], ctx: Context) -> Comparison:
    """Time each twin (`best_of_pair`) and compare its answers; one row per twin, `<prefix>.ratio[<key>]`."""
    found = Comparison()
    for twin in twins:
        orm_s, sql_s, rounds = best_of_pair(twin.orm, twin.sql, ctx.repeats)
        orm_answer, sql_answer = twin.orm(), twin.sql()
        same = orm_answer == sql_answer
        if not same:
            found.differ.append(twin.key)
        found.orm_s, found.sql_s = found.orm_s + orm_s, found.sql_s + sql_s
        said = twin.note(orm_answer)
        found.rows.append(
            Row(
                f"{prefix}.ratio[{twin.key}]",
                orm_s / sql_s if sql_s else 0.0,
                "×",
                f"{said + ': ' if said else ''}ORM {orm_s * 1000:.1f} ms, SQL {sql_s * 1000:.1f} ms, best of "
                f"{rounds}; " + ("same figures" if same else _difference(orm_answer, sql_answer)),
            )
        )
    return found
