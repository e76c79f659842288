"""The list export kit (core.exports) on the case list: exact content (Chinese labels, money and dates
formatted for people) as xlsx and as CSV, rows read through the iterator (never the whole list), and past
ZHIFA_EXPORT_STREAM_ROWS the background job end to end (offer, progress, download, expiry), seen only by
the user who asked."""

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from django.db.models.query import QuerySet
from django.utils import timezone
from openpyxl import load_workbook

from tests.cases.conftest import catalogue  # noqa: F401 (a fixture)
from tests.detection.conftest import make_case  # noqa: F401 (a fixture)
from tests.helpers import shown, xlsx_rows
from zhifa.cases.models import Case
from zhifa.core.exports import csv_text, streamed_bytes
from zhifa.jobs import services
from zhifa.jobs.models import ExportJob

pytestmark = pytest.mark.django_db

HEADER = ("案件编号", "案由", "程序", "状态", "办案机关", "当事人", "当事人类型", "案件来源", "发现日期", "立案日期",
          "决定期限", "承办人员", "处罚决定书文号", "罚款（元）", "登记时间")  # fmt: skip


@pytest.fixture
def cases(make_case):  # noqa: F811
    made = [make_case(fine="12345.6"), make_case(fine="5000"), make_case(fine=None)]
    Case.objects.filter(pk__in=[c.pk for c in made]).update(
        created_at=timezone.make_aware(datetime(2026, 3, 2, 9, 30))
    )
    return made


def row_of(case, fine):
    return (case.number, "销售不符合食品安全标准的食品", "普通程序", "已结案", "东区市场监督管理局", "东区第一食品店",
            "法人或其他组织", "检查发现", datetime(2026, 3, 1), datetime(2026, 3, 2), datetime(2026, 5, 31), None, None,
            fine, datetime(2026, 3, 2, 9, 30))  # fmt: skip


def test_the_case_list_as_xlsx(client, clerk, cases):
    client.force_login(clerk)
    response = client.get("/cases/export.xlsx")
    assert response.streaming  # a FileResponse over a temporary file
    rows = xlsx_rows(response)
    assert rows[0] == HEADER
    assert sorted(rows[1:]) == sorted(
        [row_of(cases[0], 12345.6), row_of(cases[1], 5000), row_of(cases[2], None)]
    )
    sheet = load_workbook(BytesIO(streamed_bytes(client.get("/cases/export.xlsx")))).active
    assert sheet["A4"].value == cases[0].number  # newest first: the first case is the last row
    assert sheet["N4"].number_format == "#,##0.00" and sheet["I4"].number_format == "yyyy-mm-dd"
    assert sheet["O4"].number_format == "yyyy-mm-dd hh:mm" and sheet["N2"].value is None


def test_the_case_list_as_csv(client, clerk, cases):
    client.force_login(clerk)
    response = client.get("/cases/export.xlsx", {"format": "csv", "q": cases[0].number})
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == "attachment; filename*=UTF-8''%E6%A1%88%E4%BB%B6%E5%88%97%E8%A1%A8.csv"
    )
    lines = streamed_bytes(response).decode("utf-8-sig").splitlines()
    assert lines == [
        ",".join(HEADER),
        f"{cases[0].number},销售不符合食品安全标准的食品,普通程序,已结案,东区市场监督管理局,东区第一食品店,"
        '法人或其他组织,检查发现,2026-03-01,2026-03-02,2026-05-31,,,"12,345.60",2026-03-02 09:30',
    ]


def test_money_and_dates_for_people():
    from decimal import Decimal

    assert csv_text(Decimal("1234567.5"), "money") == "1,234,567.50"
    assert csv_text(None, "money") == ""
    assert csv_text(timezone.make_aware(datetime(2026, 3, 2, 1, 30), UTC)) == "2026-03-02 09:30"


