"""监督事项 services: each rule with exact values, and on a refusal nothing written."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.supervision.actions.conftest import pdf_bytes
from zhifa.core.models import Record
from zhifa.supervision.actions import services
from zhifa.supervision.actions.choices import EscalationStep, Grade, ItemStatus, ReplyOutcome, TargetKind
from zhifa.supervision.models import SupervisionItem


def refused(call, field: str) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict[field][0]


class TestOpening:
    def test_an_item_of_one_agency_is_opened_in_the_supervisors_bureau_and_recorded(
        self, item, agencies, records_of
    ):
        assert (item.status, item.agency, item.bureau) == (
            ItemStatus.OPEN,
            agencies["east_market"],
            agencies["east_justice"],
        )
        assert (item.kind, item.category, item.title) == ("key", "fines", "乱罚款问题重点监督")
        assert records_of(item) == ["supervision_item.open"]

    def test_a_theme_opens_one_item_per_agency_concerned(self, supervisor, agencies, third_agency):
        made = services.item_open(
            actor=supervisor,
            data=services.OpenInput(
                kind="special",
                target_kind=TargetKind.THEME,
                theme="涉企乱检查专项监督",
                agencies=[agencies["east_market"], third_agency],
                category="inspections",
            ),
        )
        assert [(i.agency.name, i.title, i.theme) for i in made] == [
            ("东区市场监督管理局", "涉企乱检查专项监督", "涉企乱检查专项监督"),
            ("东区生态环境局", "涉企乱检查专项监督", "涉企乱检查专项监督"),
        ]

    def test_a_theme_needs_its_name(self, supervisor, agencies, writes):
        before = writes()
        data = services.OpenInput(kind="special", target_kind="theme", agencies=[agencies["east_market"]])
        assert refused(lambda: services.item_open(actor=supervisor, data=data), "theme") == "请填写专项主题"
        assert before.none

    def test_one_agency_target_takes_one_agency(self, supervisor, agencies, third_agency, writes):
        before = writes()
        data = services.OpenInput(
            kind="routine", target_kind="agency", title="x", agencies=[agencies["east_market"], third_agency]
        )
        message = refused(lambda: services.item_open(actor=supervisor, data=data), "agencies")
        assert message == "监督一个行政执法机关时只能选择一个机关；涉及多个机关请选择“专项主题”"
        assert before.none

    def test_a_supervisor_cannot_supervise_outside_their_region(self, west_supervisor, agencies, writes):
        before = writes()
        data = services.OpenInput(
            kind="routine", target_kind="agency", title="x", agencies=[agencies["east_market"]]
        )
        with pytest.raises(PermissionDenied):
            services.item_open(actor=west_supervisor, data=data)
        assert before.none

    def test_an_agency_head_cannot_open_an_item(self, head, agencies, writes):
        before = writes()
        data = services.OpenInput(
            kind="routine", target_kind="agency", title="x", agencies=[agencies["east_market"]]
        )
        with pytest.raises(PermissionDenied):
            services.item_open(actor=head, data=data)
        assert before.none

    def test_one_action_from_a_case_and_only_one_open_item_per_case(self, supervisor, new_case, writes):
        item = services.item_open_from_case(actor=supervisor, case=new_case, reason="群众举报")
        assert (item.target_kind, item.kind, item.case, item.agency) == (
            TargetKind.CASE,
            "routine",
            new_case,
            new_case.agency,
        )
        assert item.title == f"对案件{new_case.pk}（销售不符合食品安全标准的食品）的监督"
        before = writes()
        message = refused(lambda: services.item_open_from_case(actor=supervisor, case=new_case), "case")
        assert message == f"案件{new_case.pk}已有办理中的监督事项（{item.title}），请在该事项中处理"
        assert before.none


class TestFindings:
    def test_a_finding_links_the_agencys_cases_records_and_documents(
        self, item, supervisor, new_case, records_of
    ):
        record = Record.objects.filter(agency=new_case.agency).first()
        finding = services.finding_add(
            actor=supervisor, item=item, text="立案超期", case_ids=[new_case.pk], record_ids=[record.pk]
        )
        assert list(finding.cases.all()) == [new_case]
        assert list(finding.records.all()) == [record]
        assert records_of(item) == ["supervision_item.open", "supervision_item.find"]

    def test_evidence_of_another_agency_is_refused(self, item, supervisor, city_supervisor, agencies, writes):
        data = services.OpenInput(
            kind="routine", target_kind="agency", title="西县", agencies=[agencies["west_market"]]
        )
        services.item_open(actor=city_supervisor, data=data)
        foreign = Record.objects.get(agency=agencies["west_market"])
        before = writes()
        message = refused(
            lambda: services.finding_add(actor=supervisor, item=item, text="x", record_ids=[foreign.pk]),
            "records",
        )
        assert message == f"执法记录（编号{foreign.pk}）不存在或不属于被监督机关东区市场监督管理局"
        assert before.none

    def test_a_finding_needs_its_text(self, item, supervisor, writes):
        before = writes()
        assert (
            refused(lambda: services.finding_add(actor=supervisor, item=item, text="  "), "text")
            == "请填写问题描述"
        )
        assert before.none


class TestInstruments:
    def test_a_notice_is_numbered_in_the_bureaus_name_with_working_day_deadlines(
        self, notice, item, records_of
    ):
        # issued Friday 2026-03-06: 10 working days to reply, 20 to rectify (defaults of 通知书)
        assert (notice.number, notice.issuer) == (
            "东司监通〔2026〕1号",
            "东区司法局（行政执法协调监督办公室）",
        )
        assert (notice.reply_due, notice.rectify_due) == (date(2026, 3, 20), date(2026, 4, 3))
        item.refresh_from_db()
        assert (item.status, item.grade, item.due_on) == (
            ItemStatus.AWAITING,
            Grade.NOTICE,
            date(2026, 3, 20),
        )
        assert records_of(item)[-1] == "supervision_item.issue"

    def test_an_opinion_gives_15_working_days_to_reply(self, notice, item, finding, supervisor):
        opinion = services.instrument_issue(
            actor=supervisor,
            item=item,
            grade=Grade.OPINION,
            requirements="限期纠正",
            finding_ids=[finding.pk],
        )
        assert (opinion.number, opinion.reply_due, opinion.rectify_due) == (
            "东司监意〔2026〕1号",
            date(2026, 3, 27),
            date(2026, 4, 20),
        )

    def test_deadlines_run_over_the_national_day_holiday(self, item, finding, supervisor, today):
        today(date(2026, 9, 25))  # Friday before 国庆: 10-01..10-07 off, Saturday 10-10 worked
        notice = services.instrument_issue(
            actor=supervisor, item=item, grade=Grade.NOTICE, requirements="纠正", finding_ids=[finding.pk]
        )
        assert (notice.reply_due, notice.rectify_due) == (date(2026, 10, 15), date(2026, 10, 29))

    def test_the_region_setting_overrides_the_default_down_the_tree(
        self, item, finding, supervisor, settings
    ):
        settings.ZHIFA_SUPERVISION_WORKDAYS = {"970100": {"notice": [5, 10]}}  # the city, above 东区
        notice = services.instrument_issue(
            actor=supervisor, item=item, grade=Grade.NOTICE, requirements="纠正", finding_ids=[finding.pk]
        )
        assert (notice.reply_due, notice.rectify_due) == (date(2026, 3, 13), date(2026, 3, 20))

    def test_an_instrument_without_a_finding_is_refused(self, item, supervisor, writes):
        before = writes()
        message = refused(
            lambda: services.instrument_issue(
                actor=supervisor, item=item, grade=Grade.NOTICE, requirements="纠正", finding_ids=[]
            ),
            "findings",
        )
        assert message == "制发监督文书须依据已记录的问题：请先记录发现的问题，并选择文书所依据的问题"
        assert before.none

    @pytest.mark.parametrize(
        ("due", "field", "message"),
        [
            (
                {"reply_due": date(2026, 3, 5)},
                "reply_due",
                "答复期限（2026-03-05）已过去，不能早于今天（2026-03-06）",
            ),
            (
                {"rectify_due": date(2026, 1, 30)},
                "rectify_due",
                "整改期限（2026-01-30）已过去，不能早于今天（2026-03-06）",
            ),
            ({"reply_due": date(2026, 3, 7)}, "reply_due", "答复期限（2026-03-07）是休息日，请选择工作日"),
            (
                {"reply_due": date(2026, 3, 20), "rectify_due": date(2026, 3, 19)},
                "rectify_due",
                "整改期限（2026-03-19）不能早于答复期限（2026-03-20）",
            ),
        ],
    )
    def test_a_bad_deadline_is_refused(self, item, finding, supervisor, writes, due, field, message):
        before = writes()
        call = lambda: services.instrument_issue(  # noqa: E731
            actor=supervisor,
            item=item,
            grade=Grade.NOTICE,
            requirements="纠正",
            finding_ids=[finding.pk],
            **due,
        )
        assert refused(call, field) == message
        assert before.none

    def test_only_the_system_enters_an_instrument_of_an_earlier_day(self, item, finding, supervisor, writes):
        before = writes()
        call = lambda: services.instrument_issue(  # noqa: E731
            actor=supervisor,
            item=item,
            grade="notice",
            requirements="纠正",
            finding_ids=[finding.pk],
            on=date(2026, 3, 2),
        )
        assert refused(call, "on") == "只有系统补录时可以指定制发日期"
        assert before.none
        entered = services.instrument_issue(
            actor=None,
            item=item,
            grade="notice",
            requirements="纠正",
            finding_ids=[finding.pk],
            on=date(2026, 3, 2),
        )
        assert (entered.reply_due, entered.rectify_due) == (date(2026, 3, 16), date(2026, 3, 30))

    def test_grades_only_rise(self, notice, item, finding, supervisor, writes):
        before = writes()
        call = lambda: services.instrument_issue(  # noqa: E731
            actor=supervisor, item=item, grade=Grade.NOTICE, requirements="再次通知", finding_ids=[finding.pk]
        )
        assert refused(call, "grade") == (
            "本事项已制发行政执法监督通知书，再次制发须为更高等级的文书（通知书→意见书→决定书）"
        )
        assert before.none


class TestReplies:
    def test_the_agency_replies_with_its_rectification_file(self, replied, head, records_of):
        reply = replied.replies.get()
        assert (replied.status, reply.submitted_by, reply.outcome) == (
            ItemStatus.REPLIED,
            head,
            ReplyOutcome.PENDING,
        )
        assert [(f.name, f.media_type, f.size) for f in reply.files.all()] == [
            ("整改报告.pdf", "application/pdf", len(pdf_bytes()))
        ]
        assert records_of(replied)[-1] == "supervision_item.reply"

    def test_a_third_agency_cannot_reply(self, item, notice, third_head, writes):
        before = writes()
        with pytest.raises(Http404):
            services.reply_submit(actor=third_head, item=item, text="代为答复")
        assert before.none

    def test_the_supervisor_does_not_reply_for_the_agency(self, item, notice, supervisor, writes):
        before = writes()
        with pytest.raises(PermissionDenied):
            services.reply_submit(actor=supervisor, item=item, text="代为答复")
        assert before.none

    @pytest.mark.parametrize(
        ("upload", "message"),
        [
            (services.Upload("说明.txt", b"plain words"), "“说明.txt”：文件内容"),
            (services.Upload("空.pdf", b""), "“空.pdf”是空文件"),
        ],
    )
    def test_a_bad_file_is_refused(self, item, notice, head, writes, upload, message):
        before = writes()
        text = refused(
            lambda: services.reply_submit(actor=head, item=item, text="已整改", files=[upload]), "files"
        )
        assert text.startswith(message)
        assert before.none

    def test_a_file_above_the_limit_is_refused(self, item, notice, head, writes, settings):
        settings.ZHIFA_SUPERVISION_MAX_FILE_BYTES = 10
        before = writes()
        call = lambda: services.reply_submit(  # noqa: E731
            actor=head, item=item, text="已整改", files=[services.Upload("报告.pdf", pdf_bytes())]
        )
        assert refused(call, "files") == "“报告.pdf”超过10\xa0字节，请压缩或拆分后上传"
        assert before.none

    def test_accepting_closes_the_item(self, replied, supervisor, records_of):
        item = services.reply_accept(actor=supervisor, item=replied, note="整改到位")
        assert (item.status, item.due_on) == (ItemStatus.CLOSED, None)
        assert item.replies.get().outcome == ReplyOutcome.ACCEPTED
        assert records_of(item)[-1] == "supervision_item.accept"

    def test_returning_needs_reasons_and_sets_the_rectification_deadline(self, replied, supervisor, writes):
        before = writes()
        assert refused(
            lambda: services.reply_return(actor=supervisor, item=replied, reason=""), "reason"
        ) == ("请填写退回理由")
        assert before.none
        item = services.reply_return(actor=supervisor, item=replied, reason="未附培训记录")
        assert (item.status, item.due_on) == (ItemStatus.AWAITING, date(2026, 4, 3))
        assert item.replies.get().review_note == "未附培训记录"


class TestEscalation:
    def test_nothing_to_escalate_before_the_deadline(self, item, notice, supervisor, writes):
        before = writes()
        message = refused(
            lambda: services.escalate(actor=supervisor, item=item, step="deadline", note="x"), "status"
        )
        assert message == "当前期限（2026-03-20）尚未届满，不能升级"
        assert before.none

    def test_the_ladder_is_climbed_one_rung_at_a_time(
        self, item, notice, supervisor, today, records_of, writes
    ):
        today(date(2026, 3, 23))  # Monday after the reply deadline (2026-03-20)
        before = writes()
        message = refused(
            lambda: services.escalate(
                actor=supervisor, item=item, step=EscalationStep.INTERVIEW, note="约谈"
            ),
            "step",
        )
        assert message == "升级须逐级进行：当前可采取的措施为限期整改"
        assert before.none
        step = services.escalate(
            actor=supervisor, item=item, step=EscalationStep.DEADLINE, note="责令限期整改"
        )
        item.refresh_from_db()
        # 10 working days from Monday 2026-03-23, over 清明 (04-04..04-06)
        assert (step.due_on, item.due_on, item.escalation) == (date(2026, 4, 7), date(2026, 4, 7), "deadline")
        today(date(2026, 4, 8))
        services.escalate(actor=supervisor, item=item, step=EscalationStep.INTERVIEW, note="约谈主要负责人")
        services.escalate(actor=supervisor, item=item, step=EscalationStep.CIRCULAR, note="全市通报")
        services.escalate(actor=supervisor, item=item, step=EscalationStep.REPORT, note="报告区政府")
        item.refresh_from_db()
        assert services.next_steps(item) == []
        assert list(item.escalations.values_list("step", flat=True)) == [
            "deadline",
            "interview",
            "circular",
            "report",
        ]
        assert records_of(item).count("supervision_item.escalate") == 4

    def test_a_deadline_step_in_the_past_is_refused(self, item, notice, supervisor, today, writes):
        today(date(2026, 3, 23))
        before = writes()
        call = lambda: services.escalate(  # noqa: E731
            actor=supervisor, item=item, step="deadline", note="限期", due_on=date(2026, 3, 20)
        )
        assert refused(call, "due_on") == "整改期限（2026-03-20）已过去，不能早于今天（2026-03-23）"
        assert before.none


class TestClosing:
    def test_an_item_without_problems_is_closed_with_its_note(self, item, supervisor):
        closed = services.item_close(actor=supervisor, item=item, note="核查未发现问题")
        assert (closed.status, closed.close_note) == (ItemStatus.CLOSED, "核查未发现问题")

    def test_closing_needs_a_note_and_is_only_for_items_under_check(self, notice, item, supervisor, writes):
        before = writes()
        message = refused(lambda: services.item_close(actor=supervisor, item=item, note="x"), "status")
        assert message == "监督事项当前为“待答复整改”，不能办结（未发现问题）（应为：核查中）"
        assert before.none
        assert SupervisionItem.objects.get(pk=item.pk).status == ItemStatus.AWAITING
