"""重大执法决定: what makes a penalty decision major (法制审核 before the decision), in one place that the
decision gate (review.gate), the catalogue's pages, the public 目录 and the API all read, so that they
never say different things.

Two sources, and the catalogue shows both:

- the law (行政处罚法 第五十八条第一款): a case that went through a hearing (第（二）项) and a case the
  responsible leader finds 疑难复杂 (第（三）项) need 法制审核 whatever the item; an agency's catalogue
  cannot lower that, so no item carries a flag for it (the former 经过听证为重大 was removed, see
  docs/architecture.md);
- the agency's 重大执法决定法制审核目录清单 (seed 003 四(一)4): per item listed (`needs_legal_review`), a
  fine from a threshold, 吊销许可证件, 责令停产停业 (第（一）、（四）项 as the agency applies them).
"""

from dataclasses import dataclass

from zhifa.core.formatting import money

from . import penalties
from .choices import PenaltyMeasure

LAW = "《中华人民共和国行政处罚法》第五十八条第一款"


@dataclass(frozen=True)
class Criterion:
    reason: str  # as the gate names it when it refuses a decision
    rule: str  # as the catalogue and the public 目录 state it
    source: str


HEARING = Criterion("经过听证", "经过听证程序的", f"{LAW}第（二）项")
COMPLEX = Criterion(
    "负责人认定的疑难复杂案件",
    "案件情况疑难复杂、涉及多个法律关系的（由负责人在调查终结时认定）",
    f"{LAW}第（三）项",
)
STATUTORY = (HEARING, COMPLEX)


def item_criteria(item) -> list[str]:
    """The item's own criteria as the catalogue shows them; [] when the item is not in the 目录."""
    if not item.needs_legal_review:
        return []
    criteria = []
    if item.major_fine_threshold is not None:
        criteria.append(f"{PenaltyMeasure.FINE.label}{money(item.major_fine_threshold)}以上")
    if item.major_on_revocation:
        criteria.append(PenaltyMeasure.REVOKE_LICENCE.label)
    if item.major_on_suspension:
        criteria.append(PenaltyMeasure.SUSPEND_BUSINESS.label)
    return criteria


def item_reasons(item, decision) -> list[str]:
    """Why `decision` (the fields of cases.services.DecisionInput or a review round) is major under the
    item's criteria, in the gate's words; [] when it is not."""
    if not item.needs_legal_review:
        return []
    reasons = []
    threshold = item.major_fine_threshold
    if threshold is not None and (decision.fine or 0) >= threshold:
        reasons.append(f"罚款达到{item.name}的重大标准（{money(threshold)}以上）")
    listed = penalties.listed(decision)
    if item.major_on_revocation and PenaltyMeasure.REVOKE_LICENCE in listed:
        reasons.append(PenaltyMeasure.REVOKE_LICENCE.label)
    if item.major_on_suspension and PenaltyMeasure.SUSPEND_BUSINESS in listed:
        reasons.append(PenaltyMeasure.SUSPEND_BUSINESS.label)
    return reasons


def case_reasons(*, heard: bool, complex_: bool) -> list[str]:
    """The law's criteria a case meets, whatever its items."""
    return [c.reason for c, met in ((HEARING, heard), (COMPLEX, complex_)) if met]
