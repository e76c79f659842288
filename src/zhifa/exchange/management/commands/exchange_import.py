"""zhifa exchange_import 交换.json: merge another instance's export into the collected data, in one
transaction; a refusal names the reason and writes nothing (exit 1)."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zhifa.core.models import Agency
from zhifa.exchange import services


class Command(BaseCommand):
    help = "导入其他系统导出的交换数据（整体成功或整体拒绝）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="交换文件（JSON）")
        parser.add_argument(
            "--agency", default="", help="归集机关的统一社会信用代码（默认为顶级区划的第一个机关）"
        )

    def handle(self, *args, file, agency, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                envelope = json.load(handle)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"无法读取交换文件“{file}”：{exc}") from exc
        receiver = None
        if agency:
            receiver = Agency.objects.filter(credit_code=agency).first()
            if receiver is None:
                raise CommandError(f"没有统一社会信用代码为“{agency}”的机关")
        try:
            batch = services.import_envelope(actor=None, envelope=envelope, agency=receiver)
        except ValidationError as exc:
            raise CommandError("导入被拒绝，未写入任何数据：" + "；".join(exc.messages)) from exc
        self.stdout.write(
            f"批次 {batch.cd_batch}：共 {batch.total} 条，新增 {batch.inserted}，更新 {batch.updated}，"
            f"删除 {batch.deleted}，未变 {batch.unchanged}，冲突 {batch.conflicts}"
        )
        for conflict in batch.conflict_rows.order_by("id"):
            self.stdout.write(f"冲突：{conflict.message}")
