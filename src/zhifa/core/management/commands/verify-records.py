from django.core.management.base import BaseCommand

from zhifa.core import records
from zhifa.core.models import Agency


class Command(BaseCommand):
    help = "校验执法记录链：全部完整时退出码为0；否则指出第一条被改动的记录并以1退出。"

    def add_arguments(self, parser):
        parser.add_argument("--agency", type=int, help="只校验该机关（id）的记录链")

    def handle(self, *args, agency=None, **options):
        scope = Agency.objects.get(pk=agency) if agency else None
        result = records.verify(scope)
        if result.ok:
            self.stdout.write(f"记录链完整：{result.chains} 条链，{result.checked} 条记录。")
            return
        self.stderr.write(f"记录链被破坏：{result.broken}")
        raise SystemExit(1)
