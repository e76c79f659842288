"""监督计划、工作台账与督办 through their services: the rules, what is written, and what a refusal leaves."""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import Http404

from tests.supervision.plans.helpers import Wrote
from zhifa.core.models import Record
from zhifa.supervision.models import LedgerEntry
from zhifa.supervision.plans import selectors, services
from zhifa.supervision.plans.milestones import MILESTONES

pytestmark = pytest.mark.django_db


def refused(call, field: str) -> str:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message_dict[field][0]


def actions(subject) -> list[str]:
    return list(
        Record.objects.filter(subject_id=str(subject.pk)).order_by("id").values_list("action", flat=True)
    )


class TestPlan:
    def test_a_plan_gets_one_task_per_milestone_due_on_the_working_day_clock(self, east_plan, sv):
        tasks = {t.milestone: t for t in east_plan.tasks.all()}
        assert len(tasks) == len(MILESTONES) == 13
        assert tasks["special_may"].due == date(2026, 6, 1)  # 5月31日 is a Sunday
        assert tasks["self_check"].due == date(2026, 11, 2)  # 10月31日 is a Saturday
        assert tasks["assess_recording"].due == date(2026, 7, 30)
        assert tasks["mid_term"].due == date(2026, 8, 31)
        assert "5月底和11月底前" in tasks["special_may"].source
        a = sv["agencies"]
        assert sorted(t.name for t in tasks["mid_term"].targets.all()) == sorted(
            [a["east_market"].name, a["east_env"].name]
        )
        assert list(tasks["special_supervision"].targets.all()) == []
        assert actions(east_plan) == ["supervision.plan.create", "supervision.plan.milestones"]

    def test_a_past_year_is_refused_and_nothing_written(self, sv, clock):
        wrote = Wrote()
        message = refused(
            lambda: services.plan_create(
                actor=sv["east_sup"], agency=sv["agencies"]["east_justice"], year=2025, title="往年"
            ),
            "year",
        )
        assert message == "2025年已过，不能制定往年的监督计划"
        assert wrote.none

    def test_only_a_justice_bureau_plans_and_only_for_itself(self, sv):
        a = sv["agencies"]
        assert "不是司法行政机关" in refused(
            lambda: services.plan_create(actor=None, agency=a["east_market"], year=2026, title="x"), "agency"
        )
        with pytest.raises(PermissionDenied):  # outside the county supervisor's region
            services.plan_create(actor=sv["east_sup"], agency=a["city_justice"], year=2026, title="x")
        assert (
            refused(
                lambda: services.plan_create(
                    actor=sv["city_sup"], agency=a["east_justice"], year=2026, title="x"
                ),
                "agency",
            )
            == "只能为本机关制定监督计划，不能为东区司法局制定"
        )

    def test_a_plan_without_special_supervision_cannot_be_published(self, sv):
        plan = services.plan_create(
            actor=sv["east_sup"],
            agency=sv["agencies"]["east_justice"],
            year=2026,
            title="无专项",
            milestones=False,
        )
        services.task_add(
            actor=sv["east_sup"],
            plan=plan,
            title="日常检查",
            kind="daily",
            owner="监督科",
            due=date(2026, 4, 1),
        )
        wrote = Wrote()
        message = refused(lambda: services.plan_publish(actor=sv["east_sup"], plan=plan), "tasks")
        assert message.startswith("监督计划中没有专项监督任务，不能印发")
        assert wrote.none
        plan.refresh_from_db()
        assert plan.status == "draft"

    def test_publishing_hands_every_task_to_its_targets_or_the_bureau_itself(self, published, sv):
        a = sv["agencies"]
        assert published.status == "published" and published.published_on == date(2026, 3, 2)
        entries = LedgerEntry.objects.filter(task__plan=published)
        assert entries.count() == 12 * 2 + 1
        own = entries.get(task__milestone="special_supervision")
        assert own.agency == a["east_justice"] and own.due == date(2026, 9, 30)
        assert actions(published)[-1] == "supervision.plan.publish"
        assert refused(lambda: services.plan_publish(actor=sv["east_sup"], plan=published), "status") == (
            "监督计划当前为“已印发”，不能印发（应为：草拟中）"
        )

    def test_a_deadline_in_the_past_is_refused_and_nothing_written(self, east_plan, sv):
        wrote = Wrote()
        message = refused(
            lambda: services.task_add(
                actor=sv["east_sup"], plan=east_plan, title="t", kind="key", owner="o", due=date(2026, 3, 1)
            ),
            "due",
        )
        assert message == "完成期限2026年3月1日已过，不能早于今天（2026年3月2日）"
        assert wrote.none

    def test_a_deadline_on_a_rest_day_moves_to_the_next_working_day(self, east_plan, sv):
        task = services.task_add(
            actor=sv["east_sup"], plan=east_plan, title="t", kind="key", owner="o", due=date(2026, 3, 7)
        )
        assert task.due == date(2026, 3, 9)

    def test_a_target_outside_the_region_is_refused(self, east_plan, sv):
        wrote = Wrote()
        message = refused(
            lambda: services.task_add(
                actor=sv["east_sup"],
                plan=east_plan,
                title="t",
                kind="key",
                owner="o",
                due=date(2026, 4, 1),
                targets=[sv["agencies"]["west_market"]],
            ),
            "targets",
        )
        assert message == "西县市场监督管理局不是本机关辖区内的有效机关，不能作为报送单位"
        assert wrote.none

    def test_a_task_added_after_publishing_reaches_the_ledger_at_once(self, published, sv):
        task = services.task_add(
            actor=sv["east_sup"],
            plan=published,
            title="专项检查",
            kind="special",
            owner="监督科",
            due=date(2026, 4, 1),
            targets=[sv["agencies"]["east_market"]],
        )
        assert list(task.entries.values_list("agency__name", flat=True)) == ["东区市场监督管理局"]


