"""ORM beside its hand-written SQL twin: each pair timed on the same data, their answers compared, and the
ratio ORM ÷ SQL per pair and in total (the issue's goal ≤ 1.5×). Shared by the benchmarks that pit a grouped
ORM query against SQL giving the same answer (ontime, evaluation, stats)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from . import Context, Row, measure


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
        """`<prefix>.<stem>_orm`, `<prefix>.<stem>_sql` (ms, summed medians) and `<prefix>.orm_sql_ratio`."""
        return [
            Row(f"{prefix}.{stem}_orm", self.orm_s * 1000, "ms", f"{len(self.rows)} {what}"),
            Row(f"{prefix}.{stem}_sql", self.sql_s * 1000, "ms", "the same in hand-written SQL"),
            Row(f"{prefix}.orm_sql_ratio", self.ratio, "×", f"goal ≤ 1.5; {self.verdict()}"),
        ]


def _difference(orm, sql) -> str:
    if isinstance(orm, list) and isinstance(sql, list):
        pairs = [pair for pair in zip(orm, sql, strict=False) if pair[0] != pair[1]][:1]
        return f"ROWS DIFFER (ORM, SQL): {pairs or (len(orm), len(sql))}"
    return "MISMATCH"


def compare(prefix: str, twins: list[Twin], ctx: Context) -> Comparison:
    """Time each twin (median of ctx.repeats after one warm-up) and compare its answers; one row per twin,
    `<prefix>.ratio[<key>]`."""
    found = Comparison()
    for twin in twins:
        orm = measure(twin.orm, repeats=ctx.repeats, warmup=1)
        sql = measure(twin.sql, repeats=ctx.repeats, warmup=1)
        orm_answer, sql_answer = twin.orm(), twin.sql()
        same = orm_answer == sql_answer
        if not same:
            found.differ.append(twin.key)
        found.orm_s, found.sql_s = found.orm_s + orm.median, found.sql_s + sql.median
        said = twin.note(orm_answer)
        found.rows.append(
            Row(
                f"{prefix}.ratio[{twin.key}]",
                orm.median / sql.median if sql.median else 0.0,
                "×",
                f"{said + ': ' if said else ''}ORM {orm.median * 1000:.1f} ms, SQL {sql.median * 1000:.1f} ms; "
                + ("same figures" if same else _difference(orm_answer, sql_answer)),
            )
        )
    return found
