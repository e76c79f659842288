"""社会监督 services: the register's terms (续聘, 解聘, states), the credit code, feedback through its table
to a 监督事项, surveys with exact per-agency rates; every refusal names the field and writes nothing."""

import json
from datetime import date
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.factories import AgencyFactory
from zhifa.core.models import Record
from zhifa.core.validators import credit_code_with_check
from zhifa.social import selectors
from zhifa.social.choices import FeedbackStatus, SupervisorStatus, TermState
from zhifa.social.models import Feedback, Supervisor
from zhifa.social.services import contact_points, feedback, supervisors, surveys, terms
from zhifa.supervision.actions.choices import SupervisionKind, TargetKind

from .conftest import point_input, supervisor_input

pytestmark = pytest.mark.django_db


def refused(call, field: str, fragment: str, writes) -> None:
    before = writes()
    with pytest.raises(ValidationError) as caught:
        call()
    assert fragment in caught.value.message_dict[field][0], caught.value.message_dict
    assert before.none


# ---- 行政执法监督员 ----------------------------------------------------------------------------------------


def test_appoint_records_the_term_and_agencies(member, market, bureau, records_of):
    assert member.bureau == bureau
    assert list(member.agencies.all()) == [market]
    assert (member.term_start, member.term_end) == (date(2025, 3, 1), date(2027, 2, 28))
    assert records_of(member) == ["social_supervisor.appoint"]


def test_term_end_before_start_is_refused(supervisor, writes):
    refused(
        lambda: supervisors.supervisor_appoint(
            actor=supervisor, data=supervisor_input(term_start=date(2026, 3, 1), term_end=date(2026, 2, 28))
        ),
        "term_end", "任期结束日期（2026-02-28）不能早于开始日期（2026-03-01）", writes,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"name": " "}, "name", "请填写姓名"),
        ({"category": ""}, "category", "请选择身份类别"),
        ({"category": "king"}, "category", "“身份类别”的取值无效"),
        ({"phone": "abc"}, "phone", "联系电话格式不正确"),
        ({"term_start": None}, "term_start", "请填写任期开始日期"),
        ({"name": "郑\x00海燕"}, "name", "“姓名”不能包含控制字符"),
    ],
)
def test_bad_supervisor_input_is_refused(supervisor, writes, overrides, field, fragment):
    refused(lambda: supervisors.supervisor_appoint(actor=supervisor, data=supervisor_input(**overrides)),
            field, fragment, writes)  # fmt: skip


def test_agencies_outside_the_bureau_region_are_refused(supervisor, agencies, writes):
    refused(
        lambda: supervisors.supervisor_appoint(
            actor=supervisor, data=supervisor_input(agencies=[agencies["west_market"]])
        ),
        "agencies", "西县市场监督管理局不在东区司法局的监督范围内", writes,
    )  # fmt: skip


def test_another_county_bureau_cannot_appoint_for_this_one(west_supervisor, bureau, writes):
    before = writes()
    with pytest.raises(PermissionDenied):
        supervisors.supervisor_appoint(actor=west_supervisor, data=supervisor_input(bureau=bureau))
    assert before.none


def test_an_agency_is_not_an_appointing_bureau(supervisor, market, writes):
    refused(lambda: supervisors.supervisor_appoint(actor=supervisor, data=supervisor_input(bureau=market)),
            "bureau", "东区市场监督管理局不是司法行政机关", writes)  # fmt: skip


def test_renew_extends_and_records_old_and_new_end(member, supervisor, records_of):
    supervisors.supervisor_renew(
        actor=supervisor, supervisor=member, term_end=date(2029, 2, 28), reason="履职积极"
    )
    member.refresh_from_db()
    assert member.term_end == date(2029, 2, 28)
    assert records_of(member) == ["social_supervisor.appoint", "social_supervisor.renew"]
    payload = json.loads(Record.objects.filter(action="social_supervisor.renew").get().payload)
    assert (payload["from"], payload["to"], payload["reason"]) == ("2027-02-28", "2029-02-28", "履职积极")


def test_renew_to_an_earlier_end_is_refused(member, supervisor, writes):
    refused(
        lambda: supervisors.supervisor_renew(actor=supervisor, supervisor=member, term_end=date(2027, 2, 28),
                                             reason="续聘"),
        "term_end", "应晚于原任期结束日期（2027-02-28）", writes,
    )  # fmt: skip


