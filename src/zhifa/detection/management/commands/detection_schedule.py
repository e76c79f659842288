from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "为问题发现模型安排夜间运行（已有待运行的任务时不重复安排）；需另行启动 zhifa db_worker 执行任务。"

    def handle(self, *args, **options):
        from zhifa.detection.tasks import ensure_nightly, next_night

        if ensure_nightly():
            self.stdout.write(f"已安排问题发现模型夜间运行：{next_night():%Y-%m-%d %H:%M}")
        else:
            self.stdout.write("夜间运行已在队列中")
