"""Penalty measures in templates, named as catalog.choices.PenaltyMeasure names them (through
catalog.penalties): {% load penalties %}, then `lvl|level_measures`, `decision|decision_measures`,
`{% measure "revoke_licence" %}`."""

from django import template

from zhifa.catalog import major, penalties
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.core import formatting

register = template.Library()


@register.filter
def level_measures(level, without: str = "") -> list[str]:
    """The measures a benchmark level or a recommendation allows besides the fine (`without` one)."""
    skip = PenaltyMeasure(without).label if without else None
    return [label for label in penalties.level_labels(level) if label != skip]


@register.filter
def decision_measures(decision) -> list[str]:
    """Each measure of a decision or a proposal in words, amounts as the pages show money (罚款¥50,000.00)."""
    return penalties.parts(decision, money=formatting.money)


@register.simple_tag
def measure(code: str) -> str:
    return PenaltyMeasure(code).label


@register.filter
def major_criteria(item) -> list[str]:
    """The item's criteria in the 重大执法决定法制审核目录 (catalog.major, which the decision gate reads)."""
    return major.item_criteria(item)


@register.inclusion_tag("catalog/_statutory_major.html")
def statutory_major() -> dict:
    """The law's criteria, which hold for every item whatever the 目录 (行政处罚法 第五十八条)."""
    return {"criteria": major.STATUTORY, "law": major.LAW}
