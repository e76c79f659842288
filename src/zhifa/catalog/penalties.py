"""Penalty measures in words: how a decision (cases.Decision), a proposal (review.ReviewRound) or a
benchmark level (catalog.PenaltyLevel) holds the measures of 行政处罚法 第九条, and the one way to name
them (catalog.choices.PenaltyMeasure), so a document, a review round and a 公示 never disagree.

A decision or a proposal stores its measures as PenaltyMeasure values: the two with an amount in their own
fields (`fine`, `confiscation`), every other kind in the list `measures` (`KINDS`), and 其他处罚 as words
(`other_measures`)."""

from collections.abc import Callable
from decimal import Decimal

from django import forms

from .choices import FineBasis, PenaltyMeasure

M = PenaltyMeasure

# field of a decision or a proposal → the measure whose amount (yuan) it holds
AMOUNTS = {"fine": M.FINE, "confiscation": M.CONFISCATE_GAINS}
# the measures a decision or a proposal lists in `measures` (no amount, no words)
KINDS = [m for m in PenaltyMeasure if m not in (*AMOUNTS.values(), M.OTHER)]
MEASURES_HELP = "处罚种类（行政处罚法第九条）；罚款、没收违法所得以金额字段填写，其他处罚以文字填写"
# field of a benchmark level → the measures it allows
LEVEL_FLAGS = {
    "warning": (M.WARNING,),
    "confiscate": (M.CONFISCATE_GAINS, M.CONFISCATE_PROPERTY),
    "revoke": (M.REVOKE_LICENCE,),
    "suspend": (M.SUSPEND_BUSINESS,),
}
ORDER = list(PenaltyMeasure)


def kind_choices() -> list[tuple[str, str]]:
    """The choices of a `measures` field (a form's check boxes)."""
    return [(m.value, m.label) for m in KINDS]


def measures_field(label: str) -> forms.MultipleChoiceField:
    """The check boxes of a decision's or a proposal's `measures` (a page's form)."""
    return forms.MultipleChoiceField(
        label=label, choices=kind_choices(), required=False, widget=forms.CheckboxSelectMultiple
    )


def listed(obj) -> set[PenaltyMeasure]:
    """The measures of `obj`'s `measures` list (values outside KINDS are not measures of the list)."""
    values = set(getattr(obj, "measures", None) or ())
    return {m for m in KINDS if m.value in values}


def stored(obj) -> list[str]:
    """What a decision or a proposal stores in `measures`: its listed measures in 第九条's order."""
    return [m.value for m in KINDS if m in listed(obj)]


def measures(obj) -> list[PenaltyMeasure]:
    """The measures a decision or proposal imposes, in 第九条's order (OTHER for 其他处罚 text)."""
    found = {m for name, m in AMOUNTS.items() if getattr(obj, name, None)} | listed(obj)
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


def from_words(text: str) -> tuple[list[str], str]:
    """其他处罚 written in words that are nothing but measures of KINDS ("通报批评；责令关闭"), as those
    measures: (values, ""); any other words are kept as they are: ([], text). For the data migration of
    the decisions and proposals stored before `measures` existed."""
    rest = text or ""
    found = []
    for measure in sorted(KINDS, key=lambda m: -len(m.label)):  # the longer label first
        if measure.label in rest:
            found.append(measure.value)
            rest = rest.replace(measure.label, "")
    if not found or rest.strip(" ，,、；;。.\n\t"):
        return [], text or ""
    return [m.value for m in KINDS if m.value in found], ""


# ---- the data migration of the decisions and proposals stored before `measures` ---------------------------
# (cases 0007, review 0003): the yes/no fields of before → the PenaltyMeasure value each stood for
OLD_FLAGS = (
    ("warning", M.WARNING.value),
    ("suspension", M.SUSPEND_BUSINESS.value),
    ("revocation", M.REVOKE_LICENCE.value),
)


def migration_to_values(app_label: str, model_name: str):
    """The forward and backward functions of the RunPython that moves `model_name`'s yes/no fields into
    `measures` (and 其他处罚 words that were nothing but measures), and back (the kinds the yes/no fields
    cannot hold go back to words)."""

    def forward(apps, schema_editor):
        for row in apps.get_model(app_label, model_name).objects.all().iterator():
            found, other = from_words(row.other_measures)
            values = {value for name, value in OLD_FLAGS if getattr(row, name)} | set(found)
            row.measures = [value for value in PenaltyMeasure.values if value in values]  # 第九条's order
            row.other_measures = other
            row.save(update_fields=["measures", "other_measures"])

    def backward(apps, schema_editor):
        flags = dict(OLD_FLAGS)
        for row in apps.get_model(app_label, model_name).objects.all().iterator():
            for name, value in OLD_FLAGS:
                setattr(row, name, value in row.measures)
            rest = [value for value in row.measures if value not in flags.values()]
            if rest:
                words = "、".join(PenaltyMeasure(value).label for value in rest)
                row.other_measures = "、".join(filter(None, [words, row.other_measures]))
            row.save(update_fields=[*flags, "other_measures"])

    return forward, backward


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
