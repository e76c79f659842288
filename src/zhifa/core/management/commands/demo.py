import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "迁移数据库、载入演示数据（可重复执行），然后启动 http://127.0.0.1:8000 ，"
        "并启动后台任务进程（db_worker）和定时任务调度（schedule）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="只载入演示数据，不启动服务")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="服务地址（默认 127.0.0.1:8000）")

    def handle(self, *args, no_serve=False, addr="127.0.0.1:8000", **options):
        from zhifa import demo  # only this command imports the demo data

        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            demo.load(self.stdout)
        self._print_logins(addr)
        if not no_serve:
            # background tasks (django-tasks' database backend): the worker runs what pages enqueue (线索中心's
            # 运行, background exports) and what the scheduler enqueues when due (zhifa.jobs.schedule: clocks,
            # 公示 expiry and checkpoint, 执法证 restoration, nightly detection, 投诉举报 通报)
            worker = subprocess.Popen([sys.executable, "-m", "zhifa", "db_worker"])
            scheduler = subprocess.Popen([sys.executable, "-m", "zhifa", "schedule"])
            try:
                call_command("runserver", addr, use_reloader=False)
            finally:
                for process in (scheduler, worker):
                    process.terminate()
                for process in (scheduler, worker):
                    process.wait(timeout=10)

    def _print_logins(self, addr: str) -> None:
        from zhifa.demo.accounts import DEMO_PASSWORD, logins

        self.stdout.write(
            self.style.SUCCESS(f"\n演示账号（密码均为 {DEMO_PASSWORD}），登录 http://{addr}/ ：")
        )
        for username, roles, agency in logins():
            self.stdout.write(f"  {username:<12} {roles:<20} {agency}")
