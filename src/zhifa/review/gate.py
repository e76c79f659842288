"""The gate cases.services.case_decide runs (cases.gates): a major decision (重大执法决定) needs a passed
法制审核 whose reviewed proposal covers it — the same kind of decision, and nothing heavier than what was
reviewed. 简易程序 never comes here (case_simple does not run the gates)."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from zhifa.cases import rules
from zhifa.catalog import penalties
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.core.formatting import money

from .choices import ReviewStatus
from .models import Review

GATED_KINDS = rules.MAJOR_KINDS


def major_reasons(case, decision) -> list[str]:
    """Why the decision is major (empty: it is not); the one definition is cases.rules.major_reasons,
    which the 涉企经济影响评估 rule reads too."""
    return rules.major_reasons(case, decision)


def heavier_than_reviewed(reviewed, decision) -> str | None:
    """Why `decision` is not covered by the reviewed proposal (None: it is)."""
    if decision.kind != reviewed.kind:
        return f"拟作出的决定类型与审核通过的（{reviewed.get_kind_display()}）不同"
    for name, measure in penalties.AMOUNTS.items():
        value, approved = getattr(decision, name) or Decimal(0), getattr(reviewed, name) or Decimal(0)
        if value > approved:
            return f"{measure.label}{money(value)}重于审核通过的{money(approved)}"
    added = penalties.listed(decision) - penalties.listed(reviewed) - {PenaltyMeasure.WARNING}
    if added:
        return f"审核通过的拟处理意见不含{min(added, key=penalties.ORDER.index).label}"
    if (
        decision.other_measures or ""
    ).strip() and decision.other_measures.strip() != reviewed.other_measures.strip():
        return "其他处罚与审核通过的不一致"
    return None


def require_passed_review(case, decision) -> None:
    """Registered with cases.gates; runs inside case_decide's transaction with the case row locked."""
    reasons = major_reasons(case, decision)
    if not reasons:
        return
    review = Review.objects.filter(case=case).first()
    why = "、".join(reasons)
    if review is None or review.status != ReviewStatus.PASSED:
        state = "尚未送法制审核" if review is None else f"法制审核{review.get_status_display()}"
        raise ValidationError(
            {"review": f"本案属重大执法决定（{why}），{state}，未经法制审核或审核未通过的不得作出决定"}
        )
    heavier = heavier_than_reviewed(review.rounds.order_by("-number").first(), decision)
    if heavier:
        raise ValidationError({"review": f"{heavier}，须重新送法制审核"})
