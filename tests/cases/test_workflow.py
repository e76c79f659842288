"""The ordinary and simple procedures as a state machine: every guard refuses with its reason and
writes nothing; every step is a record."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.cases.conftest import ON, hearing_host, intake, penalty
from tests.factories import OfficerFactory
from tests.helpers import paperwork
from tests.review.helpers import pass_review
from zhifa.cases import services
from zhifa.cases.choices import CaseStatus, HandlerRole
from zhifa.cases.models import Case, Decision
from zhifa.core import records
from zhifa.core.models import Record
from zhifa.registry.choices import PersonKind

pytestmark = pytest.mark.django_db


def notified(case, handler_user, on=date(2026, 3, 10), hearing=True):
    """Investigated, notified, with the documents of those steps and of the decision that follows."""
    case = paperwork(case, "submit-review")
    case = services.case_submit_for_review(actor=handler_user, case=case, report="调查终结，事实清楚。")
    case = services.case_notify(
        actor=handler_user, case=case, on=on, proposed="拟罚款70000元", hearing_rights=hearing
    )
    return paperwork(case, "decide", "penalty")


class TestIntake:
    def test_item_of_another_agency_is_refused_with_a_transfer_suggestion(
        self, agencies, catalogue, handler_user
    ):
        with pytest.raises(ValidationError, match="建议移送"):
            services.case_intake(
                actor=handler_user, agency=agencies["east_market"], data=intake(codes=("OTHER-1",))
            )
        assert not Case.objects.exists()

    def test_party_identifiers_are_validated(self, agencies, catalogue, handler_user):
        bad = intake(party=services.PartyInput(kind="person", name="王某", id_number="110101199001011230"))
        with pytest.raises(ValidationError) as exc:
            services.case_intake(actor=handler_user, agency=agencies["east_market"], data=bad)
        assert "party_id_number" in exc.value.message_dict
        assert not Case.objects.exists()

    def test_intake_refers_to_the_version_in_force(self, new_case, catalogue):
        assert new_case.catalog_version == catalogue and new_case.status == CaseStatus.INTAKE
        assert Record.objects.for_subject(new_case).first().action == "case.intake"

    def test_another_agencys_officer_cannot_open_cases_here(self, agencies, catalogue, other_officer):
        with pytest.raises(PermissionDenied):
            services.case_intake(actor=other_officer, agency=agencies["east_market"], data=intake())


class TestHandlers:
    def test_auxiliary_staff_cannot_be_lead(self, new_case, handler_user, agencies):
        helper = OfficerFactory(agency=agencies["east_market"], kind=PersonKind.AUXILIARY)
        with pytest.raises(ValidationError, match="辅助人员"):
            services.case_assign(actor=handler_user, case=new_case, handlers=[(helper, HandlerRole.LEAD)])
        services.case_assign(
            actor=handler_user,
            case=new_case,
            handlers=[
                *[(h.officer, h.role) for h in new_case.handlers.all()],
                (helper, HandlerRole.ASSISTANT),
            ],
        )
        assert new_case.handlers.count() == 3

    def test_register_needs_two_certified_handlers(self, agencies, catalogue, handler_user, leader, officers):
        case = services.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake())
        services.case_assign(actor=handler_user, case=case, handlers=[(officers[0], HandlerRole.LEAD)])
        with pytest.raises(ValidationError, match="不得少于两人"):
            services.case_register(actor=leader, case=case, on=ON)
        case.refresh_from_db()
        assert case.status == CaseStatus.INTAKE and not case.number

    def test_expired_certificate_on_the_date_is_refused(self, new_case, leader, officers):
        officers[1].certificates.update(expires_on=date(2026, 3, 1))
        with pytest.raises(ValidationError, match="李娜"):
            services.case_register(actor=leader, case=new_case, on=ON)


class TestOrdinaryProcedure:
    def test_register_numbers_the_case_and_starts_the_90_day_clock(self, registered):
        assert registered.status == CaseStatus.INVESTIGATING
        assert registered.number.endswith("〔2026〕1号")
        assert registered.decision_due == date(2026, 5, 31)

    def test_only_a_leader_registers(self, new_case, handler_user):
        with pytest.raises(PermissionDenied):
            services.case_register(actor=handler_user, case=new_case, on=ON)

    def test_penalty_needs_notice_first(self, registered, leader, handler_user):
        services.case_submit_for_review(
            actor=handler_user, case=paperwork(registered, "submit-review"), report="调查终结"
        )
        with pytest.raises(ValidationError, match="须先事先告知"):
            services.case_decide(actor=leader, case=registered, decision=penalty())
        assert not Decision.objects.exists()

    def test_full_cycle_to_archive(self, registered, leader, handler_user):
        case = notified(registered, handler_user)
        assert case.hearing_deadline == date(2026, 3, 17)  # five working days
        case = services.case_decide(actor=leader, case=case, decision=penalty())
        assert case.status == CaseStatus.DECIDED and case.decision.number.endswith("〔2026〕1号")
        assert (case.decision.level, case.decision.recommended_max) == ("ordinary", Decimal("80000.00"))
        case = services.case_serve(
            actor=handler_user,
            case=paperwork(case, "serve"),
            on=date(2026, 3, 23),
            method="direct",
            recipient="法定代表人",
        )
        case = services.case_execute(
            actor=handler_user, case=case, kind="paid", on=date(2026, 4, 1), amount=Decimal(70000)
        )
        case = services.case_close(actor=leader, case=case, on=date(2026, 4, 2), summary="已执行完毕")
        case = services.case_archive(actor=handler_user, case=paperwork(case, "archive"))
        assert case.status == CaseStatus.ARCHIVED
        actions = [
            f"{action} {json.loads(payload).get('kind', '')}".strip() if action == "case.document" else action
            for action, payload in Record.objects.for_subject(case).values_list("action", "payload")
        ]
        assert actions == [
            "case.intake",
            "case.assign",
            "case.register",
            "case.document register_approval",
            "case.submit_review",
            "case.notify",
            "case.document penalty_notice",
            "case.decide",
            "case.document penalty_decision",
            "case.document service_receipt",
            "case.serve",
            "case.execute",
            "case.close",
            "case.document closing_report",
            "case.archive",
        ]
        assert records.verify().ok

    def test_hearing_requested_must_be_held_before_deciding(self, registered, leader, handler_user):
        case = notified(registered, handler_user)
        with pytest.raises(ValidationError, match="期限已于"):
            services.case_request_hearing(actor=handler_user, case=case, on=date(2026, 3, 18))
        case = services.case_request_hearing(actor=handler_user, case=case, on=date(2026, 3, 17))
        with pytest.raises(ValidationError, match="须先组织听证"):
            services.case_decide(actor=leader, case=case, decision=penalty())
        case = services.case_hold_hearing(
            actor=handler_user,
            case=case,
            on=date(2026, 3, 19),
            summary="当事人到场陈述",
            host=hearing_host(case.agency),
        )
        pass_review(case, penalty())  # after a hearing the decision is major: 法制审核 first
        assert services.case_decide(actor=leader, case=case, decision=penalty()).status == CaseStatus.DECIDED

    def test_decision_after_90_days_needs_an_extension(self, registered, leader, handler_user):
        case = notified(registered, handler_user)
        late = penalty(decided_on=date(2026, 6, 1))
        with pytest.raises(ValidationError, match="延长办案期限"):
            services.case_decide(actor=leader, case=case, decision=late)
        services.case_extend(actor=leader, case=case, days=30, reason="案情复杂")
        assert services.case_decide(actor=leader, case=case, decision=late).status == CaseStatus.DECIDED

    def test_fine_above_the_statutory_maximum_is_refused(self, registered, leader, handler_user):
        case = notified(registered, handler_user)
        with pytest.raises(ValidationError, match="超出法定上限"):
            services.case_decide(
                actor=leader, case=case, decision=penalty(fine="150000", deviation_reason="顶格")
            )

    def test_fine_outside_the_benchmark_needs_a_reason(self, registered, leader, handler_user):
        case = notified(registered, handler_user)
        with pytest.raises(ValidationError, match="须书面说明理由"):
            services.case_decide(actor=leader, case=case, decision=penalty(fine="95000"))
        case = services.case_decide(
            actor=leader, case=case, decision=penalty(fine="95000", deviation_reason="多次违法，从重")
        )
        assert case.decision.deviation_reason == "多次违法，从重"

    def test_transfer_ends_the_case(self, registered, leader):
        decision = services.DecisionInput(
            kind="transfer", decided_on=date(2026, 3, 5), reasoning="涉嫌犯罪", transfer_to="东区公安分局"
        )
        case = paperwork(registered, "decide", "ends")
        assert services.case_decide(actor=leader, case=case, decision=decision).status == CaseStatus.CLOSED

    def test_late_service_is_recorded_as_late(self, registered, leader, handler_user):
        case = services.case_decide(actor=leader, case=notified(registered, handler_user), decision=penalty())
        case = services.case_serve(
            actor=handler_user,
            case=paperwork(case, "serve"),
            on=date(2026, 4, 2),
            method="post",
            recipient="当事人",
        )
        assert case.services.get().late  # 7 working days after 3-20 is 3-31

    def test_a_step_out_of_order_is_refused(self, registered, handler_user):
        with pytest.raises(ValidationError, match="不能送达"):
            services.case_serve(actor=handler_user, case=registered, on=ON, method="direct", recipient="x")


class TestAudioVideo:
    def test_required_recording_blocks_the_review(self, agencies, catalogue, handler_user, leader, officers):
        case = services.case_intake(
            actor=handler_user, agency=agencies["east_market"], data=intake(codes=("SCJG-QZ-001",))
        )
        services.case_assign(
            actor=handler_user, case=case, handlers=[(officers[0], "lead"), (officers[1], "co")]
        )
        case = paperwork(services.case_register(actor=leader, case=case, on=ON), "submit-review")
        with pytest.raises(ValidationError, match="音像记录"):
            services.case_submit_for_review(actor=handler_user, case=case, report="调查终结")


class TestSimpleProcedure:
    def simple(self, agencies, handler_user, officers, fine, kind="organisation"):
        from zhifa.core.validators import id_number_with_check

        party = (
            services.PartyInput(
                kind="person", name="王某", id_number=id_number_with_check("11010119900101123")
            )
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

    def test_on_the_spot_fine_within_the_limit(self, agencies, catalogue, handler_user, officers):
        case = self.simple(agencies, handler_user, officers, "3000")
        assert case.status == CaseStatus.SERVED and case.number.startswith("测")
        assert case.services.get().method == "on_spot"

    @pytest.mark.parametrize(("kind", "fine"), [("person", "201"), ("organisation", "3001")])
    def test_above_the_limit_needs_the_ordinary_procedure(
        self, agencies, catalogue, handler_user, officers, kind, fine
    ):
        with pytest.raises(ValidationError, match="请适用普通程序"):
            self.simple(agencies, handler_user, officers, fine, kind)
        assert not Case.objects.exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_racing_transitions_exactly_one_wins(registered, leader, handler_user):
    from tests.concurrency import run_in_processes

    case = notified(registered, handler_user)
    results = run_in_processes(_decide, [(case.pk, leader.pk)] * 2)
    assert sorted(results) == ["refused", "won"]
    assert Decision.objects.filter(case=case).count() == 1


def _decide(case_pk, user_pk):
    from zhifa.accounts.models import User

    try:
        services.case_decide(
            actor=User.objects.get(pk=user_pk), case=Case.objects.get(pk=case_pk), decision=penalty()
        )
    except ValidationError:
        return "refused"
    return "won"
