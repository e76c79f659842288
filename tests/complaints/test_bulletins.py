"""定期通报: the monthly and quarterly 通报 of every justice bureau, made by the background task for the
exact last month and quarter, stored and recorded once; the schedule (the 1st at 3 o'clock); the page that
lists and downloads them, scoped by the bureau."""

import json
from datetime import date, datetime
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document

from tests.helpers import html
from zhifa.cases.evidence import storage
from zhifa.complaints import bulletins, services, tasks
from zhifa.complaints.models import ComplaintBulletin
from zhifa.core.models import Record

from .conftest import data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_last_month_and_quarter_are_calendar_periods():
    assert bulletins.last_month(date(2026, 4, 1)) == (date(2026, 3, 1), date(2026, 3, 31))
    assert bulletins.last_month(date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert bulletins.last_quarter(date(2026, 4, 1)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert bulletins.last_quarter(date(2026, 1, 1)) == (date(2025, 10, 1), date(2025, 12, 31))
    assert bulletins.period_label("quarter", date(2025, 10, 1)) == "2025年第四季度"


def _text(bulletin) -> str:
    with storage.open_blob(bulletin.sha256) as blob:
        return "\n".join(p.text for p in Document(BytesIO(blob.read())).paragraphs)


@pytest.fixture
def received(city, catalogue, clerk, today):
    """Two complaints of 东区 in March 2026 (one answered on time), one in February, one of 西县 in March."""
    today(date(2026, 2, 20))
    services.complaint_submit(data=data(city, title="二月的投诉"))
    today(date(2026, 3, 6))
    march, _ = services.complaint_submit(data=data(city))
    services.complaint_submit(data=data(city, title="三月的另一件", item_code=""))
    services.complaint_submit(data=data(city, region=city["west"], item_code="", title="西县的投诉"))
    services.complaint_reply(actor=clerk, complaint=services.complaint_accept(actor=clerk, complaint=march),
                             reply="已查处")  # fmt: skip
    today(date(2026, 4, 1))


def test_the_task_makes_each_bureaus_monthly_and_quarterly_bulletin_once(received, agencies):
    result = tasks.run_bulletins.enqueue(reschedule=False)
    assert result.return_value == 4
    made = ComplaintBulletin.objects.order_by("bureau__name", "period")
    assert [(b.bureau.name, b.period, b.since, b.until, b.total) for b in made] == [
        ("东区司法局", "month", date(2026, 3, 1), date(2026, 3, 31), 2),
        ("东区司法局", "quarter", date(2026, 1, 1), date(2026, 3, 31), 3),
        ("测试市司法局", "month", date(2026, 3, 1), date(2026, 3, 31), 3),
        ("测试市司法局", "quarter", date(2026, 1, 1), date(2026, 3, 31), 4),
    ]
    month = made[0]
    assert month.name == "东区司法局2026年3月行政执法投诉举报案件处理情况通报.docx"
    text = _text(month)
    assert "关于2026年3月1日至2026年3月31日行政执法投诉举报案件处理情况的通报" in text
    assert (
        "2026年3月1日至2026年3月31日，东区司法局范围内共收到行政执法投诉举报2件，已答复1件，其中按期答复1件"
        in text
    )
    record = Record.objects.get(action="complaint_bulletin.generate", subject_id=str(month.pk))
    assert (record.agency, json.loads(record.payload)["total"]) == (agencies["east_justice"], 2)
    assert tasks.run_bulletins.enqueue(reschedule=False).return_value == 0  # made once
    assert ComplaintBulletin.objects.count() == 4


def test_a_month_that_closes_no_quarter_makes_only_the_monthly_bulletin(received, today):
    today(date(2026, 5, 1))
    assert [(b.bureau.name, b.period, b.since) for b in bulletins.bulletins_due()] == [
        ("测试市司法局", "month", date(2026, 4, 1)),
        ("东区司法局", "month", date(2026, 4, 1)),
    ]


def test_the_schedule_is_the_first_of_each_month_at_three():
    def at(*args):
        return timezone.make_aware(datetime(*args))

    assert timezone.localtime(tasks.next_first(at(2026, 3, 6, 12, 0))) == at(2026, 4, 1, 3, 0)
    assert timezone.localtime(tasks.next_first(at(2026, 12, 1, 3, 0))) == at(2027, 1, 1, 3, 0)
    assert timezone.localtime(tasks.next_first(at(2026, 4, 1, 1, 0))) == at(2026, 4, 1, 3, 0)


def test_the_schedule_is_enqueued_once_on_the_database_backend(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert tasks.ensure_bulletins() is True
    assert tasks.ensure_bulletins() is False
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "zhifa.complaints.tasks.run_bulletins"
    assert (timezone.localtime(queued.run_after).day, timezone.localtime(queued.run_after).hour) == (1, 3)


def test_the_bureau_lists_and_downloads_its_bulletins_and_an_agency_sees_none(
    client, received, supervisor, clerk
):
    bulletins.bulletins_due()
    client.force_login(supervisor)
    page = html(client.get("/complaints/bulletins/", {"period": "month"}))
    assert page.count('data-testid="bulletin-row"') == 1  # 东区司法局's own (the city's is above it)
    assert "东区司法局2026年3月行政执法投诉举报案件处理情况通报.docx" in page
    assert "季度" not in page.split('data-testid="bulletin-table"')[1]
    month = ComplaintBulletin.objects.get(bureau=supervisor.agency, period="month")
    download = client.get(f"/complaints/bulletins/{month.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    city_bulletin = ComplaintBulletin.objects.exclude(bureau=supervisor.agency).first()
    assert client.get(f"/complaints/bulletins/{city_bulletin.pk}/").status_code == 404
    client.force_login(clerk)
    assert 'data-testid="bulletin-row"' not in html(client.get("/complaints/bulletins/"))
    assert client.get(f"/complaints/bulletins/{month.pk}/").status_code == 404
