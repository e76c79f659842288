"""Inspections and results: 事前报备, the repeated-inspection guard, results (a case, the event, the
credit record), 包容审慎, 公示, and anonymous ratings."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from zhifa.cases.models import Case
from zhifa.core import events
from zhifa.inspections import services
from zhifa.inspections.choices import InspectionResult, LenientKind, SubjectKind, TaskStatus
from zhifa.inspections.models import Inspection, Rating, Subject

from .conftest import file_report

ON = date(2026, 3, 2)


@pytest.fixture
def approver(agencies, make_user):
    from zhifa.accounts.choices import RoleCode

    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


def approved_report(actor, approver, agency, subject, on=ON):
    report = services.prior_report_file(
        actor=actor,
        agency=agency,
        subject=subject,
        reason="群众投诉反映",
        item_codes=["SCJG-JC-001"],
        planned_on=on,
    )
    return services.prior_report_decide(actor=approver, report=report, approve=True, on=on)


@pytest.fixture
def received():
    seen = []

    def handler(**payload):
        seen.append(payload)

    events.subscribe("inspection.result_recorded", handler)
    yield seen
    events._handlers["inspection.result_recorded"].remove(handler)


def test_unplanned_enterprise_inspection_without_report_is_refused(
    agencies, catalogues, inspector_user, subjects
):
    with pytest.raises(ValidationError, match="须在检查前事前报备并经批准"):
        services.inspection_start(
            actor=inspector_user, agency=agencies["east_market"], subject=subjects[0], on=ON
        )
    assert not Inspection.objects.exists()


def test_a_pending_report_is_not_enough(agencies, catalogues, inspector_user, subjects):
    report = file_report(inspector_user, agencies["east_market"], subjects[0])
    with pytest.raises(ValidationError, match="事前报备并经批准"):
        services.inspection_start(
            actor=inspector_user,
            agency=agencies["east_market"],
            subject=subjects[0],
            prior_report=report,
            on=ON,
        )


def test_report_items_must_be_in_the_catalogue(agencies, catalogues, inspector_user, subjects):
    with pytest.raises(ValidationError, match="不在本机关施行中的执法事项清单内"):
        services.prior_report_file(
            actor=inspector_user,
            agency=agencies["east_market"],
            subject=subjects[0],
            reason="投诉",
            item_codes=["XX-999"],
            planned_on=ON,
        )


def test_the_filer_cannot_approve_their_own_report(agencies, catalogues, lead, subjects):
    report = file_report(lead, agencies["east_market"], subjects[0])
    with pytest.raises(ValidationError, match="不能审批自己的报备"):
        services.prior_report_decide(actor=lead, report=report, approve=True)


def test_unplanned_inspection_with_approved_report(agencies, catalogues, inspector_user, approver, subjects):
    report = approved_report(inspector_user, approver, agencies["east_market"], subjects[0])
    inspection = services.inspection_start(
        actor=inspector_user, agency=agencies["east_market"], subject=subjects[0], prior_report=report, on=ON
    )
    assert inspection.item_names == ["食品经营监督检查"] and not inspection.planned


def test_guard_blocks_a_repeat_within_30_days_and_suggests_a_joint_visit(
    agencies, catalogues, inspector_user, approver, subjects, drawn
):
    subject = drawn.tasks.first().subject
    first = approved_report(
        inspector_user, approver, agencies["east_market"], subject, ON - timedelta(days=10)
    )
    services.inspection_start(
        actor=inspector_user,
        agency=agencies["east_market"],
        subject=subject,
        prior_report=first,
        on=ON - timedelta(days=10),
    )
    second = approved_report(inspector_user, approver, agencies["east_market"], subject)
    with pytest.raises(ValidationError) as refused:
        services.inspection_start(
            actor=inspector_user, agency=agencies["east_market"], subject=subject, prior_report=second, on=ON
        )
    message = refused.value.message_dict["guard_reason"][0]
    assert (
        "距今不足30日" in message
        and "建议合并为联合检查" in message
        and "2026年食品经营双随机抽查" in message
    )
    assert Inspection.objects.count() == 1
    inspection = services.inspection_start(
        actor=inspector_user,
        agency=agencies["east_market"],
        subject=subject,
        prior_report=second,
        on=ON,
        guard_reason="发生食物中毒事件，须立即检查",
    )
    assert inspection.guard_reason == "发生食物中毒事件，须立即检查"


def test_guard_window_follows_the_setting(settings, agencies, catalogues, inspector_user, approver, subjects):
    settings.ZHIFA_REINSPECTION_DAYS = 5
    subject = subjects[0]
    for on in (ON - timedelta(days=10), ON):
        report = approved_report(inspector_user, approver, agencies["east_market"], subject, on)
        services.inspection_start(
            actor=inspector_user, agency=agencies["east_market"], subject=subject, prior_report=report, on=on
        )
    assert Inspection.objects.filter(subject=subject).count() == 2


def test_guard_counts_other_departments_and_the_yearly_cap(
    agencies, catalogues, inspector_user, approver, subjects
):
    from tests.factories import UserFactory
    from zhifa.accounts.choices import RoleCode

    subject = subjects[0]
    Subject.objects.filter(pk=subject.pk).update(yearly_cap=1)
    subject.refresh_from_db()
    west_user = UserFactory(agency=agencies["west_market"], roles=[RoleCode.OFFICER])
    Inspection.objects.create(
        agency=agencies["west_market"],
        subject=subject,
        subject_code=subject.code,
        started_on=date(2026, 1, 5),
        started_by=west_user,
    )
    outcome = services.guard_check(subject=subject, on=ON)
    assert outcome.warnings == ["该企业2026年已被检查1次，达到年度检查上限1次"]


def test_persons_need_no_report(agencies, catalogues, inspector_user):
    person = services.subject_create(
        actor=None,
        agency=agencies["east_market"],
        data=services.SubjectInput(kind=SubjectKind.PERSON, name="摊贩甲", id_number="11010519491231002X"),
    )
    assert person.code.startswith("ZR") and "11010519491231002X" not in person.code
    services.inspection_start(actor=inspector_user, agency=agencies["east_market"], subject=person, on=ON)


def test_task_result_opens_a_case_publishes_the_event_and_feeds_the_credit_record(
    agencies, drawn, inspector_user, received
):
    task = drawn.tasks.first()
    inspection = services.inspection_start(
        actor=inspector_user, agency=agencies["east_market"], task=task, on=ON
    )
    done = services.inspection_finish(
        actor=inspector_user,
        inspection=inspection,
        result=InspectionResult.CASE_OPENED,
        summary="现场发现销售过期食品",
        on=ON,
    )
    case = Case.objects.get()
    assert (
        done.case == case
        and case.source == "inspection"
        and case.party_credit_code == task.subject.credit_code
    )
    assert received == [
        {
            "source": done,
            "agency": agencies["east_market"],
            "actor": inspector_user,
            "subject_kind": "organisation",
            "subject_name": task.subject.name,
            "credit_code": task.subject.credit_code,
            "items": ["食品经营监督检查"],
            "result": "发现问题已立案",
            "inspected_on": ON,
            "result_on": ON,
            "summary": "现场发现销售过期食品",
        }
    ]
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    task.subject.refresh_from_db()
    assert task.subject.credit_record[-1]["result"] == "发现问题已立案"


def test_observation_period_turns_a_case_into_rectification(agencies, drawn, inspector_user, lead):
    task = drawn.tasks.first()
    services.lenient_add(
        actor=lead,
        agency=agencies["east_market"],
        kind=LenientKind.OBSERVATION,
        subject=task.subject,
        valid_from=ON,
    )
    inspection = services.inspection_start(
        actor=inspector_user, agency=agencies["east_market"], task=task, on=ON
    )
    with pytest.raises(ValidationError, match="检查对象处于观察期，适用包容审慎监管"):
        services.inspection_finish(
            actor=inspector_user,
            inspection=inspection,
            result=InspectionResult.CASE_OPENED,
            summary="轻微问题",
            on=ON,
        )
    assert not Case.objects.exists()
    done = services.inspection_finish(
        actor=inspector_user,
        inspection=inspection,
        result=InspectionResult.RECTIFY,
        summary="轻微问题",
        on=ON,
    )
    assert done.lenient_note == "检查对象处于观察期"
    task.subject.refresh_from_db()
    assert task.subject.credit_record[-1]["lenient"] == "检查对象处于观察期"


def test_no_penalty_list_applies_to_the_items(agencies, drawn, inspector_user, lead):
    services.lenient_add(
        actor=lead,
        agency=agencies["east_market"],
        kind=LenientKind.NO_PENALTY,
        item_code="SCJG-JC-001",
        valid_from=ON,
    )
    inspection = services.inspection_start(
        actor=inspector_user, agency=agencies["east_market"], task=drawn.tasks.first(), on=ON
    )
    with pytest.raises(ValidationError, match="检查事项在免罚清单内"):
        services.inspection_finish(
            actor=inspector_user,
            inspection=inspection,
            result=InspectionResult.CASE_OPENED,
            summary="问题",
            on=ON,
        )


def test_the_result_has_one_publicity_clock_and_one_reminder(agencies, drawn, inspector_user, lead):
    """Publicity owns the 公示 of a result: one draft, due 20 working days after the result was recorded
    (2026-03-02 → 03-30), read back on the inspection; one 工作台 reminder (publicity's), none here."""
    from zhifa.inspections import selectors, workbench
    from zhifa.publicity import services as publicity
    from zhifa.publicity import workbench as publicity_workbench
    from zhifa.publicity.models import Disclosure

    inspection = services.inspection_start(
        actor=inspector_user, agency=agencies["east_market"], task=drawn.tasks.first(), on=ON
    )
    finished_on = date(2026, 3, 4)  # the clock runs from the result, not from the start
    services.inspection_finish(
        actor=inspector_user,
        inspection=inspection,
        result=InspectionResult.NO_PROBLEM,
        summary="未见异常",
        on=finished_on,
    )
    draft = Disclosure.objects.get(source_type="inspections.inspection", source_id=str(inspection.pk))
    assert (draft.kind, draft.status, draft.decided_on, draft.due_on) == (
        "inspection",
        "draft",
        finished_on,
        date(2026, 4, 1),
    )
    shown = selectors.get_inspection(lead, inspection.pk)
    assert (shown.publicity_due, shown.publicity_on, shown.publicity_label) == (
        date(2026, 4, 1),
        None,
        "待审核",
    )
    assert list(selectors.inspections_visible_to(lead, unpublished=True)) == [shown]
    assert not {f.name for f in Inspection._meta.get_fields()} & {"publish_due", "published_on"}

    today = date(2026, 3, 31)
    assert [i.title for i in workbench.pending(lead, today=today)] == []
    reminders = publicity_workbench.pending(lead, today=today)
    assert [i.due for i in reminders] == [date(2026, 4, 1)]

    published = publicity.disclosure_publish(actor=None, disclosure=draft)
    shown = selectors.get_inspection(lead, inspection.pk)
    assert (shown.publicity_on, shown.publicity_label) == (published.published_on, "已公示")
    assert list(selectors.inspections_visible_to(lead, unpublished=True)) == []
    assert list(selectors.public_results(drawn.plan)) == [shown]
    assert publicity_workbench.pending(lead, today=today) == []


def test_rating_is_anonymous(inspection):
    token = inspection.subject.qr_token
    rating = services.rating_submit(
        token=token, inspection_id=inspection.pk, score=4, comment="检查人员文明规范"
    )
    # Nothing on the rating leads back to the enterprise, the inspection or a person.
    names = {f.name for f in Rating._meta.get_fields()}
    assert names == {"id", "agency", "month", "score", "comment"}
    assert rating.month == date(2026, 3, 1)
    with pytest.raises(ValidationError, match="已经评价过"):
        services.rating_submit(token=token, inspection_id=inspection.pk, score=5)
    from zhifa.core.models import Record

    assert not Record.objects.filter(payload__contains=str(rating.pk)).exists()


def test_rating_needs_the_enterprises_own_token(inspection):
    other = Subject.objects.exclude(code=inspection.subject_code).first()
    with pytest.raises(ValidationError, match="未找到该检查"):
        services.rating_submit(token=other.qr_token, inspection_id=inspection.pk, score=1)
    with pytest.raises(ValidationError, match="链接无效"):
        services.rating_submit(token="guess", inspection_id=inspection.pk, score=1)


def test_joint_task_one_visit_each_department_its_part(
    agencies, catalogues, health, lead, subjects, inspectors
):
    from tests.factories import UserFactory
    from tests.inspections.conftest import certified
    from zhifa.accounts.choices import RoleCode

    health_officers = [certified(health, name, "health") for name in ("钱一", "孙二", "周三")]
    health_user = UserFactory(agency=health, roles=[RoleCode.OFFICER])
    health_officers[0].user = health_user  # 钱一 inspects for the health department
    health_officers[0].save(update_fields=["user"])
    plan = services.plan_create(
        actor=lead,
        agency=agencies["east_market"],
        data=services.PlanInput(
            title="联合抽查",
            year=2026,
            items=[(agencies["east_market"], "SCJG-JC-001"), (health, "WSJK-JC-001")],
            ends_on=date(2026, 11, 30),
            ratios={"A": "10", "B": "0", "C": "0", "D": "0"},
        ),
    )
    services.plan_publish(actor=lead, plan=plan)
    draw = services.draw_run(actor=lead, draw=services.draw_commit(actor=lead, plan=plan))
    task = draw.tasks.get()
    assert {i.agency for i in task.inspectors.all()} == {agencies["east_market"], health}
    assert task.inspectors.filter(officer__in=health_officers).count() == 2
    market = services.inspection_start(
        actor=inspectors[0].user, agency=agencies["east_market"], task=task, on=ON
    )
    # the second department on the same joint visit is not a repeated inspection
    services.inspection_start(actor=health_user, agency=health, task=task, on=ON)
    services.inspection_finish(
        actor=inspectors[0].user, inspection=market, result=InspectionResult.NO_PROBLEM, summary="无", on=ON
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS  # the health part is still open


def test_a_report_approved_after_the_inspection_date_does_not_count(
    agencies, catalogues, inspector_user, approver, subjects
):
    report = approved_report(inspector_user, approver, agencies["east_market"], subjects[0], on=ON)
    with pytest.raises(ValidationError, match="报备须在检查开始前批准"):
        services.inspection_start(
            actor=inspector_user,
            agency=agencies["east_market"],
            subject=subjects[0],
            prior_report=report,
            on=ON - timedelta(days=1),
        )
