"""Entering next year's statutory schedule: preview, confirm, and every open due date it moves follows,
recorded and shown to its owner. Before that, the system admin is warned from 1 November."""

from datetime import date

import pytest

from tests.cases.conftest import *  # noqa: F403 (the case fixtures)
from zhifa.accounts.choices import RoleCode
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.core import holidays, workdays
from zhifa.core.models import HolidayOverride, Record

pytestmark = pytest.mark.django_db

# A made-up notice for a year chinesecalendar does not know (test input, not the real 2027 schedule).
NOTICE = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月20日（周六）上班。"""


@pytest.fixture
def sysadmin(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sysadmin")


@pytest.fixture
def notified(new_case):
    """A case notified on 2026-12-28 with hearing rights: five working days run into 2027."""
    notified_on = date(2026, 12, 28)
    deadline = workdays.add_workdays(notified_on, 5)
    Case.objects.filter(pk=new_case.pk).update(
        status=CaseStatus.NOTIFIED, notified_on=notified_on, hearing_deadline=deadline
    )
    return Case.objects.get(pk=new_case.pk)


def test_before_the_schedule_2027_runs_on_weekdays_only(notified):
    assert notified.hearing_deadline == date(2027, 1, 4)  # 12-29, 12-30, 12-31, 01-01 (Fri), 01-04


def test_preview_shows_the_days_and_saves_nothing(client, sysadmin):
    client.force_login(sysadmin)
    page = client.post("/org/holidays/", {"text": NOTICE, "preview": "1"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "2027年安排预览：放假10天，调休上班1天" in html
    assert "2027-02-20" in html and "春节调休上班" in html
    assert not HolidayOverride.objects.exists() and not Record.objects.exists()


def test_confirm_enters_the_year_and_moves_open_deadlines(client, sysadmin, notified, handler_user):
    client.force_login(sysadmin)
    before = Record.objects.count()
    response = client.post("/org/holidays/", {"text": NOTICE, "confirm": "1"}, follow=True)
    assert (
        "已录入2027年节假日安排：放假10天，调休上班1天；1项未到期期限已重新计算。"
        in response.content.decode()
    )
    assert HolidayOverride.objects.filter(date__year=2027).count() == 11
    assert not workdays.is_workday(date(2027, 1, 1)) and workdays.is_workday(date(2027, 2, 20))

    notified.refresh_from_db()
    assert notified.hearing_deadline == date(2027, 1, 5)
    moved = Record.objects.get(action="calendar.deadline_moved")
    assert (moved.subject_type, moved.subject_id) == ("cases.case", str(notified.pk))
    assert '"from":"2027-01-04"' in moved.payload and '"to":"2027-01-05"' in moved.payload
    assert Record.objects.filter(action="calendar.schedule_entered").count() == 1
    assert Record.objects.count() == before + 2

    client.force_login(handler_user)
    assert "听证申请期限由2027-01-04调整为2027-01-05" in client.get("/").content.decode()


def test_a_closed_case_keeps_its_dates(sysadmin, notified):
    Case.objects.filter(pk=notified.pk).update(status=CaseStatus.DECIDED)
    entered = holidays.holiday_schedule_enter(actor=sysadmin, text=NOTICE)
    assert entered.moved == []
    notified.refresh_from_db()
    assert notified.hearing_deadline == date(2027, 1, 4)


def test_text_that_is_not_a_notice_is_refused_and_nothing_written(client, sysadmin):
    client.force_login(sysadmin)
    page = client.post("/org/holidays/", {"text": "明年放假安排请见附件", "confirm": "1"})
    assert "通知文本：未能识别通知所属年份" in page.content.decode()
    assert not HolidayOverride.objects.exists() and not Record.objects.exists()


def test_only_the_system_admin_enters_it(client, officer):
    client.force_login(officer)
    assert client.get("/org/holidays/").status_code == 403
    assert client.post("/org/holidays/", {"text": NOTICE, "confirm": "1"}).status_code == 403
    assert (
        client.post("/api/calendar/schedule", {"text": NOTICE}, content_type="application/json").status_code
        == 403
    )
    assert not HolidayOverride.objects.exists()


def test_api_preview_and_enter(client, sysadmin, notified):
    client.force_login(sysadmin)
    preview = client.post("/api/calendar/preview", {"text": NOTICE}, content_type="application/json").json()
    assert preview["year"] == 2027 and len(preview["days"]) == 11 and preview["moved"] == 0
    assert preview["days"][0] == {"date": "2027-01-01", "kind": "holiday", "name": "元旦"}
    assert not HolidayOverride.objects.exists()

    bad = client.post("/api/calendar/schedule", {"text": "无关文字"}, content_type="application/json")
    assert bad.status_code == 422
    [error] = bad.json()["detail"]
    assert error["loc"] == ["body", "text"] and error["msg"].startswith("通知文本：未能识别通知所属年份")
    assert not HolidayOverride.objects.exists()

    entered = client.post("/api/calendar/schedule", {"text": NOTICE}, content_type="application/json").json()
    assert (entered["year"], entered["moved"]) == (2027, 1)


@pytest.mark.parametrize(
    ("today", "missing"),
    [(date(2026, 10, 31), []), (date(2026, 11, 1), [2027]), (date(2027, 3, 1), [2027])],
)
def test_a_missing_year_is_warned_from_november(today, missing):
    assert holidays.missing_years(today) == missing


def test_the_warning_is_on_the_admins_workbench_until_entered(client, sysadmin, officer, monkeypatch):
    monkeypatch.setattr(holidays.timezone, "localdate", lambda: date(2026, 11, 2))
    client.force_login(sysadmin)
    assert "2027年法定节假日安排尚未录入" in client.get("/").content.decode()
    client.force_login(officer)
    assert "法定节假日安排尚未录入" not in client.get("/").content.decode()
    holidays.holiday_schedule_enter(actor=sysadmin, text=NOTICE)
    client.force_login(sysadmin)
    assert "法定节假日安排尚未录入" not in client.get("/").content.decode()


def test_a_disclosure_draft_due_in_the_new_year_moves_too(sysadmin, agencies, monkeypatch):
    from django.utils import timezone

    from tests.publicity.conftest import register

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 12, 28))
    draft = register(agencies["east_market"], decided_on=date(2026, 12, 25))  # 许可: 7 working days
    assert draft.due_on == date(2027, 1, 5)
    entered = holidays.holiday_schedule_enter(actor=sysadmin, text=NOTICE)
    draft.refresh_from_db()
    assert draft.due_on == date(2027, 1, 6)  # 1 January is a holiday after all
    assert [(m.deadline.label, m.before, m.after) for m in entered.moved] == [
        ("公示期限", date(2027, 1, 5), date(2027, 1, 6))
    ]


def test_every_registered_deadline_selects_its_open_rows():
    from zhifa.core import deadlines

    assert {(d.model._meta.label_lower, d.field) for d in deadlines.registered()} == {
        ("cases.case", "hearing_deadline"),
        ("cases.case", "statement_deadline"),
        ("publicity.disclosure", "due_on"),
        ("review.review", "due_on"),
        ("review.reviewround", "due_on"),
        ("supervision.supervisionitem", "due_on"),
        ("supervision.instrument", "reply_due"),
        ("supervision.instrument", "rectify_due"),
        ("supervision.escalation", "due_on"),
        ("supervision.oversight", "due"),
        ("supervision.rectificationtask", "due_on"),
        ("supervision.accountabilitycase", "due_on"),
        ("complaints.complaint", "ack_due"),
        ("complaints.complaint", "reply_due"),
        ("complaints.complaint", "case_due"),
        ("social.feedback", "answer_due"),
        ("supervision.plantask", "due"),
        ("supervision.ledgerentry", "due"),
        ("collaboration.transfer", "due_on"),
        ("collaboration.transfer", "answer_due"),
        ("collaboration.meetingdecision", "due_on"),
        ("collaboration.notice", "due_on"),
        ("collaboration.notice", "ack_due"),
        ("collaboration.assistancerequest", "due_on"),
        ("collaboration.referral", "approval_due"),
        ("stats.submission", "due_on"),
        ("filings.filing", "due_on"),
    }
    for deadline in deadlines.registered():
        assert list(deadline.model._default_manager.filter(deadline.open)) == []
