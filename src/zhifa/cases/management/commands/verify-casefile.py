from django.core.management.base import BaseCommand

from zhifa.cases.casefile import verify_casefile


class Command(BaseCommand):
    help = (
        "校验导出的案卷压缩包：重新计算其中每个文件的SHA-256并与清单比对，核对清单中每条记录的哈希与数据库"
        "（同一机关、序号），并校验该机关的记录链；全部一致时退出码为0，否则指出第一个问题并以1退出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="案卷压缩包（.zip）")

    def handle(self, *args, file, **options):
        problems = verify_casefile(file)
        if not problems:
            self.stdout.write(f"案卷完整：{file}")
            return
        self.stderr.write(f"案卷校验未通过：{problems[0]}")
        if len(problems) > 1:
            self.stderr.write(f"（另有{len(problems) - 1}处问题）")
        raise SystemExit(1)
