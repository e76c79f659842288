from datetime import date

from django.core.management.base import BaseCommand

from zhifa.publicity.services import disclosures_expire


class Command(BaseCommand):
    help = (
        "撤下公示期满的执法决定公示（每日定时运行）：自然人的行政处罚默认2年，其他默认5年；每条记入执法记录。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="按该日期计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args, today=None, **options):
        count = disclosures_expire(today=today)
        self.stdout.write(f"公示期满撤下 {count} 条。")
