"""Page and API refuse the same ill-formed input of the inspections' writes alike (tests/parity.py)."""

from datetime import date
from types import SimpleNamespace

import pytest

from tests.inspections.conftest import TODAY, file_report
from tests.parity import Door, check_door
from zhifa.inspections import services
from zhifa.inspections.models import Inspection, Plan, PriorReport

LONG = "理" * 201

pytestmark = pytest.mark.django_db


def doors(subject, inspection) -> list[Door]:
    return [
        Door(
            "事前报备",
            "zhifa_inspections_api_report_file",
            page="/inspections/reports/",
            api="/api/inspections/reports",
            good={
                "subject": subject.pk,
                "reason": "投诉举报",
                "item_codes": "SCJG-JC-001",
                "planned_on": "2026-03-02",
            },
            text_fields={"reason": "检查事由"},
            bad=[("reason", "", "请写明检查事由")],
            to_api=lambda data: {
                "subject_id": data["subject"],
                "reason": data["reason"],
                "item_codes": [data["item_codes"]],
                "planned_on": data["planned_on"],
            },
        ),
        Door(
            "录入检查结果",
            "zhifa_inspections_api_inspection_finish",
            page=f"/inspections/inspections/{inspection.pk}/",
            api=f"/api/inspections/inspections/{inspection.pk}/finish",
            good={"result": "no_problem", "summary": "现场检查未发现问题", "on": "2026-03-03"},
            text_fields={"summary": "检查情况", "lenient_reason": "不适用包容审慎的理由（如需立案）"},
            bad=[("summary", "", "请填写检查情况")],
        ),
    ]


def reason_doors(plan, task, report, guard: str) -> list[Door]:
    """The reasons of 公布计划 (after the filing deadline) and 开始检查 (of an enterprise inspected lately)."""
    return [
        Door(
            "逾期公布计划",
            "zhifa_inspections_api_plan_publish",
            page=f"/inspections/plans/{plan.pk}/publish/",
            api=f"/api/inspections/plans/{plan.pk}/publish",
            good={"late_reason": "年初机构调整，延后制定"},
            text_fields={"late_reason": "逾期公布理由"},
            bad=[
                ("late_reason", "", "计划应于2026年02月01日前制定公布，逾期公布须说明理由"),
                ("late_reason", " ", "计划应于2026年02月01日前制定公布，逾期公布须说明理由"),
                ("late_reason", LONG, "“逾期公布理由”最多200个字符"),
            ],
        ),
        Door(
            "开始任务检查（重复检查）",
            "zhifa_inspections_api_task_start",
            page=f"/inspections/tasks/{task.pk}/start/",
            api=f"/api/inspections/tasks/{task.pk}/start",
            good={"guard_reason": "群众投诉，确需复查"},
            text_fields={"guard_reason": "重复检查理由"},
            bad=[("guard_reason", "", guard), ("guard_reason", LONG, "“重复检查理由”最多200个字符")],
        ),
        Door(
            "计划外检查（重复检查）",
            "zhifa_inspections_api_inspection_unplanned",
            page=f"/inspections/reports/{report.pk}/start/",
            api="/api/inspections/inspections",
            good={"guard_reason": "群众投诉，确需复查"},
            text_fields={"guard_reason": "重复检查理由"},
            bad=[("guard_reason", "", guard), ("guard_reason", LONG, "“重复检查理由”最多200个字符")],
            to_api=lambda data: {**data, "prior_report_id": report.pk},
            page_form="start_form",
        ),
    ]


doors(SimpleNamespace(pk=0), SimpleNamespace(pk=0))  # the table, for tests/test_parity_table.py
reason_doors(SimpleNamespace(pk=0), SimpleNamespace(pk=0), SimpleNamespace(pk=0), "")


def test_page_and_api_refuse_alike(client, agencies, catalogues, subjects, drawn, inspector_user):
    started = services.inspection_start(
        actor=inspector_user, agency=agencies["east_market"], task=drawn.tasks.first(), on=TODAY, via_qr=True
    )
    for door in doors(subjects[0], started):
        check_door(client, inspector_user, door, counted=(PriorReport, Inspection))


def test_the_reasons_are_refused_alike(
    client, agencies, plan, drawn, subjects, inspector_user, lead, make_user
):
    from datetime import timedelta

    from zhifa.accounts.choices import RoleCode

    draft = services.plan_create(
        actor=lead,
        agency=agencies["east_market"],
        data=services.PlanInput(
            title="2026年食品经营专项抽查",
            year=2026,
            items=[(agencies["east_market"], "SCJG-JC-001")],
            ends_on=date(2026, 11, 30),
            ratios={"A": "10", "B": "10", "C": "20", "D": "50"},
            frequency=3,
        ),
    )
    Plan.objects.filter(pk=draft.pk).update(file_by=date(2026, 2, 1))
    task = drawn.tasks.order_by("id").first()
    # the task's enterprise was inspected by 西区 a week ago: a repeat needs its reason
    Inspection.objects.create(
        agency=agencies["west_market"],
        subject=task.subject,
        subject_code=task.subject.code,
        started_on=TODAY - timedelta(days=7),
        started_by=lead,
    )
    report = file_report(inspector_user, agencies["east_market"], task.subject)
    approver = make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")
    services.prior_report_decide(actor=approver, report=report, approve=True)
    guard = services.guard_check(subject=task.subject, on=TODAY, exclude_task=task).message()
    publish, start, unplanned = reason_doors(draft, task, report, guard)
    check_door(client, lead, publish, counted=(Plan, Inspection))
    check_door(client, inspector_user, start, counted=(Inspection,))
    unplanned.bad[0] = ("guard_reason", "", services.guard_check(subject=task.subject, on=TODAY).message())
    check_door(client, inspector_user, unplanned, counted=(Inspection,))
