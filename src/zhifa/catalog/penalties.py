"""Penalty measures in words: which field of a decision (cases.Decision), a proposal (review.ReviewRound)
or a benchmark level (catalog.PenaltyLevel) holds which measure of 行政处罚法 第九条, and the one way to
name them (catalog.choices.PenaltyMeasure), so a document, a review round and a 公示 never disagree."""

from collections.abc import Callable
from decimal import Decimal

from .choices import FineBasis, PenaltyMeasure

M = PenaltyMeasure

# field of a decision or a proposal → the measure it holds (an amount in yuan, or a yes/no flag)
AMOUNTS = {"fine": M.FINE, "confiscation": M.CONFISCATE_GAINS}
FLAGS = {"warning": M.WARNING, "revocation": M.REVOKE_LICENCE, "suspension": M.SUSPEND_BUSINESS}
# field of a benchmark level → the measures it allows
LEVEL_FLAGS = {
    "warning": (M.WARNING,),
    "confiscate": (M.CONFISCATE_GAINS, M.CONFISCATE_PROPERTY),
    "revoke": (M.REVOKE_LICENCE,),
    "suspend": (M.SUSPEND_BUSINESS,),
}
ORDER = list(PenaltyMeasure)


def measures(obj) -> list[PenaltyMeasure]:
    """The measures a decision or proposal imposes, in 第九条's order (OTHER for 其他处罚 text)."""
    found = {m for name, m in {**AMOUNTS, **FLAGS}.items() if getattr(obj, name, None)}
    if (getattr(obj, "other_measures", "") or "").strip():
        found.add(M.OTHER)
    return sorted(found, key=ORDER.index)


def parts(obj, *, money: Callable[[Decimal], str], other: Callable[[str], str] = str) -> list[str]:
    """Each measure of `obj` in words, amounts through `money` (each output formats yuan its own way),
    其他处罚 as written (through `other`, e.g. masking for 公示)."""
    amounts = {m: name for name, m in AMOUNTS.items()}
    out = []
    for measure in measures(obj):
        if measure in amounts:
            out.append(f"{measure.label}{money(getattr(obj, amounts[measure]))}")
        elif measure == M.OTHER:
            out.append(other(obj.other_measures.strip()))
        else:
            out.append(measure.label)
    return out


def level_labels(level) -> list[str]:
    """The measures other than the fine that a benchmark level (or a recommendation) allows."""
    found = {m for name, ms in LEVEL_FLAGS.items() if getattr(level, name, False) for m in ms}
    return [m.label for m in sorted(found, key=ORDER.index)]


def flag_label(name: str) -> str:
    """The label of a decision's or proposal's field (`revocation` → 吊销许可证件)."""
    return {**AMOUNTS, **FLAGS}[name].label


# ---- the measures an enforcement item provides ------------------------------------------------------


def item_measures(item) -> list[PenaltyMeasure]:
    """The measures the catalogue gives an item, read from its structured fields (not the article's
    words): 罚款 where a legal basis sets a 法定罚款计算方式 or a benchmark level a fine range, and each
    measure a benchmark level allows (警告, 没收, 责令停产停业, 吊销许可证件). Prefetch `legal_bases`
    and `benchmark__levels` when reading many items."""
    found: set[PenaltyMeasure] = set()
    if any(basis.fine_basis for basis in item.legal_bases.all()):
        found.add(M.FINE)
    benchmark = getattr(item, "benchmark", None)
    for level in benchmark.levels.all() if benchmark is not None else ():
        if level.fine_basis or level.fine_max is not None:
            found.add(M.FINE)
        found.update(m for name, ms in LEVEL_FLAGS.items() if getattr(level, name) for m in ms)
    return sorted(found, key=ORDER.index)


def lowest_fine(item) -> Decimal:
    """The lowest fine the law allows for the item: the smallest 法定罚款下限 of its fine clauses (0 where a
    clause sets none, or counts in multiples of 违法所得 or 货值金额, or only a benchmark sets the fine)."""
    floors = [
        basis.statutory_min if basis.fine_basis == FineBasis.AMOUNT and basis.statutory_min else Decimal(0)
        for basis in item.legal_bases.all()
        if basis.fine_basis
    ]
    return min(floors, default=Decimal(0))
