"""Disclosure workflow: drafts from events with deadlines on working days, approval, withholding,
correction (supersession), withdrawal after 复议/诉讼 on a 3-working-day clock, and expiry."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404

from tests.publicity.conftest import DECIDED_ON, PERSON_ID, published, register
from zhifa.cases.models import Decision
from zhifa.core import events, workdays
from zhifa.core.models import Record
from zhifa.publicity import services
from zhifa.publicity.choices import DisclosureKind, DisclosureStatus
from zhifa.publicity.models import Disclosure
from zhifa.publicity.workbench import pending


def drafts():
    return Disclosure.objects.filter(status=DisclosureStatus.DRAFT)


class TestDraftFromCaseDecision:
    def test_simple_procedure_penalty_is_drafted_due_in_7_working_days(self, simple_decision):
        case = simple_decision()
        d = Disclosure.objects.get()
        assert (d.kind, d.status, d.number) == (DisclosureKind.PENALTY, DisclosureStatus.DRAFT, case.number)
        assert d.due_on == workdays.add_workdays(DECIDED_ON, 7) == date(2026, 3, 11)
        assert d.conclusion == "罚款¥200.00"

    def test_the_draft_is_masked_from_an_allow_list(self, simple_decision):
        simple_decision(name="王小明")
        d = Disclosure.objects.get()
        assert d.subject_name == "王某某" and d.credit_code == ""
        for private in ("王小明", PERSON_ID, "13912345678", "幸福路8号"):
            assert private not in d.summary + d.conclusion + d.subject_name
        assert "销售过期食品" in d.summary

    def test_no_penalty_gets_20_working_days_and_transfer_is_not_disclosed(self, simple_decision):
        case = simple_decision()
        Disclosure.objects.all().delete()
        decision = Decision.objects.get(case=case)
        decision.kind = "no_penalty"
        d = services.draft_for_decision(case=case, decision=decision)
        assert d.kind == DisclosureKind.NO_PENALTY and d.conclusion == "不予行政处罚"
        assert d.due_on == workdays.add_workdays(DECIDED_ON, 20)
        Disclosure.objects.all().delete()
        decision.kind = "transfer"
        assert services.draft_for_decision(case=case, decision=decision) is None
        assert not Disclosure.objects.exists()

    def test_the_same_decision_is_drafted_once(self, simple_decision):
        case = simple_decision()
        services.draft_for_decision(case=case, decision=case.decision)
        assert Disclosure.objects.count() == 1


def test_inspection_result_event_drafts_a_20_day_disclosure(agencies):
    agency = agencies["east_market"]
    events.publish(
        "inspection.result_recorded",
        source=agency,
        agency=agency,
        actor=None,
        subject_kind="person",
        subject_name="李四",
        credit_code="",
        items=["食品经营抽查"],
        result="未发现问题",
        inspected_on=DECIDED_ON,
        summary="检查时李四（手机13800001111）在场。",
    )
    d = Disclosure.objects.get()
    assert (d.kind, d.subject_name, d.items) == (DisclosureKind.INSPECTION, "李某某", "食品经营抽查")
    assert d.due_on == workdays.add_workdays(DECIDED_ON, 20)
    assert "13800001111" not in d.summary and "李四" not in d.summary


def test_registered_licence_is_due_in_7_working_days_and_other_decisions_in_20(agencies, reviewer):
    licence = register(agencies["east_market"], reviewer)
    coercion = register(agencies["east_market"], reviewer, kind="coercion", conclusion="查封")
    assert licence.due_on == workdays.add_workdays(DECIDED_ON, 7)
    assert coercion.due_on == workdays.add_workdays(DECIDED_ON, 20)


def test_registering_for_another_agency_is_refused(agencies, reviewer):
    with pytest.raises(PermissionDenied):
        register(agencies["west_market"], reviewer)
    assert not Disclosure.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("subject_name", " "), ("conclusion", ""), ("kind", "penalty")])
def test_register_refuses_bad_input(agencies, reviewer, field, value):
    with pytest.raises(ValidationError) as exc:
        register(agencies["east_market"], reviewer, **{field: value})
    assert field in exc.value.message_dict
    assert not Disclosure.objects.exists()


class TestApproval:
    def test_publishing_freezes_the_entry_and_records_it(self, agencies, reviewer):
        d = published(agencies["east_market"], reviewer)
        record = Record.objects.get(action="publicity.publish")
        assert d.status == DisclosureStatus.PUBLISHED and d.record_hash == record.hash
        assert '"number":"东市监许〔2026〕1号"' in d.entry
        assert d.expires_on == d.published_on.replace(year=d.published_on.year + 5)

    def test_person_penalties_expire_after_two_years(self, simple_decision, reviewer):
        simple_decision()
        d = services.disclosure_publish(actor=reviewer, disclosure=Disclosure.objects.get())
        assert d.expires_on == d.published_on.replace(year=d.published_on.year + 2)

    def test_officers_may_not_approve(self, agencies, handler_user):
        d = register(agencies["east_market"], handler_user)
        with pytest.raises(PermissionDenied):
            services.disclosure_publish(actor=handler_user, disclosure=d)
        d.refresh_from_db()
        assert d.status == DisclosureStatus.DRAFT

    def test_another_agencys_reviewer_gets_404(self, agencies, west_reviewer):
        d = register(agencies["east_market"])
        with pytest.raises(Http404):
            services.disclosure_publish(actor=west_reviewer, disclosure=d)

    def test_a_published_entry_cannot_be_edited(self, agencies, reviewer):
        d = published(agencies["east_market"], reviewer)
        with pytest.raises(ValidationError, match="更正"):
            services.disclosure_edit(actor=reviewer, disclosure=d, conclusion="改", summary="")

    def test_withheld_with_reason_is_never_published(self, agencies, reviewer):
        d = register(agencies["east_market"], reviewer)
        services.disclosure_withhold(actor=reviewer, disclosure=d, reason="minor", note="当事人为未成年人")
        with pytest.raises(ValidationError):
            services.disclosure_publish(actor=reviewer, disclosure=d)
        d.refresh_from_db()
        assert (d.status, d.withheld_reason) == (DisclosureStatus.WITHHELD, "minor")


def test_correction_supersedes_the_old_version(agencies, reviewer, client):
    old = published(agencies["east_market"], reviewer)
    new = services.disclosure_correct(
        actor=reviewer,
        disclosure=old,
        conclusion="准予许可（有效期五年）",
        summary="更正",
        note="结论漏写有效期",
    )
    old.refresh_from_db()
    assert old.status == DisclosureStatus.PUBLISHED  # still public until the correction is approved
    services.disclosure_publish(actor=reviewer, disclosure=new)
    old.refresh_from_db()
    assert (old.status, new.version, old.entry) == (DisclosureStatus.SUPERSEDED, 2, old.entry)
    page = client.get(f"/gs/decisions/{old.pk}/").content.decode()
    assert "已被更正" in page and f"/gs/decisions/{new.pk}/" in page


class TestWithdrawal:
    def challenge(self, voids=True):
        return SimpleNamespace(
            kind="reconsideration",
            get_kind_display=lambda: "行政复议",
            outcome="revoked",
            concluded_on=date(2026, 4, 30),
            note="复议机关撤销原处罚决定",
            voids_decision=voids,
        )

    def test_voided_decision_must_be_withdrawn_within_3_working_days(self, simple_decision, reviewer, client):
        case = simple_decision()
        d = services.disclosure_publish(actor=reviewer, disclosure=Disclosure.objects.get())
        events.publish("case.decision_challenged", case=case, challenge=self.challenge(), actor=None)
        d.refresh_from_db()
        # 4.30 is a Thursday before the May Day holiday: three working days end on 5.8 (5.9 is a make-up day).
        assert d.withdraw_due == workdays.add_workdays(date(2026, 4, 30), 3)
        assert "行政复议" in d.withdraw_reason
        items = pending(reviewer, today=date(2026, 5, 20))
        assert [i.overdue for i in items if "撤回" in i.title] == [True]
        services.disclosure_withdraw(actor=reviewer, disclosure=d, reason="")
        response = client.get(f"/gs/decisions/{d.pk}/")
        body = response.content.decode()
        assert response.status_code == 404 and "已撤回" in body and "行政复议" in body
        assert "罚款" not in body
        assert client.get(f"/gs/decisions/{d.pk}/proof.json").status_code == 404

    def test_real_challenge_outcome_from_the_cases_app(self, simple_decision, reviewer, handler_user):
        from zhifa.cases import services as cases

        case = simple_decision()
        services.disclosure_publish(actor=reviewer, disclosure=Disclosure.objects.get())
        challenge = cases.case_challenge_file(
            actor=handler_user, case=case, kind="litigation", organ="东区人民法院", filed_on=date(2026, 3, 10)
        )
        cases.case_challenge_conclude(
            actor=handler_user, challenge=challenge, outcome="revoked", on=date(2026, 6, 1), note="判决撤销"
        )
        d = Disclosure.objects.get()
        assert d.withdraw_due == workdays.add_workdays(date(2026, 6, 1), 3)
        assert "行政诉讼撤销" in d.withdraw_reason

    def test_a_challenge_that_upholds_changes_nothing(self, simple_decision, reviewer):
        case = simple_decision()
        services.schedule_withdrawal(case=case, challenge=self.challenge(voids=False))
        assert Disclosure.objects.get().withdraw_due is None

    def test_an_unpublished_draft_is_withheld_instead(self, simple_decision):
        case = simple_decision()
        services.schedule_withdrawal(case=case, challenge=self.challenge())
        d = Disclosure.objects.get()
        assert (d.status, d.withheld_reason) == (DisclosureStatus.WITHHELD, "voided")


def test_expiry_command_takes_entries_down_and_records_it(agencies, reviewer, client):
    d = published(agencies["east_market"], reviewer)
    call_command("publicity-expire", "--today", (d.expires_on).isoformat())
    d.refresh_from_db()
    assert d.status == DisclosureStatus.EXPIRED
    assert Record.objects.filter(action="publicity.expire", subject_id=str(d.pk)).exists()
    assert client.get(f"/gs/decisions/{d.pk}/").status_code == 404


def test_workbench_shows_near_due_and_overdue_drafts(agencies, reviewer, make_user, other_officer):
    register(agencies["east_market"], reviewer)
    items = pending(reviewer, today=date(2026, 3, 20))
    assert len(items) == 1 and items[0].overdue and "公示期限2026-03-11" in items[0].title
    assert pending(reviewer, today=date(2026, 3, 2)) == []  # 7 working days away: not yet near
    assert pending(other_officer, today=date(2026, 3, 20)) == []
