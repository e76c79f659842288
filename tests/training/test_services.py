"""培训管理 services and selectors: the plan's draft → 报送 table, the trainer pool and its sharing, 领导干部学法
with its attendees, and the 全员轮训 completion rate with exact figures; every refusal names the field and
writes nothing."""

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.factories import AgencyFactory, OfficerFactory, TrainingFactory
from zhifa.core import records
from zhifa.core.models import Record
from zhifa.registry.choices import PersonKind, PersonStatus
from zhifa.training import selectors
from zhifa.training.choices import PlanStatus
from zhifa.training.models import LeaderStudy
from zhifa.training.services import leader_study, plans, trainers

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def refused(call, field: str, message: str, writes) -> None:
    before = writes()
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.message_dict[field] == [message], caught.value.message_dict
    assert before.none


# ---- 年度培训计划 ----------------------------------------------------------------------------------------


def test_a_plan_is_drafted_filled_and_reported(plan, head):
    plans.plan_item_add(actor=head, plan=plan, data=plans.ItemInput(content="执法文书制作", hours="8.5"))
    plans.plan_submit(actor=head, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.submitted_at is not None
    assert plans.planned_hours(plan) == Decimal("24.5")
    actions = list(
        Record.objects.filter(subject_type="training.trainingplan", subject_id=str(plan.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "training_plan.create", "training_plan.item_add", "training_plan.item_add", "training_plan.submit"
    ]  # fmt: skip


def test_a_reported_plan_is_read_only(plan, head, writes):
    plans.plan_submit(actor=head, plan=plan)
    refused(
        lambda: plans.plan_item_add(actor=head, plan=plan, data=plans.ItemInput(content="补充", hours="2")),
        "status", "培训计划已报送，不能修改计划内容", writes,
    )  # fmt: skip
    refused(
        lambda: plans.plan_submit(actor=head, plan=plan),
        "status",
        "培训计划已报送，不能报送司法行政机关",
        writes,
    )


def test_an_empty_plan_cannot_be_reported(head, writes):
    empty = plans.plan_create(actor=head, data=plans.PlanInput(year=2027, title="2027年度计划"))
    refused(
        lambda: plans.plan_submit(actor=head, plan=empty), "items", "请至少添加一项培训内容后再报送", writes
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (plans.PlanInput(year=None, title="计划"), "year", "请填写年度"),
        (plans.PlanInput(year=1999, title="计划"), "year", "年度应在2000至2100之间"),
        (plans.PlanInput(year=2026, title="  "), "title", "请填写计划名称"),
        (plans.PlanInput(year=2026, title="计\x00划"), "title", "“计划名称”不能包含控制字符"),
    ],
)
def test_plan_refusals_name_the_field(head, writes, data, field, message):
    refused(lambda: plans.plan_create(actor=head, data=data), field, message, writes)


def test_one_plan_per_agency_and_year(plan, head, writes):
    data = plans.PlanInput(year=2026, title="重复的计划")
    refused(
        lambda: plans.plan_create(actor=head, data=data),
        "year",
        "东区市场监督管理局已有2026年度培训计划",
        writes,
    )


@pytest.mark.parametrize(
    ("hours", "message"),
    [("", "请填写计划学时"), ("0", "计划学时应大于0"), ("201", "计划学时不能超过200"), ("1.3", "计划学时以0.5学时为单位"),
     ("abc", "计划学时应为数字")],
)  # fmt: skip
def test_item_hours_are_checked(plan, head, writes, hours, message):
    data = plans.ItemInput(content="案卷评查", hours=hours)
    refused(lambda: plans.plan_item_add(actor=head, plan=plan, data=data), "hours", message, writes)


def test_an_item_is_removed_from_a_draft(plan, head):
    item = plan.items.get()
    plans.plan_item_remove(actor=head, plan=plan, item_id=item.pk)
    assert not plan.items.exists()


def test_another_agency_cannot_touch_the_plan(plan, west_head, writes):
    before = writes()
    with pytest.raises(Http404):
        plans.plan_submit(actor=west_head, plan=plan)
    assert before.none


def test_an_officer_without_the_permission_cannot_draft(clerk, writes):
    before = writes()
    with pytest.raises(PermissionDenied):
        plans.plan_create(actor=clerk, data=plans.PlanInput(year=2026, title="计划"))
    assert before.none


def test_the_justice_bureau_reads_reported_plans_of_its_region_only(plan, head, supervisor, west_head):
    assert list(selectors.plans_visible_to(supervisor)) == []  # a draft is the agency's own
    west = plans.plan_create(actor=west_head, data=plans.PlanInput(year=2026, title="西县计划"))
    plans.plan_item_add(actor=west_head, plan=west, data=plans.ItemInput(content="培训", hours="4"))
    plans.plan_submit(actor=west_head, plan=west)
    plans.plan_submit(actor=head, plan=plan)
    rows = list(selectors.plans_visible_to(supervisor))
    assert [(p.pk, p.planned_hours, p.item_count) for p in rows] == [(plan.pk, Decimal("16.0"), 1)]
    with pytest.raises(Http404):
        selectors.get_plan(supervisor, west.pk)


# ---- 培训师资库 ------------------------------------------------------------------------------------------


def _trainer(**overrides) -> trainers.TrainerInput:
    values = dict(name="陈律", unit="江州大学法学院", specialty="行政处罚法、行政复议", title="教授",
                  phone="13905710021")  # fmt: skip
    values.update(overrides)
    return trainers.TrainerInput(**values)


def test_the_bureaus_trainers_are_shared_with_its_region(supervisor, head, west_head, agencies):
    shared = trainers.trainer_add(actor=supervisor, data=_trainer())
    own = trainers.trainer_add(actor=head, data=_trainer(name="刘珂", specialty="食品安全"))
    assert shared.agency == agencies["east_justice"]
    assert [t.name for t in selectors.trainers_visible_to(head)] == ["刘珂", "陈律"]
    assert [t.name for t in selectors.trainers_visible_to(head, q="食品")] == ["刘珂"]
    assert [t.name for t in selectors.trainers_visible_to(west_head)] == []
    assert selectors.get_trainer(head, shared.pk) == shared
    with pytest.raises(Http404):
        selectors.get_trainer(west_head, own.pk)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [({"name": ""}, "name", "请填写姓名"), ({"unit": ""}, "unit", "请填写工作单位"),
     ({"specialty": ""}, "specialty", "请填写擅长领域"), ({"phone": "电话"}, "phone",
      "联系方式格式不正确：只能包含数字、空格和“+-()”，5至32位")],
)  # fmt: skip
def test_trainer_refusals_name_the_field(head, writes, overrides, field, message):
    refused(lambda: trainers.trainer_add(actor=head, data=_trainer(**overrides)), field, message, writes)


def test_a_trainer_is_corrected_and_withdrawn(head, writes):
    trainer = trainers.trainer_add(actor=head, data=_trainer())
    trainers.trainer_update(actor=head, trainer=trainer, data=_trainer(title="副教授"))
    trainers.trainer_withdraw(actor=head, trainer=trainer, reason="调离本市")
    trainer.refresh_from_db()
    assert (trainer.title, trainer.active) == ("副教授", False)
    assert list(selectors.trainers_visible_to(head)) == []
    refused(lambda: trainers.trainer_withdraw(actor=head, trainer=trainer, reason="再次"), "active",
            "陈律已移出师资库", writes)  # fmt: skip


# ---- 领导干部学法 ----------------------------------------------------------------------------------------


def _study(attendees, **overrides) -> leader_study.StudyInput:
    values = dict(held_on=date(2026, 5, 20), topic="行政执法监督条例解读", hours="2", lecturer="陈律",
                  attendee_ids=[o.pk for o in attendees])  # fmt: skip
    values.update(overrides)
    return leader_study.StudyInput(**values)


def test_a_session_is_recorded_and_reported_per_agency(head, staff, supervisor, agencies):
    leader_study.leader_study_record(actor=head, data=_study(staff[:2]), today=TODAY)
    leader_study.leader_study_record(actor=head, data=_study(staff, hours="1.5", topic="民法典"), today=TODAY)
    leader_study.leader_study_record(
        actor=head, data=_study(staff[:1], held_on=date(2025, 12, 1)), today=TODAY
    )
    report = selectors.study_report(supervisor, 2026)
    assert [(r.agency_name, r.sessions, r.hours, r.attendances) for r in report] == [
        ("东区市场监督管理局", 2, Decimal("3.5"), 5)
    ]


def test_attendees_are_the_agencys_active_officers(head, staff, agencies, writes):
    stranger = OfficerFactory(agency=agencies["west_market"], name="外单位")
    left = OfficerFactory(agency=head.agency, name="已调离", status=PersonStatus.LEFT)
    refused(lambda: leader_study.leader_study_record(actor=head, data=_study([]), today=TODAY), "attendees",
            "请选择参学人员", writes)  # fmt: skip
    refused(
        lambda: leader_study.leader_study_record(actor=head, data=_study([staff[0], stranger, left]), today=TODAY),
        "attendees", f"参学人员（编号{'、'.join(str(p) for p in sorted([stranger.pk, left.pk]))}）不是东区市场监督管理局的在岗人员",
        writes,
    )  # fmt: skip


def test_a_session_cannot_be_in_the_future(head, staff, writes):
    data = _study(staff, held_on=date(2026, 6, 11))
    refused(lambda: leader_study.leader_study_record(actor=head, data=data, today=TODAY), "held_on",
            "学法日期（2026-06-11）不能晚于今天（2026-06-10）", writes)  # fmt: skip


# ---- 领导干部学法: 更正 and 删除 ------------------------------------------------------------------------------


def _report(user, year: int = 2026) -> list[tuple]:
    return [(r.agency_name, r.sessions, r.hours, r.attendances) for r in selectors.study_report(user, year)]


def _payloads(study_id: int) -> list[tuple[str, dict]]:
    rows = Record.objects.filter(subject_type="training.leaderstudy", subject_id=str(study_id)).order_by(
        "seq"
    )
    return [(r.action, json.loads(r.payload)) for r in rows]


@pytest.fixture
def two_sessions(head, staff):
    first = leader_study.leader_study_record(actor=head, data=_study(staff[:2]), today=TODAY)
    second = leader_study.leader_study_record(
        actor=head, data=_study(staff, hours="1.5", topic="民法典"), today=TODAY
    )
    return first, second


def test_a_session_is_corrected_and_the_report_follows(head, staff, supervisor, two_sessions):
    first, _ = two_sessions
    assert _report(supervisor) == [("东区市场监督管理局", 2, Decimal("3.5"), 5)]
    data = _study(staff, hours="3", held_on=date(2026, 5, 21))
    leader_study.leader_study_correct(
        actor=head, study=first, data=data, reason="漏记赵敏，学时有误", today=TODAY
    )
    first.refresh_from_db()
    assert (first.held_on, first.hours, first.topic) == (
        date(2026, 5, 21),
        Decimal("3.0"),
        "行政执法监督条例解读",
    )
    assert sorted(first.attendees.values_list("name", flat=True)) == ["李娜", "王强", "赵敏"]
    assert _report(supervisor) == [("东区市场监督管理局", 2, Decimal("4.5"), 6)]
    li, wang, zhao = (o.pk for o in staff)
    assert _payloads(first.pk)[-1] == (
        "training_study.correct",
        {"changed": ["attendees", "held_on", "hours"], "reason": "漏记赵敏，学时有误",
         "before": {"held_on": "2026-05-20", "hours": "2.0", "attendees": sorted([li, wang])},
         "after": {"held_on": "2026-05-21", "hours": "3.0", "attendees": sorted([li, wang, zhao])}},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "reason", "field", "message"),
    [
        ({"hours": "0"}, "更正", "hours", "学时应大于0"),
        ({"topic": ""}, "更正", "topic", "请填写学法主题"),
        (
            {"held_on": date(2026, 6, 11)},
            "更正",
            "held_on",
            "学法日期（2026-06-11）不能晚于今天（2026-06-10）",
        ),
        ({"attendee_ids": []}, "更正", "attendees", "请选择参学人员"),
        ({"hours": "3"}, "  ", "correction_reason", "请填写更正理由"),
        ({}, "更正", "__all__", "没有需要更正的内容"),
    ],
)
def test_correction_refusals_name_the_field(
    head, staff, two_sessions, writes, overrides, reason, field, message
):
    first, _ = two_sessions
    data = _study(staff[:2], **overrides)
    refused(lambda: leader_study.leader_study_correct(actor=head, study=first, data=data, reason=reason,
                                                      today=TODAY), field, message, writes)  # fmt: skip


