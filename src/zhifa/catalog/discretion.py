"""裁量基准计算器: `recommend(item, facts, on=date)` → the lawful range for this case, the exemptions
that apply, and every rule and version that produced it, quoted (同事项同情形同标准, seed 000 §12).

facts (all optional):
  fact_value        the benchmark's measured fact (e.g. 违法所得 in yuan) that picks the level
  circumstance      a level chosen by the handler (轻微/一般/较重/严重 codes) when the benchmark has no fact
  illegal_gains     违法所得 (yuan), for ranges expressed as multiples of it
  goods_value       货值金额 (yuan), likewise
  and boolean facts named by exemptions, e.g. first_offence, harm_minor, corrected_in_time, no_fault
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from .choices import ExemptionKind, FineBasis, VersionStatus
from .models import BenchmarkLevel, EnforcementItem

NO_PENALTY = {ExemptionKind.FIRST_OFFENCE, ExemptionKind.MINOR_NO_PENALTY, ExemptionKind.NO_FAULT}

FACT_LABELS = {
    "first_offence": "初次违法",
    "harm_minor": "危害后果轻微",
    "corrected_in_time": "及时改正",
    "no_fault": "有证据足以证明没有主观过错",
    "actively_reduced_harm": "主动消除或者减轻违法行为危害后果",
    "coerced": "受他人胁迫或者诱骗实施违法行为",
    "reported_meritorious": "主动供述或有立功表现",
}


@dataclass(frozen=True)
class Recommendation:
    item_code: str
    item_name: str
    version: int
    level: str | None
    level_label: str | None
    warning: bool
    fine_min: Decimal | None
    fine_max: Decimal | None
    confiscate: bool
    suspend: bool
    revoke: bool
    no_penalty: bool
    exemptions: list[dict] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)

    def allows_fine(self, amount: Decimal) -> bool:
        """Is `amount` inside the recommended range? (Outside it needs a written reason.)"""
        if self.fine_min is None or self.fine_max is None:
            return False
        return self.fine_min <= amount <= self.fine_max


def recommend(item: EnforcementItem, facts: dict, *, on: date | None = None) -> Recommendation:
    """The recommendation for `item` given the case's `facts`, by the benchmark of the catalogue version
    in force on `on` for that item (an item of an older version is looked up again by code)."""
    on = on or timezone.localdate()
    item = _item_in_force(item, on)
    benchmark = getattr(item, "benchmark", None)
    if benchmark is None:
        raise ValidationError({"item": f"事项“{item.name}”没有裁量基准"})
    level = _pick_level(benchmark, facts)
    fine_min, fine_max = _fine_range(level, facts)
    exemptions = [_exemption_view(ex, facts) for ex in benchmark.exemptions.all()]
    applying = [ex for ex in exemptions if ex["applies"]]
    basis = benchmark.legal_basis
    quoted = [
        f"《{basis.law_name}》{basis.article}：{basis.text}",
        f"{item.version.agency.name}行政执法事项清单第{item.version.number}版（{item.version.effective_from}施行）裁量基准："
        f"{level.get_level_display()}——{level.conditions}",
        *[f"{ex['label']}：{ex['conditions']}（{ex['legal_basis']}）" for ex in applying],
    ]
    return Recommendation(
        item_code=item.code,
        item_name=item.name,
        version=item.version.number,
        level=level.level,
        level_label=level.get_level_display(),
        warning=level.warning,
        fine_min=fine_min,
        fine_max=fine_max,
        confiscate=level.confiscate,
        suspend=level.suspend,
        revoke=level.revoke,
        no_penalty=any(ex["kind"] in NO_PENALTY for ex in applying),
        exemptions=exemptions,
        basis=quoted,
    )


def _item_in_force(item: EnforcementItem, on: date) -> EnforcementItem:
    candidates = (
        EnforcementItem.objects.filter(
            version__agency_id=item.version.agency_id,
            version__status=VersionStatus.PUBLISHED,
            version__effective_from__lte=on,
            code=item.code,
        )
        .select_related("version__agency", "benchmark__legal_basis")
        .prefetch_related("benchmark__levels", "benchmark__exemptions")
        .order_by("-version__number")
    )
    in_force = candidates.first()
    if in_force is None:
        raise ValidationError({"item": f"{on} 没有施行中的清单版本包含事项“{item.code}”"})
    return in_force


def _pick_level(benchmark, facts: dict) -> BenchmarkLevel:
    levels = list(benchmark.levels.all())
    if chosen := facts.get("circumstance"):
        for level in levels:
            if level.level == chosen:
                return level
        raise ValidationError({"circumstance": "该事项的裁量基准没有此情节"})
    if benchmark.fact_label:
        value = facts.get("fact_value")
        if value is None:
            raise ValidationError({"fact_value": f"请填写{benchmark.fact_label}"})
        value = Decimal(str(value))
        for level in levels:
            low = level.fact_min if level.fact_min is not None else Decimal("-Infinity")
            high = level.fact_max if level.fact_max is not None else Decimal("Infinity")
            if low <= value < high:
                return level
        raise ValidationError({"fact_value": f"{benchmark.fact_label}{value}不在任何情节的范围内"})
    raise ValidationError({"circumstance": "请选择违法情节"})


def _fine_range(level: BenchmarkLevel, facts: dict) -> tuple[Decimal | None, Decimal | None]:
    if level.fine_min is None or level.fine_max is None:
        return None, None
    if level.fine_basis == FineBasis.AMOUNT:
        return level.fine_min, level.fine_max
    base_key = "illegal_gains" if level.fine_basis == FineBasis.ILLEGAL_GAINS else "goods_value"
    base = facts.get(base_key)
    if base is None:
        raise ValidationError({base_key: f"请填写{FineBasis(level.fine_basis).label.removesuffix('的倍数')}"})
    base = Decimal(str(base))
    return (level.fine_min * base).quantize(Decimal("0.01")), (level.fine_max * base).quantize(
        Decimal("0.01")
    )


def _exemption_view(exemption, facts: dict) -> dict:
    required = list(exemption.required_facts)
    missing = [FACT_LABELS.get(name, name) for name in required if not facts.get(name)]
    return {
        "kind": exemption.kind,
        "label": exemption.get_kind_display(),
        "conditions": exemption.conditions,
        "legal_basis": exemption.legal_basis,
        "applies": bool(required) and not missing,
        "missing": missing,
    }