class TestLedger:
    def entry(self, plan, agency, key="special_may"):
        return LedgerEntry.objects.get(task__plan=plan, agency=agency, task__milestone=key)

    def test_the_target_reports_with_text_and_attachment(self, published, sv):
        entry = self.entry(published, sv["agencies"]["east_market"])
        report = services.ledger_report(
            actor=sv["east_head"],
            entry=entry,
            text="已完成整治",
            attachment=ContentFile(b"%PDF-1.4", name="情况.pdf"),
        )
        entry.refresh_from_db()
        assert (entry.status, entry.reported_on) == ("reported", date(2026, 3, 2))
        assert report.attachment_name == "情况.pdf" and report.attachment.read() == b"%PDF-1.4"
        record = Record.objects.filter(action="supervision.ledger.report").get()
        assert json.loads(record.payload) == {
            "attachment": "情况.pdf",
            "first": True,
            "late": False,
            "report": report.pk,
            "status": "reported",
        }

    def test_a_report_by_an_agency_not_targeted_is_refused_and_nothing_written(self, published, sv):
        entry = self.entry(published, sv["agencies"]["east_market"])
        wrote = Wrote()
        message = refused(
            lambda: services.ledger_report(actor=sv["east_sup"], entry=entry, text="代报"), "agency"
        )
        assert message == "东区司法局不是该任务的报送单位，应由东区市场监督管理局报送"
        with pytest.raises(Http404):
            services.ledger_report(actor=sv["west_head"], entry=entry, text="越权")
        with pytest.raises(PermissionDenied):  # an officer sees the ledger but does not report
            services.ledger_report(actor=sv["east_officer"], entry=entry, text="x")
        assert wrote.none

    def test_an_attachment_of_another_format_is_refused(self, published, sv):
        entry = self.entry(published, sv["agencies"]["east_market"])
        wrote = Wrote()
        message = refused(
            lambda: services.ledger_report(
                actor=sv["east_head"], entry=entry, text="x", attachment=ContentFile(b"MZ", name="a.exe")
            ),
            "attachment",
        )
        assert message.startswith("附件“a.exe”的格式不支持")
        assert wrote.none

    def test_rollup_counts_per_region_and_agency_in_one_query(
        self, published, sv, clock, django_assert_num_queries
    ):
        a = sv["agencies"]
        city_plan = services.plan_create(
            actor=sv["city_sup"], agency=a["city_justice"], year=2026, title="市计划"
        )
        services.plan_publish(actor=sv["city_sup"], plan=city_plan)
        clock.set(date(2026, 6, 10))  # 专项整治 (due 6月1日) has passed; 全员轮训 (6月30日) not yet
        services.ledger_report(
            actor=sv["east_head"], entry=self.entry(published, a["east_market"]), text="迟报"
        )
        services.ledger_report(
            actor=sv["east_head"],
            entry=self.entry(published, a["east_market"], "training_rotation"),
            text="按时",
        )

        with django_assert_num_queries(1):
            county = selectors.rollup(sv["east_sup"], year=2026)
        assert [(r.name, r.total, r.done, r.late, r.overdue) for r in county] == [("东区", 49, 2, 1, 3)]
        rows = {row.agency: (row.total, row.done, row.late, row.overdue) for r in county for row in r.rows}
        # 东区 agencies get 12 entries from each plan; the bureau its own one from its plan
        assert rows == {
            "东区市场监督管理局": (24, 2, 1, 1),
            "东区生态环境局": (24, 0, 0, 2),
            "东区司法局": (1, 0, 0, 0),
        }
        city = selectors.rollup(sv["city_sup"], year=2026)
        assert [(r.name, r.total, r.done, r.late, r.overdue) for r in city] == [
            ("测试市", 12 + 1, 0, 0, 1),
            ("东区", 49, 2, 1, 3),
            ("西县", 12, 0, 0, 1),
        ]
        assert selectors.rollup(sv["city_sup"], year=2027) == []