def test_an_attendee_who_left_stays_on_the_corrected_session(head, staff, two_sessions, writes):
    first, _ = two_sessions
    staff[1].status = PersonStatus.LEFT
    staff[1].save(update_fields=["status"])
    leader_study.leader_study_correct(
        actor=head,
        study=first,
        data=_study(staff[:2], topic="行政执法监督条例"),
        reason="主题有误",
        today=TODAY,
    )
    assert sorted(first.attendees.values_list("name", flat=True)) == ["李娜", "王强"]
    first.attendees.set([staff[0]])  # 王强, gone, may not be added where he was not
    refused(
        lambda: leader_study.leader_study_correct(
            actor=head, study=first, data=_study(staff[:2]), reason="补记", today=TODAY
        ),
        "attendees", f"参学人员（编号{staff[1].pk}）不是东区市场监督管理局的在岗人员", writes,
    )  # fmt: skip


def test_a_deleted_session_leaves_its_record_and_the_report(head, staff, supervisor, two_sessions):
    _, second = two_sessions
    pk = second.pk
    leader_study.leader_study_delete(actor=head, study=second, reason="重复录入")
    assert not LeaderStudy.objects.filter(pk=pk).exists()
    assert LeaderStudy.attendees.through.objects.filter(leaderstudy_id=pk).count() == 0
    assert _report(supervisor) == [("东区市场监督管理局", 1, Decimal("2.0"), 2)]
    li, wang, zhao = (o.pk for o in staff)
    assert [action for action, _ in _payloads(pk)] == ["training_study.record", "training_study.delete"]
    assert _payloads(pk)[-1][1] == {
        "held_on": "2026-05-20", "topic": "民法典", "hours": "1.5", "lecturer": "陈律",
        "attendees": sorted([li, wang, zhao]),
        "attendee_names": [o.name for o in sorted(staff, key=lambda o: o.pk)], "reason": "重复录入",
    }  # fmt: skip
    assert records.verify(head.agency).broken is None


