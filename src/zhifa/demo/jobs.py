"""后台任务 demo: the runs the 系统管理员 郑强 (sysadmin) sees — the periodic work of last night, one of them
failed with its reason — and one finished background export of the case list for 赵磊 (dh_cbfz), so the
任务运行 page, its filter and 我的导出 with its download show."""

from datetime import timedelta

from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.jobs import services
from zhifa.jobs.choices import RunStatus
from zhifa.jobs.models import ExportJob, TaskRun

EXPORT_OWNER = "dh_cbfz"

RUNS = [
    # (id, task, status, started at (hours before now), seconds, error)
    ("demo-run-1", "zhifa.jobs.tasks.publicity_expire", RunStatus.SUCCEEDED, 20, 1.4, ""),
    ("demo-run-2", "zhifa.jobs.tasks.restore_certificates", RunStatus.SUCCEEDED, 20, 0.6, ""),
    ("demo-run-3", "zhifa.jobs.tasks.detection_nightly", RunStatus.SUCCEEDED, 18, 95.0, ""),
    ("demo-run-4", "zhifa.jobs.tasks.complaint_bulletins", RunStatus.FAILED, 17, 2.2, "数据库不可用"),
    ("demo-run-5", "zhifa.jobs.tasks.exports_purge", RunStatus.QUEUED, 0, 0, ""),
]


def load(stdout) -> None:
    now = timezone.now()
    for result_id, path, status, hours, seconds, error in RUNS:
        started = now - timedelta(hours=hours)
        finished = started + timedelta(seconds=seconds) if status != RunStatus.QUEUED else None
        TaskRun.objects.get_or_create(
            result_id=result_id,
            defaults={
                "task_path": path,
                "args": {"args": [], "kwargs": {"day": timezone.localdate(started).isoformat()}},
                "status": status,
                "enqueued_at": started - timedelta(seconds=1),
                "started_at": started if finished else None,
                "finished_at": finished,
                "error": error,
            },
        )
    owner = User.objects.filter(username=EXPORT_OWNER).first()
    if owner is not None and not ExportJob.objects.filter(owner=owner).exists():
        job = ExportJob.objects.create(
            owner=owner, export="cases.case_list", filename="案件列表.xlsx", params={"status": ["closed"]}
        )
        services.export_run(job_id=job.pk)
    stdout.write(f"后台任务：{TaskRun.objects.count()} 条运行记录，{ExportJob.objects.count()} 个后台导出")