def test_dismiss_needs_a_reason_then_ends_the_term(member, supervisor, writes, records_of):
    refused(lambda: supervisors.supervisor_dismiss(actor=supervisor, supervisor=member, reason=" "),
            "reason", "请填写解聘理由", writes)  # fmt: skip
    supervisors.supervisor_dismiss(actor=supervisor, supervisor=member, reason="本人申请辞去")
    member.refresh_from_db()
    assert (member.status, member.ended_on, member.end_reason) == (
        SupervisorStatus.DISMISSED,
        date(2026, 3, 6),
        "本人申请辞去",
    )
    assert terms.state(member, ended=SupervisorStatus.DISMISSED) == TermState.ENDED
    refused(lambda: supervisors.supervisor_renew(actor=supervisor, supervisor=member, term_end=date(2030, 1, 1),
                                                 reason="再聘"), "status", "已解聘，不能续聘", writes)  # fmt: skip
    assert records_of(member) == ["social_supervisor.appoint", "social_supervisor.dismiss"]


@pytest.mark.parametrize(
    ("end", "state"),
    [
        (date(2026, 4, 6), TermState.SERVING),  # 31 days ahead
        (date(2026, 4, 5), TermState.EXPIRING),  # 30 days ahead: the last day of 即将到期
        (date(2026, 3, 6), TermState.EXPIRING),  # ends today
        (date(2026, 3, 5), TermState.EXPIRED),
    ],
)
def test_term_states_at_their_limits(supervisor, end, state):
    made = supervisors.supervisor_appoint(actor=supervisor, data=supervisor_input(term_end=end))
    assert terms.state(made, ended=SupervisorStatus.DISMISSED) == state
    listed = selectors.supervisors_visible_to(supervisor, selectors.RegisterFilters(term=state))
    assert list(listed) == [made]


def test_the_register_is_scoped_by_region(member, supervisor, city_supervisor, west_supervisor, head):
    assert list(selectors.supervisors_visible_to(supervisor)) == [member]
    assert list(selectors.supervisors_visible_to(city_supervisor)) == [member]
    assert list(selectors.supervisors_visible_to(west_supervisor)) == []
    assert list(selectors.supervisors_visible_to(head)) == []
    with pytest.raises(Http404):
        selectors.get_supervisor(west_supervisor, member.pk)


# ---- 监督联系点 ------------------------------------------------------------------------------------------


def test_establish_contact_point(point, records_of):
    assert point.credit_code == credit_code_with_check("91970102MA0000301")
    assert records_of(point) == ["social_point.establish"]


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"credit_code": "91970102MA0000301X"}, "校验位不正确"),
        ({"credit_code": "123"}, "长度不正确"),
        ({"credit_code": ""}, "请填写统一社会信用代码（企业必填）"),
    ],
)
def test_invalid_credit_code_is_refused(supervisor, writes, overrides, fragment):
    refused(lambda: contact_points.point_establish(actor=supervisor, data=point_input(**overrides)),
            "credit_code", fragment, writes)  # fmt: skip


def test_a_community_needs_no_credit_code(supervisor):
    made = contact_points.point_establish(
        actor=supervisor, data=point_input(kind="community", credit_code="")
    )
    assert made.credit_code == ""


def test_revoke_and_renew_point(point, supervisor, writes, records_of):
    contact_points.point_renew(actor=supervisor, point=point, term_end=date(2028, 2, 29), reason="继续设立")
    contact_points.point_revoke(actor=supervisor, point=point, reason="企业迁出本区")
    refused(lambda: contact_points.point_revoke(actor=supervisor, point=point, reason="再撤"), "status",
            "已撤销", writes)  # fmt: skip
    assert records_of(point) == ["social_point.establish", "social_point.renew", "social_point.revoke"]


# ---- 反馈 ----------------------------------------------------------------------------------------------


def test_feedback_is_received_with_its_answer_date_and_files(received, records_of):
    assert received.status == FeedbackStatus.RECEIVED
    assert received.answer_due == date(2026, 3, 23)  # 15 working days after Monday 2026-03-02
    assert [(f.name, f.media_type) for f in received.files.all()] == [("照片说明.pdf", "application/pdf")]
    assert records_of(received) == ["social_feedback.submit"]


def test_answer_period_is_set_per_region(settings, supervisor, member, market):
    settings.ZHIFA_SOCIAL_FEEDBACK_ANSWER_WORKDAYS_BY_REGION = {"970102": 5}
    made = feedback.feedback_submit(
        actor=supervisor,
        data=feedback.FeedbackInput(agency=market, supervisor=member, title="事项", text="内容",
                                    received_on=date(2026, 3, 2)),
    )  # fmt: skip
    assert made.answer_due == date(2026, 3, 9)