def test_a_deletion_needs_its_reason(head, two_sessions, writes):
    _, second = two_sessions
    refused(lambda: leader_study.leader_study_delete(actor=head, study=second, reason=""), "reason",
            "请填写删除理由", writes)  # fmt: skip


def test_only_the_keeping_agency_corrects_or_deletes(
    head, staff, two_sessions, west_head, clerk, supervisor, writes
):
    first, _ = two_sessions
    before = writes()
    data = _study(staff, hours="3")
    with pytest.raises(Http404):
        leader_study.leader_study_correct(actor=west_head, study=first, data=data, reason="更正", today=TODAY)
    with pytest.raises(Http404):
        leader_study.leader_study_delete(actor=west_head, study=first, reason="删除")
    for reader in (clerk, supervisor):
        with pytest.raises(PermissionDenied):
            leader_study.leader_study_correct(
                actor=reader, study=first, data=data, reason="更正", today=TODAY
            )
        with pytest.raises(PermissionDenied):
            leader_study.leader_study_delete(actor=reader, study=first, reason="删除")
    assert before.none


# ---- 全员轮训 completion rate ---------------------------------------------------------------------------


@pytest.fixture
def hours_logged(staff, agencies):
    """李娜 60 hours in 2026 (reached), 王强 59.5 (short), 赵敏 40 in 2026 + 30 in 2025 (short);
    an auxiliary with 80 and a departed officer with 80 do not count; 西县: one officer with 60."""
    li, wang, zhao = staff
    TrainingFactory(officer=li, on=date(2026, 2, 1), hours=Decimal("40"))
    TrainingFactory(officer=li, on=date(2026, 12, 31), hours=Decimal("20"))
    TrainingFactory(officer=wang, on=date(2026, 3, 1), hours=Decimal("59.5"))
    TrainingFactory(officer=zhao, on=date(2026, 3, 1), hours=Decimal("40"))
    TrainingFactory(officer=zhao, on=date(2025, 12, 31), hours=Decimal("30"))
    helper = OfficerFactory(agency=agencies["east_market"], name="辅助", kind=PersonKind.AUXILIARY)
    TrainingFactory(officer=helper, on=date(2026, 3, 1), hours=Decimal("80"))
    gone = OfficerFactory(agency=agencies["east_market"], name="离岗", status=PersonStatus.LEFT)
    TrainingFactory(officer=gone, on=date(2026, 3, 1), hours=Decimal("80"))
    west = OfficerFactory(agency=agencies["west_market"], name="西县员")
    TrainingFactory(officer=west, on=date(2026, 3, 1), hours=Decimal("60"))


