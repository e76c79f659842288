"""zhifa exchange_export --since 2026-12-01T00:00:00+08:00 --out 交换.json: every page of the incremental
export, as the system, into one file (the pages' records joined under the last page's envelope)."""

import json
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zhifa.core.models import Agency
from zhifa.exchange import services


class Command(BaseCommand):
    help = "按变更时间增量导出交换数据（JSON，格式见 docs/exchange.md）"

    def add_arguments(self, parser):
        parser.add_argument("--since", default="", help="起始变更时间（ISO 8601，不给则全量）")
        parser.add_argument("--out", required=True, help="输出文件")
        parser.add_argument(
            "--agency", default="", help="发送机关的统一社会信用代码（默认为顶级区划的第一个机关）"
        )
        parser.add_argument("--limit", type=int, default=services.DEFAULT_LIMIT, help="每页执法记录数")

    def handle(self, *args, since, out, agency, limit, **options):
        try:
            moment = datetime.fromisoformat(since) if since else None
        except ValueError as exc:
            raise CommandError(
                f"起始变更时间“{since}”格式错误，应为 ISO 8601，如 2026-12-01T00:00:00+08:00"
            ) from exc
        if moment is not None and timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        sender = None
        if agency:
            sender = Agency.objects.select_related("region").filter(credit_code=agency).first()
            if sender is None:
                raise CommandError(f"没有统一社会信用代码为“{agency}”的机关")
        try:
            envelope = export_all(since=moment, agency=sender, limit=limit)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(envelope, handle, ensure_ascii=False, indent=1)
        self.stdout.write(f"已导出 {len(envelope['records'])} 条记录（批次 {envelope['cd_batch']}）到 {out}")


def export_all(*, since, agency=None, limit=services.DEFAULT_LIMIT, actor=None) -> dict:
    """Every page from `since`, joined: the records of all pages under the last page's envelope."""
    page = services.export_page(actor=actor, since=since, agency=agency, limit=limit)
    records = list(page["records"])
    first_after = page["cursor_after"]
    while page["next_cursor"]:
        page = services.export_page(actor=actor, cursor=page["next_cursor"], agency=agency, limit=limit)
        records.extend(page["records"])
    seen: dict[tuple[str, str], int] = {}
    joined: list[dict] = []
    for record in records:  # an object touched on two pages: its later (current) state once
        where = (record["kind"], record["key"])
        if where in seen and record["kind"] != "record":
            joined[seen[where]] = record
        else:
            seen[where] = len(joined)
            joined.append(record)
    return {**page, "cursor_after": first_after, "next_cursor": None, "records": joined}
