"""For tests of what comes after a major decision (cases tests included): a passed 法制审核."""

from tests.factories import UserFactory
from zhifa.accounts.choices import RoleCode
from zhifa.review import services
from zhifa.review.choices import CheckPoint
from zhifa.review.models import Review

AGREE = {point: {"ok": True, "comment": ""} for point in CheckPoint.values}


def pass_review(case, decision):
    """Submit `decision` of `case` for review with the materials it needs (a photo, the 立案审批表) and
    have a reviewer of the agency agree. Returns the review."""
    from tests.review.conftest import upload
    from zhifa.cases import documents

    if not case.evidence.exists():
        upload(case)
    if not case.documents.filter(kind="register_approval").exists():
        documents.generate(actor=None, case=case, kind="register_approval")
    reviewer = UserFactory(agency=case.agency, roles=[RoleCode.LEGAL_REVIEWER])
    data = services.ProposalInput.from_decision(decision, "拟按决定草案处理", suspected_crime=False)
    review = Review.objects.filter(case=case).first()
    if review is None:
        review = services.review_submit(actor=None, case=case, data=data)
    else:
        review = services.review_resubmit(actor=None, review=review, data=data, answers={})
    services.review_assign(actor=None, review=review, reviewer=reviewer)
    return services.review_give_opinion(actor=reviewer, review=review, checklist=agree_over(review))


def agree_over(review) -> dict:
    """Every point passes; a point the automatic pre-check marks ✗ with the written reason it needs."""
    from zhifa.review import precheck

    flagged = {f.point for f in precheck.defects(review)}
    reason = "经核实，相关材料已补正，不影响决定的合法性"
    return {point: {"ok": True, "comment": reason if point in flagged else ""} for point in CheckPoint.values}
