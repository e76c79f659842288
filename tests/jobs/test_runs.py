"""任务运行: runs kept from the task signals, in Chinese on the 系统管理员's page (status filter, paging),
and the retry of a failed run (recorded in the record log); nobody else sees the page."""

from datetime import datetime

import pytest
from django.utils import timezone
from django_tasks import task

from tests.helpers import Writes
from zhifa.core.models import Record
from zhifa.jobs.models import TaskRun
from zhifa.jobs.runs import error_summary

pytestmark = pytest.mark.django_db

CALLS: list[str] = []


class RunWrites(Writes):
    counted = (TaskRun,)


@task()
def flaky(word: str) -> int:
    CALLS.append(word)
    if len(CALLS) == 1:
        raise ValueError("数据源暂不可用")
    return len(word)


def test_a_run_is_kept_with_its_status_and_times(sysadmin, client):
    from zhifa.jobs.tasks import exports_purge

    result = exports_purge.enqueue(day="2026-06-01")
    run = TaskRun.objects.get(result_id=str(result.id))
    assert run.status == "succeeded" and run.task_path == "zhifa.jobs.tasks.exports_purge"
    assert run.args == {"args": [], "kwargs": {"day": "2026-06-01"}}
    assert run.started_at and run.finished_at and run.error == ""
    client.force_login(sysadmin)
    page = client.get("/jobs/runs/").content.decode()
    assert "清理过期的导出文件" in page and "成功" in page


def test_a_failure_in_chinese_and_its_retry(sysadmin, client):
    CALLS.clear()
    flaky.enqueue("公示")
    failed = TaskRun.objects.get()
    assert failed.status == "failed" and failed.error == "数据错误：数据源暂不可用"
    TaskRun.objects.filter(pk=failed.pk).update(
        started_at=timezone.make_aware(datetime(2026, 6, 1, 2, 0, 0)),
        finished_at=timezone.make_aware(datetime(2026, 6, 1, 2, 1, 5)),
    )
    client.force_login(sysadmin)
    page = client.get("/jobs/runs/?status=failed").content.decode()
    assert "失败" in page and "数据错误：数据源暂不可用" in page and "1 分 5 秒" in page and "重试" in page
    records = Record.objects.count()
    response = client.post(f"/jobs/runs/{failed.pk}/retry/")
    assert response.status_code == 302
    retry = TaskRun.objects.get(retry_of=failed)
    assert retry.status == "succeeded" and CALLS == ["公示", "公示"]
    record = Record.objects.order_by("-id").first()
    assert Record.objects.count() == records + 1
    assert record.action == "task.retry" and record.actor == sysadmin and record.agency == sysadmin.agency
    # a second retry of the same failure is refused, nothing written
    writes = RunWrites()
    client.post(f"/jobs/runs/{failed.pk}/retry/")
    assert writes.none
    assert "已重试" in client.get("/jobs/runs/").content.decode()


def test_a_successful_run_is_not_retried(sysadmin):
    from django.core.exceptions import ValidationError

    from zhifa.jobs import services
    from zhifa.jobs.tasks import exports_purge

    exports_purge.enqueue()
    with pytest.raises(ValidationError) as refused:
        services.task_retry(actor=sysadmin, run=TaskRun.objects.get())
    assert refused.value.message_dict == {"status": ["只有失败的任务可以重试"]}


def test_only_the_system_admin_sees_and_retries(clerk, client):
    CALLS.clear()
    flaky.enqueue("x")
    failed = TaskRun.objects.get()
    client.force_login(clerk)
    assert client.get("/jobs/runs/").status_code == 403
    assert client.post(f"/jobs/runs/{failed.pk}/retry/").status_code == 404
    assert TaskRun.objects.count() == 1


def test_filter_and_paging(sysadmin, client, settings):
    from zhifa.jobs.tasks import exports_purge

    settings.ZHIFA_PAGE_SIZE = 2
    for _ in range(3):
        exports_purge.enqueue()
    client.force_login(sysadmin)
    first = client.get("/jobs/runs/?status=succeeded")
    assert len(first.context["page"]) == 2 and "共 3 条，第 1/2 页" in first.content.decode()
    assert len(client.get("/jobs/runs/?status=succeeded&page=2").context["page"]) == 1
    assert len(client.get("/jobs/runs/?status=failed").context["page"]) == 0


def test_error_summary_keeps_english_out():
    assert error_summary("builtins.KeyError", "Traceback...\nKeyError: 'name'") == "程序错误"
    assert error_summary("builtins.ValueError", "x\nValueError: bad value") == "数据错误"
    assert error_summary("django.core.exceptions.ValidationError", "x\nValidationError: ['请填写名称']") == (
        "校验未通过：请填写名称"
    )


def test_the_run_page_shows_the_error_with_its_traceback(sysadmin, clerk, client, monkeypatch):
    """后台任务结果: the run's own page, in place of the stock admin's; the traceback as the backend kept it."""
    from types import SimpleNamespace

    from django_tasks import task_backends

    CALLS.clear()
    flaky.enqueue("公示")
    failed = TaskRun.objects.get()
    client.force_login(sysadmin)
    assert f'href="/jobs/runs/{failed.pk}/"' in client.get("/jobs/runs/").content.decode()
    page = client.get(f"/jobs/runs/{failed.pk}/").content.decode()
    assert "数据错误：数据源暂不可用" in page and "任务后端已不再保存该次运行的错误详情" in page  # not kept

    error = SimpleNamespace(
        exception_class_path="builtins.ValueError", traceback="Traceback …\nValueError: x"
    )
    backend = task_backends["default"]
    monkeypatch.setattr(
        backend, "get_result", lambda result_id: SimpleNamespace(errors=[error]), raising=False
    )
    page = client.get(f"/jobs/runs/{failed.pk}/").content.decode()
    assert '<pre translate="no">Traceback …\nValueError: x</pre>' in page

    client.force_login(clerk)
    assert client.get(f"/jobs/runs/{failed.pk}/").status_code == 404
