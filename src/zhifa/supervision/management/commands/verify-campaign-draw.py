import json
from pathlib import Path

from django.core.management.base import BaseCommand

from zhifa.supervision.campaigns.drawing import ALGORITHM, verify
from zhifa.supervision.campaigns.rules import min_files_per_agency


class Command(BaseCommand):
    help = (
        f"校验案卷评查的抽取文件：核对候选案卷哈希与种子承诺，按公布的算法（{ALGORITHM}）重新抽取并与文件中的"
        "结果比对；一致时退出码为0，否则列出问题并以1退出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="从公示网站下载的抽取文件（JSON）")

    def handle(self, *args, file, **options):
        try:
            document = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.stderr.write(f"无法读取抽取文件：{exc}")
            raise SystemExit(1) from exc
        minimum = (
            document.get("minimum_per_agency", min_files_per_agency()) if isinstance(document, dict) else 0
        )
        problems = verify(document, minimum) if isinstance(document, dict) else ["抽取文件格式不正确"]
        if problems:
            self.stderr.write("抽取文件校验未通过：")
            for problem in problems:
                self.stderr.write(f"- {problem}")
            raise SystemExit(1)
        drawn = sum(len(numbers) for numbers in document["result"].values())
        self.stdout.write(
            f"抽取结果可复现：{document.get('agency', '')}“{document.get('campaign', {}).get('title', '')}”，"
            f"从{len(document['result'])}个机关抽中案卷{drawn}卷，随机种子与承诺一致，候选案卷名单与公布的哈希一致。"
        )
