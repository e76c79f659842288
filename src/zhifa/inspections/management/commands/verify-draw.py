import json
from pathlib import Path

from django.core.management.base import BaseCommand

from zhifa.inspections.drawing import verify


class Command(BaseCommand):
    help = (
        "校验双随机抽取文件：核对候选名单哈希与种子承诺，按公布的算法（zhifa-draw/1）重新抽取并与文件中的"
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
        problems = verify(document) if isinstance(document, dict) else ["抽取文件格式不正确"]
        if problems:
            self.stderr.write("抽取文件校验未通过：")
            for problem in problems:
                self.stderr.write(f"- {problem}")
            raise SystemExit(1)
        result = document["result"]
        drawn = sum(len(codes) for codes in result["subjects"].values())
        self.stdout.write(
            f"抽取结果可复现：{document.get('agency', '')} 第{document.get('draw', '')}批，"
            f"抽中检查对象{drawn}个，随机种子与承诺一致，候选名单与公布的哈希一致。"
        )
        for override in document.get("overrides", []):
            self.stdout.write(
                f"人工调整：{override['subject']} {override['replaced']} → {override['by']}（{override['reason']}）"
            )
