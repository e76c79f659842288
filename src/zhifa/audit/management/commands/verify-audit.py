from django.core.management.base import BaseCommand

from zhifa.audit.selectors import chain_verify


class Command(BaseCommand):
    help = "校验安全审计日志的哈希链：完整时退出码为0；否则指出第一条被篡改或缺失的记录并以1退出。"

    def handle(self, *args, **options):
        result = chain_verify().verification
        if result.intact:
            self.stdout.write(f"审计链完整：{result.checked} 条审计记录。")
            return
        self.stderr.write(
            f"审计链被破坏：第{result.broken_seq}条起被篡改或缺失（此前 {result.checked} 条完整）。"
        )
        raise SystemExit(1)
