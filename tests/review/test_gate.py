"""The gate: a major decision cannot be made without a passed review covering it — through the
services (which the pages and the API call), and not through the admin either."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.helpers import paperwork
from tests.review.conftest import all_pass, notify, penalty, proposal
from zhifa.cases import services as cases
from zhifa.cases.models import Case, Decision
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.review import services
from zhifa.review.gate import major_reasons

pytestmark = pytest.mark.django_db


def refused(leader, case, decision) -> str:
    with pytest.raises(ValidationError) as error:
        cases.case_decide(actor=leader, case=case, decision=decision)
    assert not Decision.objects.filter(case=case).exists()
    return str(error.value)


def test_a_major_decision_without_review_is_refused(investigated, leader, handler_user):
    case = notify(investigated, handler_user)
    assert "尚未送法制审核" in refused(leader, case, penalty())


@pytest.mark.parametrize("opinion", [None, "problems"])
def test_a_review_that_has_not_passed_does_not_open_the_gate(
    submitted, reviewer, leader, handler_user, opinion
):
    if opinion:
        services.review_give_opinion(actor=reviewer, review=submitted, checklist=all_pass(facts="证据不足"))
    case = notify(Case.objects.get(pk=submitted.case_id), handler_user)
    assert "未经法制审核或者审核未通过" in refused(leader, case, penalty()).replace("或审核", "或者审核")


@pytest.mark.parametrize(
    ("decision", "reason"),
    [
        (penalty("80000"), "罚款¥80,000.00重于审核通过的¥70,000.00"),
        (penalty(measures=[PenaltyMeasure.REVOKE_LICENCE]), "不含吊销许可证件"),
        (penalty(confiscation=Decimal("100")), "没收违法所得¥100.00重于"),
    ],
)
def test_a_decision_heavier_than_the_reviewed_one_is_refused(passed, leader, handler_user, decision, reason):
    case = notify(passed.case, handler_user)
    assert reason in refused(leader, case, decision)


def test_a_lighter_decision_than_the_reviewed_one_is_allowed(passed, leader, handler_user):
    case = notify(passed.case, handler_user)
    cases.case_decide(actor=leader, case=case, decision=penalty("65000"))
    assert Decision.objects.get(case=case).fine == 65000


def test_a_different_kind_of_decision_is_refused(submitted, reviewer, leader, handler_user):
    case = submitted.case
    case.is_complex = True  # a complex case is major whatever the decision
    case.save(update_fields=["is_complex"])
    services.review_give_opinion(actor=reviewer, review=submitted, checklist=all_pass())
    no_penalty = cases.DecisionInput(kind="no_penalty", decided_on=date(2026, 3, 20), reasoning="初次违法……")
    assert "决定类型与审核通过的" in refused(leader, case, no_penalty)


def test_what_makes_a_decision_major(investigated):
    case = investigated
    assert major_reasons(case, penalty("50000")) and not major_reasons(case, penalty("49999"))
    assert major_reasons(case, penalty("100", measures=[PenaltyMeasure.SUSPEND_BUSINESS])) == ["责令停产停业"]
    case.hearing_held_on = date(2026, 3, 15)
    assert "经过听证" in major_reasons(case, penalty("100"))
    case.hearing_held_on, case.is_complex = None, True
    assert major_reasons(case, penalty("100")) == ["负责人认定的疑难复杂案件"]


def test_a_minor_fine_is_not_gated(investigated, leader, handler_user):
    case = notify(investigated, handler_user)
    cases.case_decide(
        actor=leader,
        case=case,
        decision=penalty("20000", deviation_reason="减轻处罚：当事人主动消除危害后果"),
    )
    assert Decision.objects.get(case=case).fine == 20000


def test_the_simple_procedure_never_qualifies(agencies, catalogue, officers, handler_user):
    from tests.review.conftest import intake

    case = cases.case_simple(
        actor=handler_user,
        agency=agencies["east_market"],
        data=intake(codes=("SCJG-CF-003",)),
        handlers=[(officers[0], "lead"), (officers[1], "co")],
        decision=cases.DecisionInput(
            kind="penalty", decided_on=date(2026, 3, 2), reasoning="当场", measures=[PenaltyMeasure.WARNING]
        ),
        recipient="",
    )
    assert case.decision.measures == ["warning"]


def test_submission_is_refused_when_materials_are_missing(registered, handler_user, body):
    case = cases.case_record_step(actor=handler_user, case=registered, step="on_site", note="检查")
    case = cases.case_submit_for_review(  # 调查终结 itself needs the 立案审批表 (and the 检查笔录)
        actor=handler_user, case=paperwork(case, "submit-review"), report="调查终结"
    )
    with pytest.raises(ValidationError) as error:
        services.review_submit(actor=handler_user, case=case, data=proposal(proposal=""))
    assert "送审材料不全，缺少：拟处理意见、证据材料" in str(error.value)
    assert not case.__class__.objects.get(pk=case.pk).__dict__.get("review")
    from zhifa.review.models import Review

    assert not Review.objects.exists()


def test_submission_before_the_investigation_ends_is_refused(registered, handler_user):
    with pytest.raises(ValidationError) as error:
        services.review_submit(actor=handler_user, case=registered, data=proposal())
    assert "调查终结后" in str(error.value)
