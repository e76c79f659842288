"""The pages of 监督计划、工作台账与督办: lists and exports, the forms and their refusals (nothing written),
access (another agency's object is a 404), the case page's 督办 card and both sides' 工作台."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.helpers import html, xlsx_rows
from tests.supervision.plans.helpers import Wrote
from zhifa.supervision.models import LedgerEntry, LedgerReport, Oversight, SupervisionPlan
from zhifa.supervision.plans import services

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"supervision:{name}", args=args)


def entry_of(plan, agency, key="special_may"):
    return LedgerEntry.objects.get(task__plan=plan, agency=agency, task__milestone=key)


class TestPlanPages:
    def test_create_add_a_task_and_publish(self, client, sv):
        client.force_login(sv["east_sup"])
        response = client.post(
            url("plan_new"),
            {
                "agency": sv["agencies"]["east_justice"].pk,
                "year": 2026,
                "title": "东区计划",
                "milestones": "on",
            },
        )
        plan = SupervisionPlan.objects.get()
        assert response.status_code == 302 and response.url == url("plan_detail", plan.pk)
        assert plan.tasks.count() == 13
        page = html(client.get(url("plan_detail", plan.pk)))
        assert "报送专项整治及“回头看”情况（上半年）" in page and "印发" in page
        client.post(url("plan_publish", plan.pk))
        plan.refresh_from_db()
        assert plan.status == "published"

    def test_publishing_without_special_supervision_shows_the_reason(self, client, sv):
        plan = services.plan_create(
            actor=sv["east_sup"],
            agency=sv["agencies"]["east_justice"],
            year=2026,
            title="无专项",
            milestones=False,
        )
        client.force_login(sv["east_sup"])
        wrote = Wrote()
        page = html(client.post(url("plan_publish", plan.pk), follow=True))
        assert "监督计划中没有专项监督任务，不能印发" in page
        assert wrote.none

    def test_a_task_due_in_the_past_is_refused_beside_the_field(self, client, east_plan, sv):
        client.force_login(sv["east_sup"])
        wrote = Wrote()
        response = client.post(
            url("plan_task_add", east_plan.pk),
            {"title": "检查", "kind": "key", "owner": "监督科", "due": "2026-03-01"},
        )
        assert response.context["task_form"].errors == {
            "due": ["完成期限2026年3月1日已过，不能早于今天（2026年3月2日）"]
        }
        assert wrote.none

    def test_list_and_export(self, client, east_plan, sv):
        client.force_login(sv["city_sup"])
        assert "东区2026年度监督计划" in html(client.get(url("plan_list"), {"q": "东区", "sort": "agency"}))
        assert xlsx_rows(client.get(url("plan_export"), {"year": 2026})) == [
            ("年度", "计划名称", "制定机关", "状态", "任务数", "印发日期"),
            (2026, "东区2026年度监督计划", "东区司法局", "草拟中", 13, None),
        ]
        client.force_login(sv["east_head"])
        assert client.get(url("plan_list")).status_code == 403

    def test_another_region_sees_a_404(self, client, east_plan, make_user, sv):
        from zhifa.accounts.choices import RoleCode

        west_sup = make_user(sv["agencies"]["west_market"], RoleCode.SUPERVISOR)
        client.force_login(west_sup)
        assert client.get(url("plan_detail", east_plan.pk)).status_code == 404


class TestLedgerPages:
    def test_the_target_reports_with_an_attachment_and_downloads_it(self, client, published, sv):
        entry = entry_of(published, sv["agencies"]["east_market"])
        client.force_login(sv["east_head"])
        assert "报送" in html(client.get(url("ledger_detail", entry.pk)))
        upload = SimpleUploadedFile("整治情况.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
        response = client.post(url("ledger_report", entry.pk), {"text": "已完成", "attachment": upload})
        assert response.status_code == 302
        report = LedgerReport.objects.get()
        download = client.get(url("ledger_report_file", report.pk))
        assert b"".join(download.streaming_content) == b"%PDF-1.4 demo"
        client.force_login(sv["west_head"])
        assert client.get(url("ledger_report_file", report.pk)).status_code == 404
        assert client.get(url("ledger_detail", entry.pk)).status_code == 404

    def test_a_report_without_text_is_refused_and_nothing_written(self, client, published, sv):
        entry = entry_of(published, sv["agencies"]["east_market"])
        client.force_login(sv["east_head"])
        wrote = Wrote()
        response = client.post(url("ledger_report", entry.pk), {"text": " "})
        assert response.context["form"].errors == {"text": ["请填写报送内容"]}
        assert wrote.none

    def test_the_supervisor_sees_no_report_form_on_an_agency_entry(self, client, published, sv):
        entry = entry_of(published, sv["agencies"]["east_market"])
        client.force_login(sv["east_sup"])
        response = client.get(url("ledger_detail", entry.pk))
        assert response.context["form"] is None
        wrote = Wrote()
        response = client.post(url("ledger_report", entry.pk), {"text": "代报"})
        assert response.context["form"].errors == {
            "__all__": ["东区司法局不是该任务的报送单位，应由东区市场监督管理局报送"]
        }
        assert wrote.none

    def test_list_filters_export_and_rollup(self, client, published, sv, clock):
        clock.set(date(2026, 6, 10))
        services.ledger_report(
            actor=sv["east_head"], entry=entry_of(published, sv["agencies"]["east_market"]), text="x"
        )
        client.force_login(sv["east_sup"])
        response = client.get(url("ledger_list"), {"status": "overdue", "sort": "agency"})
        assert [row[0].agency.name for row in response.context["rows"]] == ["东区生态环境局"]
        rows = xlsx_rows(client.get(url("ledger_export"), {"status": "overdue"}))
        assert rows[1] == (
            2026,
            "报送专项整治及“回头看”情况（上半年）",
            "专项监督",
            "东区生态环境局",
            "东区",
            rows[1][5],
            "逾期未报送",
            None,
            "东区司法局",
        )
        assert rows[1][5].date() == date(2026, 6, 1)
        assert xlsx_rows(client.get(url("ledger_rollup_export"), {"year": 2026})) == [
            ("所属区划", "报送单位", "任务数", "已报送", "其中逾期报送", "逾期未报送"),
            ("东区", "东区市场监督管理局", 12, 1, 1, 0),
            ("东区", "东区司法局", 1, 0, 0, 0),
            ("东区", "东区生态环境局", 12, 0, 0, 1),
        ]
        assert client.get(url("ledger_rollup"), {"year": "abc"}).status_code == 400

    def test_overdue_entries_show_on_both_sides_workbench(self, client, published, sv, clock):
        clock.set(date(2026, 6, 10))
        client.force_login(sv["env_head"])
        items = [
            i.title
            for i in client.get(reverse("core:workbench")).context["pending"]
            if i.category == "工作台账"
        ]
        assert items == ["报送专项整治及“回头看”情况（上半年）：逾期未报送"]
        clock.set(date(2026, 6, 16))  # 全员轮训 (6月30日) now within two weeks
        items = [
            i.title
            for i in client.get(reverse("core:workbench")).context["pending"]
            if i.category == "工作台账"
        ]
        assert items == [
            "报送专项整治及“回头看”情况（上半年）：逾期未报送",
            "完成行政执法队伍全员轮训：待报送",
        ]
        client.force_login(sv["east_sup"])
        items = [
            i.title
            for i in client.get(reverse("core:workbench")).context["pending"]
            if i.category == "工作台账"
        ]
        assert items == [
            "报送专项整治及“回头看”情况（上半年）（东区市场监督管理局）：逾期未报送",
            "报送专项整治及“回头看”情况（上半年）（东区生态环境局）：逾期未报送",
        ]


class TestOversightPages:
    def test_opened_from_the_case_page_in_one_action(self, client, case, sv):
        client.force_login(sv["east_sup"])
        page = html(client.get(reverse("cases:case_detail", args=[case.pk])))
        assert 'data-testid="oversight-case-form"' in page
        response = client.post(
            url("oversight_from_case", case.pk),
            {"title": "重大案件", "ground": "major", "description": "依法处理", "due": ""},
        )
        oversight = Oversight.objects.get()
        assert response.url == url("oversight_detail", oversight.pk) and oversight.case == case
        client.force_login(sv["east_head"])
        page = html(client.get(reverse("cases:case_detail", args=[case.pk])))
        assert "东区司法局督办：" in page and 'data-testid="oversight-case-form"' not in page

    def test_an_extension_without_reason_is_refused_beside_the_field(self, client, oversight, sv):
        client.force_login(sv["east_sup"])
        wrote = Wrote()
        response = client.post(
            url("oversight_action", oversight.pk, "extend"), {"new_due": "2026-04-30", "reason": ""}
        )
        forms = {action: form for action, _, form in response.context["actions"]}
        assert forms["extend"].errors == {"reason": ["延期须说明理由"]}
        assert wrote.none

    def test_each_side_is_offered_its_own_actions(self, client, oversight, sv):
        def offered(user):
            client.force_login(user)
            return [
                action
                for action, _, _ in client.get(url("oversight_detail", oversight.pk)).context["actions"]
            ]

        assert offered(sv["east_sup"]) == ["extend", "escalate", "close"]
        assert offered(sv["east_head"]) == ["report"]
        assert offered(sv["city_market_head"]) == []
        client.force_login(sv["west_head"])
        assert client.get(url("oversight_detail", oversight.pk)).status_code == 404

    def test_list_and_export(self, client, oversight, sv):
        client.force_login(sv["east_head"])
        assert "某商户被反复投诉" in html(
            client.get(url("oversight_list"), {"status": "in_progress", "sort": "due"})
        )
        rows = xlsx_rows(client.get(url("oversight_export")))
        assert rows[1][:4] == ("某商户被反复投诉", "反复发生", "东区市场监督管理局", "东区司法局")
        client.force_login(sv["west_head"])
        assert len(xlsx_rows(client.get(url("oversight_export")))) == 1