def test_completion_rate_per_agency(
    hours_logged, head, city_supervisor, supervisor, django_assert_num_queries
):
    selectors.completion_by_agency(city_supervisor, 2025)  # the user's roles, read once per request
    with django_assert_num_queries(1):
        rows = selectors.completion_by_agency(city_supervisor, 2026)
    assert [(r.agency_name, r.officers, r.reached, r.rate) for r in rows] == [
        ("东区市场监督管理局", 3, 1, Fraction(1, 3)),
        ("西县市场监督管理局", 1, 1, Fraction(1)),
    ]
    assert rows[0].percent == "33.3%"
    assert [r.agency_name for r in selectors.completion_by_agency(supervisor, 2026)] == ["东区市场监督管理局"]
    assert [(r.officers, r.reached) for r in selectors.completion_by_agency(head, 2026)] == [(3, 1)]
    assert [(r.officers, r.reached) for r in selectors.completion_by_agency(head, 2025)] == [(3, 0)]


def test_completion_follows_the_yearly_requirement(hours_logged, head, settings):
    settings.ZHIFA_TRAINING_HOURS_PER_YEAR = 40
    assert [(r.officers, r.reached) for r in selectors.completion_by_agency(head, 2026)] == [(3, 3)]


def test_an_unrelated_agency_reads_nothing(hours_logged, make_user):
    from zhifa.accounts.choices import RoleCode

    lone = make_user(AgencyFactory(name="北区交通运输局"), RoleCode.AGENCY_HEAD)
    assert selectors.completion_by_agency(lone, 2026) == []
