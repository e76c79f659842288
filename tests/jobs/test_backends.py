"""The Redis backend by configuration (django-tasks-rq, ZHIFA_TASKS_BACKEND=django_tasks_rq.RQBackend): a
scheduled task enqueued into the Redis on 127.0.0.1:6379 (database 15, emptied), run by an RQ worker, and
its run kept on the 任务运行 page as with the database backend. Skipped without the package or the server."""

import pytest

pytest.importorskip("django_tasks_rq")
redis = pytest.importorskip("redis")

from zhifa.jobs.models import TaskRun  # noqa: E402

pytestmark = pytest.mark.django_db
URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def rq_backend(settings):
    try:
        connection = redis.Redis.from_url(URL)
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    connection.flushdb()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": URL}}
    yield connection
    connection.flushdb()


def test_a_task_through_redis(rq_backend, agencies):
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    from zhifa.jobs import schedule
    from zhifa.jobs.tasks import exports_purge

    result = exports_purge.enqueue(day="2026-12-04")
    queue = django_rq.get_queue("default", job_class=Job)
    assert queue.job_ids == [result.id]
    run = TaskRun.objects.get(result_id=result.id)
    assert (run.status, run.task_path, schedule.task_label(run.task_path)) == (
        "queued",
        "zhifa.jobs.tasks.exports_purge",
        "清理过期的导出文件",
    )
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    run.refresh_from_db()
    assert run.status == "succeeded" and run.finished_at is not None
    assert exports_purge.get_backend().get_result(result.id).return_value == 0
