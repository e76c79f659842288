"""责任追究 services: the procedure, the outcomes with their reasons, the certificate through the registry
(the right to enforce ends at once), and each refusal with nothing written."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.supervision.accountability.conftest import ChallengeFactory, complaint
from zhifa.cases import rules
from zhifa.cases.choices import HandlerRole
from zhifa.core.models import Record
from zhifa.registry import selectors as registry
from zhifa.registry.models import Certificate
from zhifa.supervision.accountability import services
from zhifa.supervision.accountability.choices import ProceedingStatus, SourceKind
from zhifa.supervision.actions import services as actions
from zhifa.supervision.models import AccountabilityCase

pytestmark = pytest.mark.django_db


def refused(call, field: str) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict[field][0]


class TestOpening:
    def test_a_complaint_opens_a_proceeding_in_the_supervisors_bureau_with_its_deadline(
        self, proceeding, agencies, zhang, records_of
    ):
        assert (proceeding.status, proceeding.officer, proceeding.agency, proceeding.bureau) == (
            ProceedingStatus.FILED,
            zhang,
            agencies["east_market"],
            agencies["east_justice"],
        )
        assert (proceeding.source_kind, proceeding.source_reference) == ("complaint", "投诉〔2026〕3号")
        assert proceeding.due_on == date(2026, 6, 3)  # 60 working days from 2026-03-06
        assert records_of(proceeding) == ["accountability.open"]

    def test_several_officers_open_one_proceeding_each(self, supervisor, zhang, li):
        made = services.proceeding_open(actor=supervisor, data=complaint(zhang, li))
        assert [p.officer.name for p in made] == ["张伟", "李娜"]

    def test_a_reversed_decision_is_a_source_for_the_officers_of_its_agency(
        self, supervisor, new_case, officers
    ):
        challenge = ChallengeFactory(
            case=new_case, kind="litigation", organ="东区人民法院", outcome="unlawful"
        )
        (made,) = services.proceeding_open(
            actor=supervisor,
            data=services.OpenInput(
                source_kind=SourceKind.CHALLENGE,
                officers=[officers[0]],
                challenge=challenge,
                facts="认定事实不清",
            ),
        )
        assert (made.challenge, made.officer.name) == (challenge, "张伟")

    def test_an_upheld_decision_is_no_source(self, supervisor, new_case, officers, writes):
        challenge = ChallengeFactory(case=new_case, outcome="upheld")
        before = writes()
        data = services.OpenInput(
            source_kind="challenge", officers=[officers[0]], challenge=challenge, facts="x"
        )
        assert refused(lambda: services.proceeding_open(actor=supervisor, data=data), "challenge") == (
            "该行政复议的结果为“维持（驳回请求）”：只有被撤销、变更或确认违法的行政行为（含行政诉讼败诉）"
            "才能作为责任追究的来源"
        )
        assert before.none

    def test_a_finding_concerns_the_officers_of_the_supervised_agency(
        self, supervisor, agencies, zhang, west_officer, writes, make_user
    ):
        city_supervisor = make_user(agencies["city_justice"], "supervisor", username="city_sup")
        (item,) = actions.item_open(
            actor=None,
            data=actions.OpenInput(
                kind="routine", target_kind="agency", title="日常监督", agencies=[agencies["east_market"]]
            ),
        )
        finding = actions.finding_add(actor=None, item=item, text="未出示执法证件")
        before = writes()
        data = services.OpenInput(source_kind="finding", officers=[west_officer], finding=finding, facts="x")
        assert refused(lambda: services.proceeding_open(actor=city_supervisor, data=data), "officers") == (
            "王强不是东区市场监督管理局的人员：责任人员须为所涉行政行为的实施机关的人员"
        )
        assert before.none
        (made,) = services.proceeding_open(
            actor=supervisor,
            data=services.OpenInput(
                source_kind="finding", officers=[zhang], finding=finding, facts="未亮证执法"
            ),
        )
        assert made.finding == finding

    def test_an_officer_outside_the_region_is_refused(self, supervisor, west_officer, writes):
        before = writes()
        assert (
            refused(
                lambda: services.proceeding_open(actor=supervisor, data=complaint(west_officer)), "officers"
            )
            == "王强（西县市场监督管理局）不在本机关的执法监督范围内，不能立案追责"
        )
        assert before.none

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"officers": ()}, "officers", "请选择责任人员"),
            ({"source_kind": ""}, "source_kind", "请选择案件来源"),
            ({"source_text": " "}, "source_text", "请填写投诉举报内容"),
            ({"source_kind": "overdue_duty", "source_text": ""}, "source_text", "请填写逾期未履行的法定职责"),
            ({"source_kind": "finding"}, "finding", "请选择执法监督发现的问题"),
            ({"facts": ""}, "facts", "请填写立案事由"),
        ],
    )
    def test_missing_input_is_refused(self, supervisor, zhang, writes, changes, field, message):
        import dataclasses

        before = writes()
        data = dataclasses.replace(complaint(zhang), **changes)
        assert refused(lambda: services.proceeding_open(actor=supervisor, data=data), field) == message
        assert before.none


class TestProcedure:
    def test_each_step_moves_and_is_recorded(self, heard, records_of):
        assert (heard.status, heard.investigation, heard.notice, heard.statement) == (
            ProceedingStatus.HEARD,
            "调取执法记录仪视频，情况属实",
            "拟收回执法证，可于五个工作日内陈述申辩",
            "对事实无异议",
        )
        assert records_of(heard) == [
            "accountability.open",
            "accountability.investigate",
            "accountability.notify",
            "accountability.hear",
        ]

    def test_a_step_out_of_order_is_refused(self, supervisor, proceeding, writes):
        before = writes()
        assert (
            refused(
                lambda: services.proceeding_notify(actor=supervisor, proceeding=proceeding, notice="拟处理"),
                "status",
            )
            == "责任追究案件当前为“已立案”，不能告知拟处理意见（应为：调查中）"
        )
        assert before.none

    def test_a_sanction_needs_the_officer_told_and_heard(self, supervisor, proceeding, writes):
        services.proceeding_investigate(actor=supervisor, proceeding=proceeding, investigation="属实")
        before = writes()
        call = lambda: services.proceeding_decide(  # noqa: E731
            actor=supervisor, proceeding=proceeding, outcome="criticism", reason="态度粗暴"
        )
        assert refused(call, "status") == (
            "责任追究案件当前为“调查中”，不能作出处理决定（须先告知拟处理意见并听取陈述申辩）（应为：已听取陈述申辩）"
        )
        assert before.none


class TestDecision:
    def test_revoking_the_certificate_ends_the_right_to_enforce_at_once(
        self, supervisor, heard, zhang, records_of, new_case
    ):
        certificate = zhang.certificates.get()
        assert registry.can_enforce(zhang, "market")
        services.proceeding_decide(
            actor=supervisor, proceeding=heard, outcome="revoke", reason="索要财物，情节严重"
        )
        heard.refresh_from_db()
        certificate.refresh_from_db()
        assert (heard.status, heard.outcome, heard.decided_on) == ("decided", "revoke", date(2026, 3, 6))
        assert (certificate.status, certificate.status_reason) == (
            "revoked",
            f"责任追究案件{heard.pk}：收回执法证",
        )
        assert list(heard.certificates.all()) == [certificate]
        # the registry's own service made the change, and recorded it
        assert Record.objects.filter(action="certificate.status", subject_id=str(certificate.pk)).count() == 1
        assert records_of(heard)[-1] == "accountability.decide"
        # the right-to-enforce selectors refuse him from now on: as a case handler and as an actor
        assert not registry.can_enforce(zhang, "market")
        # (from the decision's day: an act before it was done with a certificate then in force)
        assert registry.officer_refusal(zhang, zhang.name, ["market"], on=heard.decided_on) == (
            f"张伟的行政执法证件{certificate.number}（市场监管领域）已被吊销"
        )
        assert registry.officer_refusal(zhang, zhang.name, ["market"], on=date(2026, 3, 5)) is None
        assert refused(
            lambda: rules.require_handler_role(zhang, HandlerRole.LEAD, new_case, heard.decided_on),
            "handlers",
        ) == ("张伟不能担任主办人（执法辅助人员不得从事调查、决定等执法活动）")

    def test_suspending_lasts_until_its_date_and_is_then_restored(
        self, supervisor, heard, zhang, today, records_of
    ):
        services.proceeding_decide(
            actor=supervisor,
            proceeding=heard,
            outcome="suspend",
            reason="未亮证执法",
            suspended_until=date(2026, 6, 5),
        )
        certificate = zhang.certificates.get()
        last_day = date(2026, 6, 5)  # the registry's check runs on the real clock: ask about the day
        assert (certificate.status, registry.can_enforce(zhang, "market", on=last_day)) == (
            "suspended",
            False,
        )
        heard.refresh_from_db()
        assert refused(lambda: services.proceeding_restore(actor=supervisor, proceeding=heard), "status") == (
            "暂扣期限尚未届满或执法证已恢复，不能恢复执法证"
        )
        today(date(2026, 6, 5))
        services.proceeding_restore(actor=supervisor, proceeding=heard)
        certificate.refresh_from_db()
        heard.refresh_from_db()
        assert (
            certificate.status,
            heard.restored_on,
            registry.can_enforce(zhang, "market", on=last_day),
        ) == (
            "valid",
            date(2026, 6, 5),
            True,
        )
        assert records_of(heard)[-1] == "accountability.restore"

    def test_an_exemption_may_be_decided_after_the_investigation_with_its_reasons(
        self, supervisor, proceeding, zhang
    ):
        services.proceeding_investigate(actor=supervisor, proceeding=proceeding, investigation="按规程履职")
        services.proceeding_decide(
            actor=supervisor,
            proceeding=proceeding,
            outcome="due_diligence",
            reason="已按规定程序履职，损害系当事人隐瞒所致",
        )
        proceeding.refresh_from_db()
        assert (proceeding.outcome, proceeding.get_outcome_display(), proceeding.reason) == (
            "due_diligence",
            "尽职免责",
            "已按规定程序履职，损害系当事人隐瞒所致",
        )
        assert registry.can_enforce(zhang, "market")

    @pytest.mark.parametrize(
        ("data", "field", "message"),
        [
            ({"outcome": "criticism", "reason": " "}, "reason", "请填写决定理由"),
            ({"outcome": "", "reason": "x"}, "outcome", "请选择处理决定"),
            ({"outcome": "suspend", "reason": "x"}, "suspended_until", "暂扣执法证须填写暂扣期限"),
            (
                {"outcome": "suspend", "reason": "x", "suspended_until": date(2026, 3, 6)},
                "suspended_until",
                "暂扣期限（2026-03-06）须晚于今天（2026-03-06）",
            ),
        ],
    )
    def test_a_bad_decision_is_refused_with_nothing_written(
        self, supervisor, heard, writes, data, field, message
    ):
        before = writes()
        certificates = list(Certificate.objects.values_list("status", flat=True))
        call = lambda: services.proceeding_decide(actor=supervisor, proceeding=heard, **data)  # noqa: E731
        assert refused(call, field) == message
        assert before.none
        assert list(Certificate.objects.values_list("status", flat=True)) == certificates

    def test_deciding_twice_is_refused(self, supervisor, heard, writes):
        services.proceeding_decide(actor=supervisor, proceeding=heard, outcome="criticism", reason="态度粗暴")
        before = writes()
        call = lambda: services.proceeding_decide(  # noqa: E731
            actor=supervisor, proceeding=heard, outcome="revoke", reason="再次决定"
        )
        assert refused(call, "status") == (
            "责任追究案件当前为“已作出决定”，不能作出处理决定（须先告知拟处理意见并听取陈述申辩）（应为：已听取陈述申辩）"
        )
        assert before.none
        assert heard.officer.certificates.get().status == "valid"

    def test_an_officer_without_a_certificate_cannot_have_one_revoked(self, supervisor, agencies, writes):
        from tests.factories import OfficerFactory

        officer = OfficerFactory(agency=agencies["east_market"], name="赵六")
        (made,) = services.proceeding_open(actor=supervisor, data=complaint(officer))
        for step, kw in (("investigate", "investigation"), ("notify", "notice"), ("hear", "statement")):
            getattr(services, f"proceeding_{step}")(actor=supervisor, proceeding=made, **{kw: "x"})
        before = writes()

        def call():
            services.proceeding_decide(actor=supervisor, proceeding=made, outcome="revoke", reason="x")

        assert refused(call, "outcome") == "赵六没有可收回的行政执法证"
        assert before.none
        assert AccountabilityCase.objects.get(pk=made.pk).status == "heard"
