"""突出问题 services: each rule with exact values, and on a refusal nothing written."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.supervision.problems.conftest import pdf_bytes
from zhifa.supervision.actions.choices import ItemStatus, SupervisionKind
from zhifa.supervision.problems import selectors, services
from zhifa.supervision.problems.choices import DeviceStatus, ProblemStatus, Source, TaskStatus

pytestmark = pytest.mark.django_db


def refused(call, field: str) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict[field][0]


class TestProblems:
    def test_the_agency_records_its_own_problem_as_self_check_in_its_list_of_the_year(
        self, problem, market, records_of
    ):
        assert (problem.agency, problem.source, problem.status) == (market, Source.SELF, ProblemStatus.OPEN)
        assert (problem.problem_list.agency, problem.problem_list.year) == (market, 2026)
        assert records_of(problem) == ["problem.record"]

    def test_the_supervisor_adds_a_problem_to_the_agencys_list(self, problem, supervisor, market):
        added = services.problem_record(
            actor=supervisor,
            data=services.ProblemInput(
                agency=market, category="repeated", title="重复检查", description="一年四次"
            ),
        )
        assert added.source == Source.SUPERVISION
        assert added.problem_list == problem.problem_list

    def test_a_problem_needs_a_category_and_a_title(self, head, market, writes):
        before = writes()
        data = services.ProblemInput(agency=market, category="", title="x", description="y")
        assert refused(lambda: services.problem_record(actor=head, data=data), "category") == "请选择问题类别"
        data = services.ProblemInput(agency=market, category="fees", title=" ", description="y")
        assert refused(lambda: services.problem_record(actor=head, data=data), "title") == "请填写问题名称"
        assert before.none

    def test_another_agency_cannot_record_into_a_list_not_its_own(self, third_head, market, writes):
        before = writes()
        data = services.ProblemInput(agency=market, category="fees", title="x", description="y")
        with pytest.raises(PermissionDenied):
            services.problem_record(actor=third_head, data=data)
        assert before.none

    def test_a_supervisor_of_another_county_cannot_add_a_problem(self, west_supervisor, market, writes):
        before = writes()
        data = services.ProblemInput(agency=market, category="fees", title="x", description="y")
        with pytest.raises(PermissionDenied):
            services.problem_record(actor=west_supervisor, data=data)
        assert before.none


class TestTasks:
    def test_a_task_is_set_with_its_deadline_and_recorded(self, task, records_of):
        assert (task.status, task.due_on) == (TaskStatus.RECTIFYING, date(2026, 3, 20))
        assert records_of(task) == ["rectification.assign"]

    def test_without_a_deadline_the_default_is_20_working_days(self, problem, head):
        task = services.task_assign(actor=head, problem=problem, measures="整改")
        assert task.due_on == date(2026, 4, 3)

    def test_a_deadline_in_the_past_is_refused(self, problem, supervisor, writes):
        before = writes()
        message = refused(
            lambda: services.task_assign(
                actor=supervisor, problem=problem, measures="整改", due_on=date(2026, 3, 5)
            ),
            "due_on",
        )
        assert message == "整改期限（2026-03-05）已过去，不能早于今天（2026-03-06）"
        assert before.none

    def test_a_deadline_on_a_rest_day_is_refused(self, problem, supervisor, writes):
        before = writes()
        message = refused(
            lambda: services.task_assign(
                actor=supervisor, problem=problem, measures="整改", due_on=date(2026, 3, 7)
            ),
            "due_on",
        )
        assert message == "整改期限（2026-03-07）是休息日，请选择工作日"
        assert before.none

    def test_progress_is_reported_with_a_file_and_the_task_stays_open(self, task, head, records_of):
        report = services.task_report(
            actor=head, task=task, text="已培训一次", files=[services.Upload("培训签到.pdf", pdf_bytes())]
        )
        task.refresh_from_db()
        assert task.status == TaskStatus.RECTIFYING
        assert [(f.name, f.media_type) for f in report.files.all()] == [("培训签到.pdf", "application/pdf")]
        assert records_of(task) == ["rectification.assign", "rectification.report"]

    def test_a_file_that_is_not_a_document_is_refused(self, task, head, writes):
        before = writes()
        message = refused(
            lambda: services.task_report(
                actor=head, task=task, text="x", files=[services.Upload("a.pdf", b"MZ\x90\x00binary")]
            ),
            "files",
        )
        assert message.startswith("“a.pdf”：")
        assert before.none

    def test_a_case_of_another_agency_is_refused_as_evidence(self, task, head, writes):
        before = writes()
        message = refused(
            lambda: services.task_report(actor=head, task=task, text="x", case_ids=[999999]), "cases"
        )
        assert message == "案件（编号999999）不存在或不属于东区市场监督管理局"
        assert before.none

    def test_a_third_agency_cannot_report(self, task, third_head, writes):
        before = writes()
        with pytest.raises(Http404):
            services.task_report(actor=third_head, task=task, text="x")
        assert before.none

    def test_the_follow_up_passes_and_closes_task_and_problem(self, submitted, supervisor, records_of):
        services.follow_up_pass(actor=supervisor, task=submitted, note="抽查十件，整改到位")
        submitted.refresh_from_db()
        problem = submitted.problem
        problem.refresh_from_db()
        assert (submitted.status, problem.status) == (TaskStatus.CLOSED, ProblemStatus.CLOSED)
        assert records_of(submitted) == ["rectification.assign", "rectification.submit", "rectification.pass"]
        assert records_of(problem) == ["problem.record", "problem.close"]

    def test_a_failed_follow_up_returns_the_task_with_the_reason_and_a_new_deadline(
        self, submitted, supervisor, today
    ):
        today(date(2026, 3, 23))
        review = services.follow_up_fail(actor=supervisor, task=submitted, note="仍有两件未说明理由")
        submitted.refresh_from_db()
        assert (submitted.status, submitted.due_on) == (TaskStatus.RECTIFYING, date(2026, 4, 21))
        assert (review.passed, review.note, review.new_due_on) == (
            False,
            "仍有两件未说明理由",
            date(2026, 4, 21),
        )

    def test_a_failed_follow_up_needs_its_reason(self, submitted, supervisor, writes):
        before = writes()
        message = refused(lambda: services.follow_up_fail(actor=supervisor, task=submitted, note=""), "note")
        assert message == "请填写回头看意见（未通过的理由）"
        assert before.none

    def test_the_agency_cannot_do_its_own_follow_up(self, submitted, head, writes):
        before = writes()
        with pytest.raises(PermissionDenied):
            services.follow_up_pass(actor=head, task=submitted)
        assert before.none

    def test_a_follow_up_before_completion_is_refused_by_the_table(self, task, supervisor, writes):
        before = writes()
        message = refused(lambda: services.follow_up_pass(actor=supervisor, task=task), "status")
        assert message == "整改任务当前为“整改中”，不能回头看通过，销号（应为：待回头看）"
        assert before.none


class TestSupervise:
    def test_a_supervisor_opens_a_special_supervision_item_from_a_problem(
        self, problem, supervisor, records_of
    ):
        item = services.problem_supervise(actor=supervisor, problem=problem)
        problem.refresh_from_db()
        assert problem.supervision_item == item
        assert (item.kind, item.status, item.category, item.agency) == (
            SupervisionKind.SPECIAL,
            ItemStatus.OPEN,
            "fines",
            problem.agency,
        )
        assert item.title == "突出问题专项监督：罚款金额随意"
        assert records_of(problem) == ["problem.record", "problem.supervise"]

    def test_a_second_item_while_the_first_is_open_is_refused(self, problem, supervisor, writes):
        services.problem_supervise(actor=supervisor, problem=problem)
        before = writes()
        message = refused(lambda: services.problem_supervise(actor=supervisor, problem=problem), "problem")
        assert message == "该问题已有办理中的监督事项（突出问题专项监督：罚款金额随意），请在该事项中处理"
        assert before.none

    def test_the_agency_cannot_open_supervision(self, problem, head, writes):
        before = writes()
        with pytest.raises(PermissionDenied):
            services.problem_supervise(actor=head, problem=problem)
        assert before.none


class TestDevices:
    def test_a_device_is_registered_and_its_clean_up_recorded(self, device, head, records_of):
        data = services.DeviceInput(
            name=device.name,
            location=device.location,
            legal_basis=device.legal_basis,
            approval_authority=device.approval_authority,
            approval_number=device.approval_number,
            approved_on=device.approved_on,
            published=True,
            status=DeviceStatus.CLEARED,
        )
        services.device_update(actor=head, device=device, data=data)
        device.refresh_from_db()
        assert device.status == DeviceStatus.CLEARED
        assert records_of(device) == ["monitoring_device.register", "monitoring_device.update"]

    def test_a_device_needs_its_legal_basis(self, head, market, writes):
        before = writes()
        data = services.DeviceInput(name="设备", location="路口", legal_basis="")
        message = refused(
            lambda: services.device_register(actor=head, agency=market, data=data), "legal_basis"
        )
        assert message == "请填写设置依据"
        assert before.none

    def test_an_approval_date_in_the_future_is_refused(self, head, market, writes):
        before = writes()
        data = services.DeviceInput(
            name="设备",
            location="路口",
            legal_basis="依据",
            approval_authority="区政府",
            approved_on=date(2026, 3, 9),
        )
        message = refused(
            lambda: services.device_register(actor=head, agency=market, data=data), "approved_on"
        )
        assert message == "批准日期（2026-03-09）不能晚于今天"
        assert before.none

    def test_the_summary_counts_per_agency_in_one_query(
        self, device, head, third_head, third_agency, supervisor, django_assert_num_queries
    ):
        services.device_register(
            actor=head,
            agency=device.agency,
            data=services.DeviceInput(name="b", location="c", legal_basis="d"),
        )
        services.device_register(
            actor=third_head,
            agency=third_agency,
            data=services.DeviceInput(name="e", location="f", legal_basis="g", status=DeviceStatus.STOPPED),
        )
        selectors.device_summary(supervisor)  # the user's agency and region are read once, then kept
        with django_assert_num_queries(1):
            rows = selectors.device_summary(supervisor)
        assert [
            (
                r["agency__name"],
                r["total"],
                r["in_use"],
                r["stopped"],
                r["cleared"],
                r["unpublished"],
                r["unapproved"],
            )
            for r in rows
        ] == [("东区市场监督管理局", 2, 2, 0, 0, 1, 1), ("东区生态环境局", 1, 0, 1, 0, 0, 0)]
        assert selectors.device_summary(head) == [rows[0]]
