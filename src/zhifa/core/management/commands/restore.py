from pathlib import Path

from django.core.management.base import BaseCommand

from zhifa.core.backup.services import BackupRefused, backup_restore


class Command(BaseCommand):
    help = (
        "从备份恢复到空实例：先逐一核对清单（文件齐全、大小与 SHA-256 相符、没有多余文件）并确认目标数据库与"
        "文件存储为空，任何一项不符即拒绝且不写入；恢复后运行执法记录链校验与证据文件校验。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="备份目录（zhifa backup 生成的 zhifa-backup-… 目录）")

    def handle(self, *args, directory, **options):
        try:
            restored = backup_restore(directory=Path(directory))
        except BackupRefused as exc:
            self.stderr.write(f"拒绝恢复：{exc.title}")
            for problem in exc.problems:
                self.stderr.write(f"  - {problem}")
            raise SystemExit(2) from exc
        manifest = restored.manifest
        self.stdout.write(
            f"已恢复 {manifest.created_at} 的备份（{manifest.database_vendor}，版本 {manifest.product_version}），文件 {restored.files} 个。"
        )
        for check in restored.checks:
            self.stdout.write(f"{'通过' if check.ok else '未通过'}　{check.name}：{check.output}")
        if not restored.ok:
            self.stderr.write("恢复后的校验未通过，请勿启用该实例。")
            raise SystemExit(1)
        self.stdout.write("恢复完成，校验全部通过。")
