from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "安排投诉举报定期通报（每月1日生成上月月度通报，季度结束后另生成季度通报；已有待运行的任务时不重复安排）；需另行启动 zhifa db_worker 执行任务。"

    def handle(self, *args, **options):
        from zhifa.complaints.tasks import ensure_bulletins, next_first

        if ensure_bulletins():
            self.stdout.write(f"已安排投诉举报定期通报：{next_first():%Y-%m-%d %H:%M}")
        else:
            self.stdout.write("投诉举报定期通报已在队列中")
