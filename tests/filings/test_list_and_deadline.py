"""The 备案 list's sorts and its Excel export (the rows the user filtered, in the order they sorted), and
the bureau's 备案审查期限: stored with the period it was given and moved, recorded, by a change of the
holiday schedule while the filing waits."""

import re
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from tests.filings.test_filings import PDF, submit
from tests.helpers import exported_rows
from tests.supervision.calendar import enter, moves_of
from zhifa.core.models import Record
from zhifa.filings import services
from zhifa.filings.models import Filing
from zhifa.supervision.attachments import Upload

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 12, 28)


def on(monkeypatch, day: date) -> None:
    """The services' today (the working-day clock itself is real)."""
    monkeypatch.setattr(services, "timezone", SimpleNamespace(localdate=lambda: day))


@pytest.fixture
def three(people, agencies, monkeypatch):
    on(monkeypatch, date(2026, 12, 1))
    chart = submit(people, agencies, title="行政处罚流程图")
    on(monkeypatch, date(2026, 12, 2))
    manual = submit(people, agencies, kind="manual", title="执法工作手册")
    services.filing_return(actor=people["bureau"], filing=manual, reason="缺少目录")
    on(monkeypatch, date(2026, 12, 3))
    permit = submit(people, agencies, title="行政许可流程图")
    services.filing_accept(actor=people["bureau"], filing=permit)
    return chart, manual, permit


HEADERS = (
    "名称",
    "备案材料",
    "报送机关",
    "备案机关",
    "报送次数",
    "报送日期",
    "审查期限",
    "状态",
    "审查日期",
    "退回理由",
)


def day(d: date) -> datetime:
    """A date as openpyxl reads a date cell back."""
    return datetime(d.year, d.month, d.day)


def test_the_export_is_the_list_as_filtered_and_sorted(three, people, client):
    client.force_login(people["bureau"])
    rows = exported_rows(client, "/filings/export.xlsx", {"kind": "flow_chart", "sort": "-due"})
    assert rows == [
        HEADERS,
        ("行政许可流程图", "行政执法流程图", "东区市场监督管理局", "东区司法局", 1, day(date(2026, 12, 3)),
         day(date(2026, 12, 17)), "备案通过", day(date(2026, 12, 3)), None),
        ("行政处罚流程图", "行政执法流程图", "东区市场监督管理局", "东区司法局", 1, day(date(2026, 12, 1)),
         day(date(2026, 12, 15)), "待备案审查", None, None),
    ]  # fmt: skip
    returned = exported_rows(client, "/filings/export.xlsx", {"status": "returned"})
    assert returned[1:] == [
        ("执法工作手册", "行政执法工作手册", "东区市场监督管理局", "东区司法局", 1, day(date(2026, 12, 2)),
         day(date(2026, 12, 16)), "已退回", day(date(2026, 12, 2)), "缺少目录"),
    ]  # fmt: skip
    client.force_login(people["other_bureau"])
    assert exported_rows(client, "/filings/export.xlsx") == [HEADERS]


def listed(page: str) -> list[int]:
    """The filings of a list page, in its order (by their links)."""
    return [int(pk) for pk in re.findall(r'href="/filings/(\d+)/"', page)]


def test_the_list_sorts_by_date_and_links_its_export(three, people, client):
    chart, manual, permit = three
    client.force_login(people["bureau"])
    page = client.get("/filings/", {"sort": "submitted", "kind": "flow_chart"}).content.decode()
    assert listed(page) == [chart.pk, permit.pk]
    assert 'href="/filings/export.xlsx?kind=flow_chart&amp;sort=submitted"' in page
    assert listed(client.get("/filings/", {"sort": "-due"}).content.decode()) == [
        permit.pk,
        manual.pk,
        chart.pk,
    ]
    assert listed(client.get("/filings/").content.decode()) == [permit.pk, manual.pk, chart.pk]
    assert listed(client.get("/filings/", {"sort": "-nonsense"}).content.decode()) == [
        permit.pk,
        manual.pk,
        chart.pk,
    ]


def test_the_review_deadline_is_stored_with_its_period(people, agencies, monkeypatch, settings):
    on(monkeypatch, MONDAY)
    filing = submit(people, agencies)
    filing.refresh_from_db()
    assert (filing.submitted_on, filing.due_workdays, filing.due_on) == (MONDAY, 10, date(2027, 1, 11))
    services.filing_return(actor=people["bureau"], filing=filing, reason="请补充")
    settings.ZHIFA_FILING_REVIEW_WORKDAYS = 3
    on(monkeypatch, date(2026, 12, 30))
    services.filing_resubmit(actor=people["head"], filing=filing, files=[_pdf()])
    filing.refresh_from_db()
    assert (filing.submitted_on, filing.due_workdays, filing.due_on) == (
        date(2026, 12, 30),
        3,
        date(2027, 1, 4),
    )


def _pdf():
    return Upload("流程图（修订）.pdf", PDF)


def test_a_holiday_schedule_moves_a_waiting_filings_deadline_and_records_it(
    people, agencies, make_user, monkeypatch
):
    on(monkeypatch, MONDAY)
    waiting = submit(people, agencies, title="行政处罚流程图")
    accepted = submit(people, agencies, title="行政许可流程图")
    services.filing_accept(actor=people["bureau"], filing=accepted)
    entered = enter(agencies, make_user)  # 1 January 2027 becomes a holiday: one working day fewer
    waiting.refresh_from_db()
    accepted.refresh_from_db()
    assert (waiting.due_on, accepted.due_on) == (date(2027, 1, 12), date(2027, 1, 11))
    assert moves_of(waiting) == [("due_on", "2027-01-11", "2027-01-12")]
    assert moves_of(accepted) == []
    assert [(m.deadline.label, m.row, m.before, m.after) for m in entered.moved] == [
        ("备案审查期限", waiting, date(2027, 1, 11), date(2027, 1, 12))
    ]
    moved = Record.objects.get(action="calendar.deadline_moved")  # one row moved, one record
    assert (moved.agency, moved.subject_id) == (agencies["east_market"], str(waiting.pk))
    assert Filing.objects.get(pk=waiting.pk).due_workdays == 10
