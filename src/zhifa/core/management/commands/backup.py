from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from zhifa.core.backup.database import DatabaseToolError
from zhifa.core.backup.services import BackupRefused, backup_create


class Command(BaseCommand):
    help = (
        "在线备份：导出数据库（SQLite 备份接口或 pg_dump），复制证据与附件文件，写入带 SHA-256 的清单；"
        "每次写入一个新的带时间戳的目录，从不覆盖。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="备份存放目录（默认 var/backups）")

    def handle(self, *args, output=None, **options):
        target = Path(output) if output else Path(settings.VAR_DIR) / "backups"
        try:
            made = backup_create(output=target)
        except DatabaseToolError as exc:
            self.stderr.write(f"备份失败：{exc}")
            raise SystemExit(1) from exc
        except BackupRefused as exc:
            self.stderr.write(f"备份失败：{exc.title}")
            for problem in exc.problems:
                self.stderr.write(f"  - {problem}")
            raise SystemExit(1) from exc
        counts = made.manifest.counts
        self.stdout.write(f"备份完成：{made.directory}")
        self.stdout.write(
            f"案件 {counts['cases']} 件，执法记录 {counts['records']} 条，证据 {counts['evidence']} 份，"
            f"文件 {len(made.manifest.files)} 个，记录链 {len(made.manifest.chain_heads)} 条。"
        )
        self.stdout.write(f"清单 SHA-256：{made.manifest_sha256}（请另行保存，用于核对备份未被整体替换）")
