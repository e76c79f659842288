"""The gate cases.services.case_decide runs (cases.gates): a major decision (重大执法决定) needs a passed
法制审核 whose reviewed proposal covers it — the same kind of decision, and nothing heavier than what was
reviewed. 简易程序 never comes here (case_simple does not run the gates)."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from zhifa.cases.choices import DecisionKind
from zhifa.catalog import penalties
from zhifa.catalog.choices import PenaltyMeasure

from .choices import ReviewStatus
from .models import Review

GATED_KINDS = (DecisionKind.PENALTY, DecisionKind.NO_PENALTY)


def yuan(amount: Decimal) -> str:
    """70000.00 → "70000"."""
    return f"{Decimal(amount).normalize():f}"


def major_reasons(case, decision) -> list[str]:
    """Why the decision is major under the agency's 重大执法决定法制审核目录 and the case's course
    (empty: it is not). `decision` has the fields of cases.services.DecisionInput / ReviewRound."""
    if case.is_simple or decision.kind not in GATED_KINDS:
        return []
    reasons = []
    for item in case.items.all():
        if not item.needs_legal_review:
            continue
        threshold = item.major_fine_threshold
        if threshold is not None and (decision.fine or 0) >= threshold:
            reasons.append(f"罚款达到{item.name}的重大标准（{yuan(threshold)}元以上）")
        listed = penalties.listed(decision)
        if item.major_on_revocation and PenaltyMeasure.REVOKE_LICENCE in listed:
            reasons.append(PenaltyMeasure.REVOKE_LICENCE.label)
        if item.major_on_suspension and PenaltyMeasure.SUSPEND_BUSINESS in listed:
            reasons.append(PenaltyMeasure.SUSPEND_BUSINESS.label)
    if case.hearing_held_on:
        reasons.append("经过听证")
    if case.is_complex:
        reasons.append("负责人认定的疑难复杂案件")
    return list(dict.fromkeys(reasons))


def heavier_than_reviewed(reviewed, decision) -> str | None:
    """Why `decision` is not covered by the reviewed proposal (None: it is)."""
    if decision.kind != reviewed.kind:
        return f"拟作出的决定类型与审核通过的（{reviewed.get_kind_display()}）不同"
    for name, measure in penalties.AMOUNTS.items():
        value, approved = getattr(decision, name) or Decimal(0), getattr(reviewed, name) or Decimal(0)
        if value > approved:
            return f"{measure.label}{yuan(value)}元重于审核通过的{yuan(approved)}元"
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
