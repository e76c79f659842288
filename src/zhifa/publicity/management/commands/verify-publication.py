from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhifa.publicity.log import NotAProof, verify_bundle


class Command(BaseCommand):
    help = (
        "离线验证从公示网站下载的条目证明文件（proof.json）：重新计算条目的叶哈希并沿证明路径计算根哈希；"
        "通过时退出码为0，并显示应与网站公布的检查点核对的根哈希；否则以1退出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="证明文件路径")

    def handle(self, *args, file, **options):
        try:
            raw = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件：{file}（{exc.strerror}）") from exc
        try:
            ok, message = verify_bundle(raw)
        except NotAProof as exc:
            self.stderr.write(f"不是公示条目证明文件：{exc}")
            raise SystemExit(1) from exc
        if not ok:
            self.stderr.write(message)
            raise SystemExit(1)
        self.stdout.write(message)
