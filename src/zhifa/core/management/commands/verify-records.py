from django.core.management.base import BaseCommand

from zhifa.core import records
from zhifa.core.missing_subjects import missing_subjects
from zhifa.core.models import Agency


class Command(BaseCommand):
    help = (
        "校验执法记录链：全部完整、且记录指向的案件和证据都还在时退出码为0；否则指出第一条被改动的记录、"
        "或被删除的对象，并以1退出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", type=int, help="只校验该机关（id）的记录链")

    def handle(self, *args, agency=None, **options):
        scope = Agency.objects.get(pk=agency) if agency else None
        result = records.verify(scope)
        missing = missing_subjects(scope)
        if result.ok and not missing:
            self.stdout.write(f"记录链完整：{result.chains} 条链，{result.checked} 条记录。")
            return
        if not result.ok:
            self.stderr.write(f"记录链被破坏：{result.broken}")
        if missing:
            self.stderr.write(f"记录指向的对象被删除（{len(missing)} 个）：")
            for subject in missing:
                self.stderr.write(str(subject))
        raise SystemExit(1)