class TestOversight:
    def test_opening_sets_the_default_deadline_the_superior_and_records(self, oversight, sv):
        a = sv["agencies"]
        assert oversight.status == "in_progress"
        assert oversight.due == date(2026, 3, 23)  # 15 working days after 2026-03-02
        assert oversight.superior == a["city_market"]
        assert oversight.supervisor_agency == a["east_justice"]
        assert actions(oversight) == ["supervision.oversight.open"]

    def test_it_is_seen_by_the_agency_its_superior_and_the_supervisors_only(self, oversight, sv):
        def sees(user):
            return selectors.oversights_visible_to(user).filter(pk=oversight.pk).exists()

        assert [sees(sv[u]) for u in ("east_head", "city_market_head", "east_sup", "city_sup")] == [True] * 4
        assert [sees(sv[u]) for u in ("west_head", "env_head")] == [False, False]

    def test_opened_from_a_case_in_one_action_and_not_twice(self, case, sv):
        oversight = services.oversight_open(
            actor=sv["east_sup"], case=case, title="重大案件督办", ground="major", description="依法处理"
        )
        assert (oversight.agency, oversight.case) == (sv["agencies"]["east_market"], case)
        wrote = Wrote()
        message = refused(
            lambda: services.oversight_open(
                actor=sv["east_sup"], case=case, title="再次督办", ground="major", description="x"
            ),
            "case",
        )
        assert message == "案件销售不符合食品安全标准的食品已在督办中，不能重复督办"
        assert wrote.none

    def test_a_deadline_in_the_past_is_refused(self, sv):
        wrote = Wrote()
        message = refused(
            lambda: services.oversight_open(
                actor=sv["east_sup"],
                agency=sv["agencies"]["east_market"],
                title="t",
                ground="major",
                description="d",
                due=date(2026, 2, 27),
            ),
            "due",
        )
        assert message == "办理期限2026年2月27日已过，不能早于今天（2026年3月2日）"
        assert wrote.none

    def test_an_agency_outside_the_region_cannot_be_overseen(self, sv):
        with pytest.raises(PermissionDenied):
            services.oversight_open(
                actor=sv["east_sup"],
                agency=sv["agencies"]["west_market"],
                title="t",
                ground="major",
                description="d",
            )

    def test_an_extension_without_reason_is_refused_and_nothing_written(self, oversight, sv):
        wrote = Wrote()
        call = lambda: services.oversight_extend(  # noqa: E731
            actor=sv["east_sup"], oversight=oversight, new_due=date(2026, 4, 30), reason="  "
        )
        assert refused(call, "reason") == "延期须说明理由"
        earlier = lambda: services.oversight_extend(  # noqa: E731
            actor=sv["east_sup"], oversight=oversight, new_due=date(2026, 3, 20), reason="需检测"
        )
        assert refused(earlier, "new_due") == "延长后的期限应晚于原期限2026年3月23日"
        assert wrote.none

    def test_extension_report_escalation_and_closing(self, oversight, sv, clock):
        extension = services.oversight_extend(
            actor=sv["east_sup"], oversight=oversight, new_due=date(2026, 4, 4), reason="需检测"
        )
        oversight.refresh_from_db()
        assert (extension.old_due, extension.new_due, oversight.due) == (
            date(2026, 3, 23),
            date(2026, 4, 7),  # 4月4日–6日 清明 holidays
            date(2026, 4, 7),
        )
        services.oversight_report(actor=sv["east_head"], oversight=oversight, text="正在核查")
        with pytest.raises(PermissionDenied):  # the supervisor does not report progress
            services.oversight_report(actor=sv["east_sup"], oversight=oversight, text="x")
        with pytest.raises(Http404):  # another agency does not even see it
            services.oversight_report(actor=sv["west_head"], oversight=oversight, text="x")
        clock.set(date(2026, 4, 8))
        assert selectors.oversight_overdue(oversight)
        services.oversight_escalate(
            actor=sv["east_sup"], oversight=oversight, reason="逾期未办结，约谈负责人"
        )
        services.oversight_close(actor=sv["east_sup"], oversight=oversight, conclusion="已依法处理")
        oversight.refresh_from_db()
        assert (oversight.status, oversight.closed_on) == ("closed", date(2026, 4, 8))
        assert actions(oversight) == [
            "supervision.oversight.open",
            "supervision.oversight.extend",
            "supervision.oversight.report",
            "supervision.oversight.escalate",
            "supervision.oversight.close",
        ]
        assert (
            refused(
                lambda: services.oversight_escalate(actor=sv["east_sup"], oversight=oversight, reason="x"),
                "status",
            )
            == "督办事项当前为“已办结”，不能提级督办（应为：督办中）"
        )
        assert selectors.oversight_actions(oversight, sv["east_sup"]) == []
