from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zhifa.publicity.log import checkpoint_create


class Command(BaseCommand):
    help = "发布每日检查点（每日定时运行）：把当日公示的条目和执法记录链头加入公示日志，公布 Merkle 树根。"

    def add_arguments(self, parser):
        parser.add_argument("--day", type=date.fromisoformat, help="检查点日期（YYYY-MM-DD，默认今天）")

    def handle(self, *args, day=None, **options):
        try:
            checkpoint = checkpoint_create(day=day or timezone.localdate())
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"检查点 {checkpoint.day}：{checkpoint.size} 条，根哈希 {checkpoint.root}")