def _submit(actor, **overrides):
    def call():
        values = dict(title="事项", text="内容", received_on=date(2026, 3, 2))
        values.update(overrides)
        return feedback.feedback_submit(actor=actor, data=feedback.FeedbackInput(**values))

    return call


def test_expired_supervisor_cannot_submit(supervisor, market, writes):
    expired = supervisors.supervisor_appoint(
        actor=supervisor, data=supervisor_input(term_start=date(2024, 1, 1), term_end=date(2026, 2, 28))
    )
    refused(_submit(supervisor, agency=market, supervisor=expired), "supervisor",
            "监督员郑海燕的任期已于2026-02-28届满，不能提交反馈", writes)  # fmt: skip


def test_dismissed_supervisor_cannot_submit(supervisor, member, market, writes):
    supervisors.supervisor_dismiss(actor=supervisor, supervisor=member, reason="辞去", on=date(2026, 3, 1))
    refused(_submit(supervisor, agency=market, supervisor=member), "supervisor",
            "监督员郑海燕已于2026-03-01解聘，不能提交反馈", writes)  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"supervisor": None}, "supervisor", "请选择反馈的监督员或监督联系点（二者选一）"),
        ({"agency": None}, "agency", "请选择反映的行政执法机关"),
        ({"title": ""}, "title", "请填写反馈事项"),
        ({"received_on": date(2026, 3, 9)}, "received_on", "不能晚于今天（2026-03-06）"),
        ({"files": [feedback.Upload("a.exe", b"MZ\x90\x00" * 10)]}, "files", "反馈材料须为文档、PDF或图片"),
        ({"files": [feedback.Upload("空.pdf", b"")]}, "files", "“空.pdf”是空文件"),
    ],
)
def test_bad_feedback_is_refused(supervisor, member, market, writes, overrides, field, fragment):
    values = {"agency": market, "supervisor": member, **overrides}
    refused(_submit(supervisor, **values), field, fragment, writes)


def test_both_senders_at_once_are_refused(supervisor, member, point, market, writes):
    refused(_submit(supervisor, agency=market, supervisor=member, contact_point=point), "supervisor",
            "二者选一", writes)  # fmt: skip


def test_feedback_about_another_county_is_refused(supervisor, member, agencies, writes):
    before = writes()
    with pytest.raises(PermissionDenied):
        _submit(supervisor, agency=agencies["west_market"], supervisor=member)()
    assert before.none


def test_acknowledge_then_answer(received, supervisor, writes, records_of):
    feedback.feedback_acknowledge(actor=supervisor, feedback=received)
    refused(lambda: feedback.feedback_answer(actor=supervisor, feedback=received, answer=" "), "answer",
            "请填写答复内容", writes)  # fmt: skip
    feedback.feedback_answer(actor=supervisor, feedback=received, answer="已批评教育并重申亮证执法")
    received.refresh_from_db()
    assert (received.status, received.answer) == (FeedbackStatus.ANSWERED, "已批评教育并重申亮证执法")
    refused(lambda: feedback.feedback_acknowledge(actor=supervisor, feedback=received), "status",
            "反馈当前为“已答复”，不能受理（应为：待受理）", writes)  # fmt: skip
    assert records_of(received) == [
        "social_feedback.submit",
        "social_feedback.acknowledge",
        "social_feedback.answer",
    ]


def test_feedback_becomes_a_supervision_item_in_one_action(received, supervisor, market, bureau, records_of):
    item = feedback.feedback_supervise(actor=supervisor, feedback=received, reason="核查亮证执法情况")
    received.refresh_from_db()
    assert received.status == FeedbackStatus.SUPERVISED
    assert received.supervision_item == item
    assert (item.kind, item.target_kind, item.agency, item.bureau) == (
        SupervisionKind.ROUTINE,
        TargetKind.AGENCY,
        market,
        bureau,
    )
    assert (item.title, item.reason) == ("社会监督反馈：检查时未出示执法证件", "核查亮证执法情况")
    assert records_of(received)[-1] == "social_feedback.supervise"


def test_the_agency_reads_its_feedback_but_cannot_handle_it(received, head, west_head, writes):
    assert list(selectors.feedback_visible_to(head)) == [received]
    assert list(selectors.feedback_visible_to(west_head)) == []
    before = writes()
    with pytest.raises(PermissionDenied):
        feedback.feedback_acknowledge(actor=head, feedback=received)
    with pytest.raises(Http404):
        feedback.feedback_acknowledge(actor=west_head, feedback=received)
    assert before.none


# ---- 测评 ----------------------------------------------------------------------------------------------


