"""后台导入 (issue 17, finding 10): an import past ZHIFA_IMPORT_SYNC_ROWS rows runs as a background job;
the uploader sees its progress and outcome (rows imported, or the row errors) on the job page, nobody
else sees it, and the uploaded file is deleted once read."""

import pytest
from django.core.files.storage import default_storage

from tests import helpers
from tests.helpers import shown
from tests.registry.test_excel import OFFICER, ident, snapshot
from zhifa.accounts.choices import RoleCode
from zhifa.jobs.models import ImportJob
from zhifa.registry import excel
from zhifa.registry.models import Officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def east(agencies):
    return agencies["east_market"]


@pytest.fixture
def head(east, make_user):
    return make_user(east, RoleCode.AGENCY_HEAD, username="east_head")


def officers(n: int, **change) -> list[dict]:
    return [OFFICER | {"身份证号码": ident(i), "姓名": f"张{i}"} | change for i in range(1, n + 1)]


def post(client, east, *rows):
    upload = helpers.upload(excel, "officers", *rows)
    return client.post("/registry/import/", {"kind": "officers", "agency": east.pk, "file": upload})


def test_a_large_import_runs_as_a_job_with_its_progress_and_result(
    client, head, east, settings, other_officer
):
    settings.ZHIFA_IMPORT_SYNC_ROWS = 2
    client.force_login(head)
    page = post(client, east, *officers(3)).content.decode()
    job = ImportJob.objects.get()
    assert "已转为后台导入" in page and f"/jobs/imports/{job.pk}/" in page
    assert (job.owner, job.status, job.total, job.done, job.created, job.errors, job.file) == (
        head,
        "done",
        3,
        3,
        3,
        [],
        "",
    )
    assert Officer.objects.filter(agency=east).count() == 3
    assert default_storage.listdir(f"imports/{head.pk}")[1] == []  # the upload is gone once read
    detail = client.get(f"/jobs/imports/{job.pk}/").content.decode()
    assert "已完成：已读 3 / 3 行（100%）" in shown(detail) and "导入成功：执法人员共3条。" in detail
    assert "执法人员" in client.get("/jobs/exports/").content.decode()
    assert "hx-trigger" not in detail
    client.force_login(other_officer)
    for url in ("", "progress/"):
        assert client.get(f"/jobs/imports/{job.pk}/{url}").status_code == 404


def test_a_job_with_bad_rows_imports_nothing_and_lists_them(client, head, east, settings):
    settings.ZHIFA_IMPORT_SYNC_ROWS = 2
    client.force_login(head)
    before = snapshot()
    post(client, east, *officers(2), OFFICER | {"身份证号码": "123", "姓名": "王五"})
    job = ImportJob.objects.get()
    assert (job.status, job.created) == ("failed", 0) and len(job.errors) == 1
    assert job.errors[0].startswith("第4行：")
    assert snapshot()[:2] == before[:2]
    detail = client.get(f"/jobs/imports/{job.pk}/").content.decode()
    assert "未导入任何数据：文件中有1处问题" in detail and job.errors[0] in detail


def test_a_small_import_stays_in_the_request(client, head, east, settings):
    settings.ZHIFA_IMPORT_SYNC_ROWS = 2
    client.force_login(head)
    page = post(client, east, *officers(2)).content.decode()
    assert "导入成功：执法人员共2条。" in page and not ImportJob.objects.exists()
