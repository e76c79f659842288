"""行刑衔接 (seed 002 (八); seed 004 六(三); 国务院令第310号): a suspected crime is referred with its materials, the
leader decides within 3 days, the transfer follows within 24 hours; the police's answer is recorded; while
the referral is open the case is neither decided nor closed with a fine alone (不得以罚代刑); 反向移送, clues
to 纪检监察; the court enforcement application within 行政强制法 第五十三条's window."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.cases.conftest import penalty
from tests.collaboration.conftest import HandoffWrites
from tests.helpers import paperwork
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services as case_services
from zhifa.cases.choices import CaseStatus, ExecutionKind
from zhifa.cases.models import Case
from zhifa.collaboration.referrals import clocks, services
from zhifa.collaboration.referrals.choices import ReferralKind, ReferralStatus
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db

SERVE = {"on": date(2026, 3, 23), "method": "direct", "recipient": "法定代表人"}


@pytest.fixture(autouse=True)
def now(today):
    """The referrals' clock runs with the real clock (their times are stamped with timezone.now())."""
    return today(timezone.localdate())


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="market_head", real_name="杨帆")


@pytest.fixture
def notified(registered, handler_user):
    case = paperwork(registered, "submit-review")
    case = case_services.case_submit_for_review(actor=handler_user, case=case, report="调查终结，事实清楚。")
    return case_services.case_notify(
        actor=handler_user, case=case, on=date(2026, 3, 10), proposed="拟罚款70000元", hearing_rights=False
    )


def report(actor, on_case, agency, **overrides):
    data = {"kind": "criminal", "organ": "东区公安分局", "case": on_case, "facts": "货值金额较大，涉嫌生产、销售不符合安全标准的食品罪。",
            "materials": "涉嫌犯罪案件移送书；调查报告；证据材料清单"}  # fmt: skip
    return services.referral_report(
        actor=actor, agency=agency, data=services.ReportInput(**{**data, **overrides})
    )