def _add(actor, campaign, agency, rating="", score=None, kind="enterprise"):
    return surveys.response_add(
        actor=actor, campaign=campaign,
        data=surveys.ResponseInput(agency=agency, respondent_kind=kind, rating=rating, score=score),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("rating", "score", "field", "fragment"),
    [
        ("", 101, "score", "评分应在0至100之间，不能为101"),
        ("", -1, "score", "评分应在0至100之间，不能为-1"),
        ("", None, "rating", "请填写满意度评价或评分（至少一项）"),
        ("great", None, "rating", "“满意度评价”的取值无效"),
    ],
)
def test_bad_opinion_is_refused(campaign, supervisor, market, writes, rating, score, field, fragment):
    refused(lambda: _add(supervisor, campaign, market, rating, score), field, fragment, writes)


@pytest.mark.parametrize("score", [0, 100])
def test_score_limits_are_accepted(campaign, supervisor, market, score):
    assert _add(supervisor, campaign, market, score=score).score == score


def test_agency_outside_the_campaign_region_is_refused(campaign, supervisor, agencies, writes):
    refused(lambda: _add(supervisor, campaign, agencies["west_market"], "satisfied"), "agency",
            "西县市场监督管理局不在测评区域东区内", writes)  # fmt: skip


def test_third_party_needs_who_did_it(supervisor, city, writes):
    refused(
        lambda: surveys.survey_create(
            actor=supervisor,
            data=surveys.CampaignInput(region=city["east"], year=2026, title="测评", method="third_party"),
        ),
        "conducted_by", "第三方测评请填写实施单位", writes,
    )  # fmt: skip


def test_region_outside_the_bureau_is_refused(supervisor, city, writes):
    refused(
        lambda: surveys.survey_create(
            actor=supervisor, data=surveys.CampaignInput(region=city["west"], year=2026, title="测评", method="visit")
        ),
        "region", "西县不在东区司法局的辖区内", writes,
    )  # fmt: skip


def test_satisfaction_by_agency_gives_exact_rates_of_closed_campaigns(campaign, supervisor, market, city):
    ecology = AgencyFactory(name="东区生态环境局", region=city["east"])
    for rating, score in [("satisfied", 95), ("satisfied", 90), ("basic", 78), ("dissatisfied", None),
                          ("", 61), ("basic", None)]:  # fmt: skip
        _add(supervisor, campaign, market, rating, score)
    _add(supervisor, campaign, ecology, "dissatisfied", 40)
    assert selectors.satisfaction_by_agency(city["city"], 2026) == {}  # still open: not a result yet
    surveys.survey_close(actor=supervisor, campaign=campaign)
    results = selectors.satisfaction_by_agency(city["city"], 2026)
    mine = results[market.pk]
    assert (mine.responses, mine.satisfied, mine.basic, mine.dissatisfied, mine.rated) == (6, 2, 2, 1, 5)
    assert mine.satisfaction_rate == Fraction(4, 5)
    assert (mine.scored, mine.mean_score) == (4, Fraction(95 + 90 + 78 + 61, 4))
    assert results[ecology.pk].satisfaction_rate == Fraction(0)
    assert selectors.satisfaction_by_agency(city["east"], 2025) == {}
    assert selectors.satisfaction_by_agency(city["west"], 2026) == {}


def test_closed_campaign_takes_no_more_results(campaign, supervisor, market, writes, records_of):
    refused(
        lambda: surveys.survey_close(actor=supervisor, campaign=campaign), "status", "还没有任何结果", writes
    )
    _add(supervisor, campaign, market, "satisfied")
    surveys.survey_close(actor=supervisor, campaign=campaign)
    refused(
        lambda: _add(supervisor, campaign, market, "satisfied"), "status", "已结束，不能再录入结果", writes
    )
    assert records_of(campaign) == [
        "social_survey.create",
        "social_survey.response_add",
        "social_survey.close",
    ]


def test_agency_sees_only_its_own_results(campaign, supervisor, market, head, west_head, city):
    ecology = AgencyFactory(name="东区生态环境局", region=city["east"])
    _add(supervisor, campaign, market, "satisfied")
    _add(supervisor, campaign, ecology, "basic")
    surveys.survey_close(actor=supervisor, campaign=campaign)
    assert [r.agency_name for r in selectors.results_visible_to(head, year=2026)] == ["东区市场监督管理局"]
    assert selectors.results_visible_to(west_head, year=2026) == []
    assert len(selectors.results_visible_to(supervisor, year=2026)) == 2


def test_nothing_else_counts_as_a_feedback_without_a_source(received):
    assert Feedback.objects.count() == 1 and Supervisor.objects.count() == 1
    assert received.sender == received.supervisor
