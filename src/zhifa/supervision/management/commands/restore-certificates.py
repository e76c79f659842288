from datetime import date

from django.core.management.base import BaseCommand

from zhifa.supervision.accountability.services import suspensions_lapse


class Command(BaseCommand):
    help = (
        "恢复暂扣期满的行政执法证（每日定时运行）：责任追究决定暂扣执法证的，暂扣期限届满次日起由系统恢复，"
        "每件记入执法记录；已恢复的不重复处理。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="按该日期计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args, today=None, **options):
        count = suspensions_lapse(today=today)
        self.stdout.write(f"暂扣期满恢复执法证 {count} 件。")
