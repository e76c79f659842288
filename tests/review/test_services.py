"""The review loop through the services: submission, opinion, resubmission, disagreement."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.review.conftest import all_pass, notify, penalty, proposal
from zhifa.cases import services as cases
from zhifa.cases.models import Decision
from zhifa.core.models import Record
from zhifa.review import services
from zhifa.review.choices import OpinionResult, ResolutionMethod, ResolutionOutcome, ReviewStatus

pytestmark = pytest.mark.django_db


def test_submission_assigns_the_agencys_reviewer_with_a_five_workday_clock(submitted, reviewer):
    assert submitted.reviewer == reviewer and not submitted.from_pool
    first = submitted.rounds.get()
    assert first.number == 1 and first.fine == 70000 and first.due_on == submitted.due_on
    assert submitted.due_on > date.today()
    assert Record.objects.for_subject(submitted).get().action == "review.submit"


def test_a_passed_review_lets_the_major_decision_through(passed, leader, handler_user):
    case = notify(passed.case, handler_user)
    cases.case_decide(actor=leader, case=case, decision=penalty())
    assert Decision.objects.get(case=case).fine == 70000


def test_problems_are_answered_point_by_point_and_every_round_is_kept(submitted, reviewer, handler_user):
    review = services.review_give_opinion(
        actor=reviewer, review=submitted, checklist=all_pass(discretion="罚款偏高，未说明从重情节")
    )
    assert review.status == ReviewStatus.PROBLEMS
    with pytest.raises(ValidationError) as refused:
        services.review_resubmit(actor=handler_user, review=review, data=proposal(), answers={})
    assert "裁量基准运用是否适当" in str(refused.value)
    review = services.review_resubmit(
        actor=handler_user, review=review, data=proposal("60000"), answers={"discretion": "已调整为60000元"}
    )
    review = services.review_give_opinion(actor=reviewer, review=review, checklist=all_pass())
    first, second = review.rounds.order_by("number")
    assert (first.result, second.result) == (OpinionResult.PROBLEMS, OpinionResult.AGREE)
    assert second.answers == {"discretion": "已调整为60000元"} and second.fine == 60000
    assert review.status == ReviewStatus.PASSED and first.opinion_number != second.opinion_number


def test_a_disagreement_goes_to_collective_discussion(submitted, reviewer, handler_user, head):
    review = services.review_give_opinion(
        actor=reviewer, review=submitted, checklist=all_pass(facts="证据不足")
    )
    services.review_dispute(actor=handler_user, review=review, reason="证据已足以认定")
    review.refresh_from_db()
    assert review.status == ReviewStatus.DISPUTED
    dispute = services.review_resolve(
        actor=head,
        review=review,
        method=ResolutionMethod.COLLECTIVE,
        outcome=ResolutionOutcome.OVERRULE,
        note="局长办公会讨论，认为证据充分",
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.PASSED and review.passed_by == ResolutionMethod.COLLECTIVE
    assert dispute.outcome == ResolutionOutcome.OVERRULE
    assert [r.action for r in Record.objects.for_subject(review).order_by("seq")] == [
        "review.submit",
        "review.opinion",
        "review.dispute",
        "review.resolve",
    ]


def test_upholding_the_opinion_sends_it_back_to_the_unit(submitted, reviewer, handler_user, head):
    review = services.review_give_opinion(
        actor=reviewer, review=submitted, checklist=all_pass(facts="证据不足")
    )
    services.review_dispute(actor=handler_user, review=review, reason="不同意")
    services.review_resolve(
        actor=head,
        review=review,
        method=ResolutionMethod.HEAD,
        outcome=ResolutionOutcome.UPHOLD,
        note="局长决定采纳",
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.PROBLEMS


def test_invited_opinion_and_pre_review_for_a_complex_case(submitted, reviewer, supervisor, agencies):
    case = submitted.case
    case.is_complex = True
    case.save(update_fields=["is_complex"])
    invited = services.review_invite_opinion(
        actor=reviewer, review=submitted, author="王律师", role="legal_adviser", text="建议补充检验报告"
    )
    assert invited.get_role_display() == "法律顾问"
    pre = services.review_request_pre_review(actor=reviewer, review=submitted, question="是否构成从重情节")
    assert pre.justice == agencies["east_justice"]
    services.review_answer_pre_review(actor=supervisor, pre_review=pre, opinion="同意从重")
    pre.refresh_from_db()
    assert pre.opinion == "同意从重" and pre.answered_by == supervisor


def test_annual_figures_and_agency_statistics(submitted, reviewer, handler_user, agencies):
    from django.utils import timezone

    from zhifa.core.annual import figures_for
    from zhifa.review.selectors import agency_stats

    review = services.review_give_opinion(
        actor=reviewer, review=submitted, checklist=all_pass(law="条款错误")
    )
    review = services.review_resubmit(
        actor=handler_user, review=review, data=proposal(), answers={"law": "已更正"}
    )
    services.review_give_opinion(actor=reviewer, review=review, checklist=all_pass())
    year = timezone.localdate().year
    figures = {f.key: f.value for f in figures_for(agencies["east_market"], year) if f.section == "法制审核"}
    assert figures["review.cases"] == 1 and figures["review.done"] == 2
    assert figures["review.first_round_passed"] == 0 and figures["review.problems"] == 1
    from zhifa.core.models import Agency

    [stats] = agency_stats(Agency.objects.filter(pk=agencies["east_market"].pk), year)
    assert (stats.done, stats.first_round_rate, stats.average_days) == (2, 0.0, 0.0)
    assert (stats.reviewers, stats.officers, stats.ratio_met) == (
        1,
        3,
        True,
    )  # 张伟, 李娜 and 刘洋 (the leader)


def test_the_review_time_limit_is_configurable(investigated, handler_user, reviewer, settings):
    from django.utils import timezone

    from tests.review.conftest import proposal as make_proposal
    from zhifa.core.workdays import add_workdays

    settings.ZHIFA_REVIEW_WORKDAYS = 3
    review = services.review_submit(actor=handler_user, case=investigated, data=make_proposal())
    assert review.due_on == add_workdays(timezone.localdate(), 3)