def test_the_leader_approves_within_three_days_and_the_transfer_follows_within_24_hours(
    registered, handler_user, head, agencies, now
):
    referral = report(handler_user, registered, agencies["east_market"])
    assert (referral.status, referral.approval_due, referral.party) == (
        ReferralStatus.REPORTED,
        now + timedelta(days=3),
        "东区味美餐饮有限公司",
    )
    with pytest.raises(PermissionDenied):  # the handler does not approve
        services.referral_approve(actor=handler_user, referral=referral)
    services.referral_approve(actor=head, referral=referral)
    referral.refresh_from_db()
    assert referral.transfer_due_at == referral.approved_at + timedelta(hours=24)
    services.referral_transfer(actor=handler_user, referral=referral)
    services.referral_accept(
        actor=handler_user, referral=referral, on=timezone.localdate(), note="公安机关已立案"
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    actions = list(Record.objects.filter(subject_type="collaboration.referral", subject_id=str(referral.pk))
                   .order_by("seq").values_list("action", flat=True))  # fmt: skip
    assert actions == ["referral.report", "referral.approve", "referral.transfer", "referral.accept"]


def test_rejection_and_the_polices_refusal_need_their_reason(registered, handler_user, head, agencies):
    referral = report(handler_user, registered, agencies["east_market"])
    writes = HandoffWrites()
    with pytest.raises(ValidationError) as refused:
        services.referral_reject(actor=head, referral=referral, reason="")
    assert refused.value.message_dict == {"reason": ["请填写不批准移送的理由"]}
    services.referral_approve(actor=head, referral=referral)
    services.referral_transfer(actor=handler_user, referral=referral)
    writes = HandoffWrites()
    with pytest.raises(ValidationError) as not_filed:
        services.referral_not_file(actor=handler_user, referral=referral, on=timezone.localdate(), reason=" ")
    assert not_filed.value.message_dict == {"reason": ["请填写不予立案（不予受理）的理由"]}
    assert writes.none


def test_a_criminal_referral_needs_its_case_and_materials(handler_user, agencies, registered):
    writes = HandoffWrites()
    for overrides, field, message in [
        ({"case": None}, "case", "请选择移送的案件"),
        ({"materials": ""}, "materials", "请填写移送材料清单"),
        ({"organ": ""}, "organ", "请填写公安机关"),
    ]:
        with pytest.raises(ValidationError) as refused:
            report(handler_user, registered, agencies["east_market"], **overrides)
        assert refused.value.message_dict == {field: [message]}
    assert writes.none


def test_a_fine_alone_is_refused_while_the_criminal_referral_is_open(
    notified, handler_user, leader, agencies
):
    report(handler_user, notified, agencies["east_market"])
    ready = paperwork(notified, "decide", "penalty")
    writes = HandoffWrites()
    with pytest.raises(ValidationError) as refused:
        case_services.case_decide(actor=leader, case=ready, decision=penalty())
    assert refused.value.message_dict == {"kind": [
        "本案涉嫌犯罪已移送东区公安分局（待负责人审批），移送尚未办结，不得以罚代刑，不能仅作出罚款决定"
        "（《行政执法机关移送涉嫌犯罪案件的规定》第十一条）"]}  # fmt: skip
    notified.refresh_from_db()
    assert notified.status == CaseStatus.NOTIFIED and not hasattr(
        Case.objects.get(pk=notified.pk), "decision"
    )
    assert writes.new_records == 0


def test_closing_a_case_with_an_open_criminal_referral_is_refused(
    notified, handler_user, leader, head, agencies
):
    case = case_services.case_decide(
        actor=leader, case=paperwork(notified, "decide", "penalty"), decision=penalty()
    )
    case = case_services.case_serve(actor=handler_user, case=paperwork(case, "serve"), **SERVE)
    case = case_services.case_execute(actor=handler_user, case=case, kind=ExecutionKind.PAID, on=date(2026, 3, 30),
                                      amount=Decimal("70000"))  # fmt: skip
    referral = report(handler_user, case, agencies["east_market"])
    case = paperwork(case, "close")
    writes = HandoffWrites()
    with pytest.raises(ValidationError) as refused:
        case_services.case_close(actor=leader, case=case, on=date(2026, 4, 1), summary="罚款已缴纳，结案。")
    assert refused.value.message_dict == {"status": [
        "本案涉嫌犯罪已移送东区公安分局（待负责人审批），移送尚未办结，不得以罚代刑，不能仅以罚款结案"
        "（《行政执法机关移送涉嫌犯罪案件的规定》第十一条）"]}  # fmt: skip
    assert writes.new_records == 0 and Case.objects.get(pk=case.pk).status == CaseStatus.EXECUTED
    # the police return it: the referral is over, the case may be closed
    services.referral_approve(actor=head, referral=referral)
    services.referral_transfer(actor=handler_user, referral=referral)
    services.referral_return(
        actor=handler_user, referral=referral, on=timezone.localdate(), reason="不构成犯罪，退回"
    )
    case_services.case_close(actor=leader, case=case, on=date(2026, 4, 1), summary="罚款已缴纳，结案。")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED


def test_a_reverse_referral_and_a_clue(handler_user, agencies):
    reverse = services.referral_receive(
        actor=handler_user, agency=agencies["east_market"],
        data=services.ReceiveInput(organ="东区人民检察院", facts="不构成犯罪，应予行政处罚。"),
    )  # fmt: skip
    assert (reverse.kind, reverse.status) == (ReferralKind.REVERSE, ReferralStatus.RECEIVED)
    services.referral_accept(actor=handler_user, referral=reverse, on=timezone.localdate())
    clue = services.referral_report(
        actor=handler_user, agency=agencies["east_market"],
        data=services.ReportInput(kind="clue", organ="东区纪委监委", facts="发现公职人员涉嫌违纪的问题线索。"),
    )  # fmt: skip
    assert (clue.kind, clue.status, clue.case) == (ReferralKind.CLUE, ReferralStatus.REPORTED, None)


def test_court_enforcement_within_article_53(notified, handler_user, leader, today):
    case = case_services.case_decide(
        actor=leader, case=paperwork(notified, "decide", "penalty"), decision=penalty()
    )
    case = case_services.case_serve(actor=handler_user, case=paperwork(case, "serve"), **SERVE)
    # served 2026-03-23: the 诉讼 period ends 2026-09-23; the application is due by 2026-12-23
    assert (clocks.period_ends(date(2026, 3, 23)), clocks.apply_due(date(2026, 9, 23))) == (
        date(2026, 9, 23),
        date(2026, 12, 23),
    )
    today(date(2026, 12, 31))
    writes = HandoffWrites()
    cases = [
        (
            date(2026, 9, 23),
            date(2026, 9, 1),
            "applied_on",
            "复议、诉讼期限至2026-09-23届满，届满前不能申请强制执行（行政强制法 第五十三条）",
        ),
        (
            date(2026, 12, 24),
            date(2026, 12, 1),
            "applied_on",
            "申请期限已于2026-12-23届满（复议、诉讼期限届满之日起三个月内，行政强制法 第五十三条）",
        ),
        (
            date(2026, 10, 10),
            date(2026, 9, 30),
            "applied_on",
            "催告书送达十日后当事人仍未履行的才能申请（最早2026-10-11，行政强制法 第五十四条）",
        ),
    ]
    for applied_on, reminded_on, field, message in cases:
        with pytest.raises(ValidationError) as refused:
            services.court_apply(actor=handler_user, case=case, data=services.CourtInput(
                court="东区人民法院", reminded_on=reminded_on, applied_on=applied_on))  # fmt: skip
        assert refused.value.message_dict == {field: [message]}
    assert writes.none
    made = services.court_apply(actor=handler_user, case=case, data=services.CourtInput(
        court="东区人民法院", reminded_on=date(2026, 9, 30), applied_on=date(2026, 12, 23)))  # fmt: skip
    assert (made.kind, made.status, made.apply_due) == (
        ReferralKind.COURT,
        ReferralStatus.APPLIED,
        date(2026, 12, 23),
    )
    case = Case.objects.get(pk=case.pk)
    execution = case.executions.get()
    assert (case.status, execution.kind, execution.on) == (
        CaseStatus.EXECUTED,
        ExecutionKind.COURT,
        date(2026, 12, 23),
    )


def test_add_months_keeps_the_last_day():
    assert clocks.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert clocks.add_months(date(2026, 3, 23), 6) == date(2026, 9, 23)


def test_an_unanswered_report_past_its_three_days_is_an_overdue_duty(registered, handler_user, agencies, now):
    """The 审批期限 is a stored deadline: the detection app's 逾期履职 model finds it once passed, and not before."""
    from zhifa.detection import framework
    from zhifa.detection.framework import Context, Params

    referral = report(handler_user, registered, agencies["east_market"])

    def found(today):
        model = framework.get("overdue")
        ctx = Context(model, today, Params(model))
        return {f.key: f.reason for f in model.find(ctx) if f.key.startswith("collaboration.referral")}

    assert found(now + timedelta(days=3)) == {}
    due = now + timedelta(days=3)
    assert found(now + timedelta(days=5)) == {
        f"collaboration.referral:{referral.pk}:approval_due": f"移送审批期限{due:%Y-%m-%d}已过2日，移送与衔接仍未办结"
    }
