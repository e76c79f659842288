import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "定时任务调度：按计划表（zhifa.jobs.schedule，可由 ZHIFA_SCHEDULE 调整）把到期的任务放入后台任务队列，"
        "由 db_worker（或 Redis 的 rqworker）执行；每个时段只放一次，可同时运行多个。--once 只检查一次。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="只检查一次后退出")
        parser.add_argument("--interval", type=int, default=60, help="检查间隔（秒，默认60）")

    def handle(self, *args, once=False, interval=60, **options):
        from django.db import close_old_connections

        from zhifa.jobs.schedule import tick

        while True:
            if not once:  # a long-running loop drops a broken or aged connection between ticks
                close_old_connections()
            try:
                for key in tick():
                    self.stdout.write(f"已安排：{key}")
            except Exception as exc:
                self.stderr.write(f"调度出错：{exc}")
                if once:
                    raise
            if once:
                return
            time.sleep(interval)