def test_the_rows_are_read_by_the_iterator(
    client,
    clerk,
    make_case,  # noqa: F811
    monkeypatch,
    django_assert_max_num_queries,
):
    """No full load of the case list (QuerySet._fetch_all on cases), and the queries do not grow per row:
    the handlers and decisions come per chunk."""
    for _ in range(6):
        make_case()
    loaded = QuerySet._fetch_all

    def guarded(self):
        assert self.model is not Case, "the whole case list was loaded"
        return loaded(self)

    monkeypatch.setattr(QuerySet, "_fetch_all", guarded)
    client.force_login(clerk)
    # 12 for the list, 6 for the export's audit entry (the chain's head locked and moved, in a savepoint)
    with django_assert_max_num_queries(18):
        rows = xlsx_rows(client.get("/cases/export.xlsx", {"now": "1"}))
    assert len(rows) == 7


def test_a_large_list_as_a_background_job(client, clerk, other_clerk, cases, settings):
    settings.ZHIFA_EXPORT_STREAM_ROWS = 2
    client.force_login(clerk)
    offer = client.get("/cases/export.xlsx", {"status": "closed"})
    page = offer.content.decode()
    assert "本次导出共 3 行" in page and "后台生成" in page
    assert offer.context["query"] == "status=closed"
    response = client.post("/jobs/exports/start/", {"export": "cases.case_list", "query": "status=closed"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/exports/{job.pk}/"
    assert (job.owner, job.status, job.total, job.done, job.params) == (
        clerk,
        "done",
        3,
        3,
        {"status": ["closed"]},
    )
    assert job.expires_at - job.finished_at == timedelta(hours=24)
    detail = client.get(f"/jobs/exports/{job.pk}/").content.decode()
    assert "已完成：已写 3 / 3 行（100%）" in shown(detail) and f"/jobs/exports/{job.pk}/download/" in detail
    assert "hx-trigger" not in detail  # finished: no more polling
    rows = xlsx_rows(client.get(f"/jobs/exports/{job.pk}/download/"))
    assert rows[0] == HEADER and len(rows) == 4
    assert "案件列表.xlsx" in client.get("/jobs/exports/").content.decode()
    # another user: 404 everywhere, and it is not in their list
    client.force_login(other_clerk)
    for url in ("", "progress/", "download/"):
        assert client.get(f"/jobs/exports/{job.pk}/{url}").status_code == 404, url
    assert "案件列表.xlsx" not in client.get("/jobs/exports/").content.decode()
    # past its time the file is deleted, the download gone
    assert services.exports_purge(now=job.expires_at) == 1
    assert services.exports_purge(now=job.expires_at) == 0
    client.force_login(clerk)
    assert client.get(f"/jobs/exports/{job.pk}/download/").status_code == 404
    assert "文件已过保留期限并删除" in client.get(f"/jobs/exports/{job.pk}/").content.decode()


def test_a_running_job_polls_its_progress(client, clerk):
    job = ExportJob.objects.create(owner=clerk, export="cases.case_list", filename="案件列表.xlsx", total=8000,
                                   done=2000, status="running")  # fmt: skip
    client.force_login(clerk)
    part = client.get(f"/jobs/exports/{job.pk}/progress/").content.decode()
    assert 'hx-trigger="every 1s"' in part and "生成中：已写 2000 / 8000 行（25%）" in shown(part)
    assert '<progress max="100" value="25">' in part


def test_a_list_the_user_may_not_view_is_refused(client, make_user, agencies):
    from zhifa.accounts.choices import RoleCode

    admin = make_user(agencies["east_market"], RoleCode.SECURITY_ADMIN, username="sec_t")
    client.force_login(admin)
    assert client.post("/jobs/exports/start/", {"export": "cases.case_list", "query": ""}).status_code == 403
    assert client.post("/jobs/exports/start/", {"export": "nothing", "query": ""}).status_code == 404
    assert not ExportJob.objects.exists()
