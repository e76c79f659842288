"""The review demo: the major decisions the case demo stopped before (demo/cases.py, awaiting_review) go
through 法制审核 and then on their planned way — most agreed at the first round, one answered and
resubmitted, one settled by 集体讨论; the complex hearing cases wait on the reviewer's 工作台. The
main department's 陈静 (dh_fzsh) is also in 江州市司法局's pool, so agencies without reviewers of their
own are served from it. Idempotent: cases already reviewed are left alone."""

from zhifa.accounts.models import User
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.core.models import Agency
from zhifa.demo import cases as cases_demo
from zhifa.review import precheck, services
from zhifa.review.choices import CheckPoint, ResolutionMethod, ResolutionOutcome
from zhifa.review.models import PoolMember, Review

DISCRETION_PROBLEM = {
    CheckPoint.DISCRETION: {"ok": False, "comment": "未写明适用从重情节的事实依据，请补充说明"},
}
FACTS_PROBLEM = {
    CheckPoint.FACTS: {"ok": False, "comment": "涉案食品的检验报告未随案移送，建议补充"},
}
POOL_REVIEWER, POOL = "dh_fzsh", "江州市司法局"


def _materials(case: Case) -> None:
    """The 立案审批表 a submission needs (the case demo generates only a few documents)."""
    from zhifa.cases.documents import generate

    if not case.documents.filter(kind="register_approval").exists():
        generate(actor=None, case=case, kind="register_approval")


def _submit(case: Case, decision) -> Review:
    _materials(case)
    data = services.ProposalInput.from_decision(
        decision,
        f"拟{cases_demo._penalty_text(decision)}。",
        suspected_crime=False,
        crime_note="未达刑事立案追诉标准",
    )
    return services.review_submit(actor=None, case=case, data=data)


def _agree(review: Review) -> dict:
    """Every point agreed; a point the automatic pre-check marks ✗ answered with the reviewer's reason."""
    flagged = {finding.point for finding in precheck.defects(review)}
    reason = "经核实，相关材料已在案卷中（签字扫描件），不影响决定的合法性"
    return {point: {"ok": True, "comment": reason if point in flagged else ""} for point in CheckPoint.values}


def _pass(review: Review, index: int, decision) -> None:
    reviewer = review.reviewer
    if index == 1:  # 存在问题 → answered point by point → agreed at the second round
        review = services.review_give_opinion(
            actor=reviewer, review=review, checklist={**_agree(review), **DISCRETION_PROBLEM}
        )
        data = services.ProposalInput.from_decision(
            decision, "已补充从重情节的事实依据。", suspected_crime=False
        )
        answers = {CheckPoint.DISCRETION.value: "已补充当事人一年内再次违法的处罚决定书作为从重依据"}
        review = services.review_resubmit(actor=None, review=review, data=data, answers=answers)
        services.review_give_opinion(actor=reviewer, review=review, checklist=_agree(review))
    elif index == 2:  # the unit disagrees → 集体讨论 overrules the opinion
        review = services.review_give_opinion(
            actor=reviewer, review=review, checklist={**_agree(review), **FACTS_PROBLEM}
        )
        services.review_dispute(actor=None, review=review, reason="现有抽样检验报告已附卷，证据充分")
        services.review_resolve(
            actor=None,
            review=review,
            method=ResolutionMethod.COLLECTIVE,
            outcome=ResolutionOutcome.OVERRULE,
            note="局务会议集体讨论：检验报告已在证据材料中，事实清楚，按拟处理意见办理。",
        )
    else:
        services.review_give_opinion(actor=reviewer, review=review, checklist=_agree(review))


def _pool() -> None:
    justice, user = (
        Agency.objects.filter(name=POOL).first(),
        User.objects.filter(username=POOL_REVIEWER).first(),
    )
    if justice and user and not PoolMember.objects.filter(justice=justice, user=user).exists():
        services.pool_add(actor=None, justice=justice, user=user)


def load(out) -> None:
    _pool()
    reviewed = 0
    waiting, cases_demo.awaiting_review[:] = list(cases_demo.awaiting_review), []
    for index, item in enumerate(waiting):
        review = _submit(item.case, item.decision)
        _pass(review, index, item.decision)
        cases_demo.carry_on(
            Case.objects.get(pk=item.case.pk), item.made, item.decision, item.evidence, item.documents
        )
        reviewed += 1
    pending = 0
    for case in Case.objects.filter(
        status=CaseStatus.HEARING, is_complex=True, review__isnull=True, evidence__isnull=False
    ).distinct():
        from zhifa.cases.services import DecisionInput
        from zhifa.core.workdays import add_workdays

        proposal = DecisionInput(
            kind="penalty",
            decided_on=add_workdays(case.notified_on, 10),
            reasoning="",
            fine=None,
            measures=(PenaltyMeasure.WARNING,),
        )
        _submit(case, proposal)
        pending += 1
    out.write(
        f"法制审核：审核通过后作出决定 {reviewed} 件，待审核 {pending} 件；协作库 {PoolMember.objects.count()} 人"
    )
