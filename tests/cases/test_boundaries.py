"""The case clocks and limits through the services, at the limit, one below and one above (issue 19, 7e):
the 5-working-day hearing request, the 7-working-day service, the 200 / 3000 yuan simple procedure."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.cases.conftest import ON, intake, penalty
from tests.helpers import paperwork
from zhifa.cases import services
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case

pytestmark = pytest.mark.django_db


def notified(case, handler_user, on=date(2026, 3, 10)):
    case = paperwork(case, "submit-review")
    case = services.case_submit_for_review(actor=handler_user, case=case, report="调查终结，事实清楚。")
    case = services.case_notify(
        actor=handler_user, case=case, on=on, proposed="拟罚款70000元", hearing_rights=True
    )
    return paperwork(case, "decide", "penalty")


@pytest.mark.parametrize(
    ("on", "allowed"),
    [(date(2026, 3, 16), True), (date(2026, 3, 17), True), (date(2026, 3, 18), False)],
)
def test_a_hearing_request_within_five_working_days_of_the_notice(registered, handler_user, on, allowed):
    """Notified on Tuesday 2026-03-10: the fifth working day is Tuesday 03-17."""
    case = notified(registered, handler_user)
    assert case.hearing_deadline == date(2026, 3, 17)
    if allowed:
        case = services.case_request_hearing(actor=handler_user, case=case, on=on)
        assert case.status == CaseStatus.HEARING
    else:
        with pytest.raises(ValidationError) as exc:
            services.case_request_hearing(actor=handler_user, case=case, on=on)
        assert exc.value.message_dict == {"hearing": ["听证申请期限已于2026-03-17届满"]}
        case.refresh_from_db()
        assert (case.status, case.hearing_requested) == (CaseStatus.NOTIFIED, False)


@pytest.mark.parametrize(
    ("on", "late"), [(date(2026, 3, 30), False), (date(2026, 3, 31), False), (date(2026, 4, 1), True)]
)
def test_service_within_seven_working_days_of_the_decision(registered, leader, handler_user, on, late):
    """Decided on Friday 2026-03-20: the seventh working day is Tuesday 03-31."""
    case = services.case_decide(actor=leader, case=notified(registered, handler_user), decision=penalty())
    case = services.case_serve(
        actor=handler_user, case=paperwork(case, "serve"), on=on, method="post", recipient="当事人"
    )
    assert case.services.get().late is late


def simple(agencies, handler_user, officers, fine, kind):
    from zhifa.core.validators import id_number_with_check

    party = (
        services.PartyInput(kind="person", name="王某", id_number=id_number_with_check("11010119900101123"))
        if kind == "person"
        else intake().party
    )
    return services.case_simple(
        actor=handler_user,
        agency=agencies["east_market"],
        data=intake(codes=("SCJG-CF-004",), party=party),
        handlers=[(officers[0], "lead"), (officers[1], "co")],
        decision=services.DecisionInput(kind="penalty", decided_on=ON, reasoning="", fine=Decimal(fine)),
        recipient="王某",
    )


@pytest.mark.parametrize(
    ("kind", "fine", "limit"),
    [
        ("person", "199.99", None),
        ("person", "200", None),
        ("person", "200.01", "200"),
        ("organisation", "2999", None),
        ("organisation", "3000", None),
        ("organisation", "3000.01", "3000"),
    ],
)
def test_the_simple_procedure_up_to_200_or_3000_yuan(
    agencies, catalogue, handler_user, officers, kind, fine, limit
):
    if limit is None:
        case = simple(agencies, handler_user, officers, fine, kind)
        assert (case.status, case.decision.fine) == (CaseStatus.SERVED, Decimal(fine))
    else:
        with pytest.raises(ValidationError) as exc:
            simple(agencies, handler_user, officers, fine, kind)
        assert exc.value.message_dict == {
            "fine": [f"简易程序罚款不得超过¥{Decimal(limit):,.2f}，请适用普通程序"]
        }
        assert not Case.objects.exists()
