"""12345 batch import (seed 000 §20: 部门举报渠道与“12345”平台整合): the work orders the hotline forwards,
as JSON (a list of objects keyed by the keys or the Chinese headers below) or an xlsx sheet (the headers). All or
nothing: every row is read and checked by the same rules as a complaint entered by hand, each problem is
reported with its row number, and only a clean batch is written."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from zhifa.core import access, hygiene, kit
from zhifa.core import xlsx_import as xi
from zhifa.core.kit import Actor
from zhifa.core.models import Region

from . import services
from .choices import Channel, Kind
from .models import Complaint
from .transitions import HANDLE

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024

# key of a JSON object → header of the xlsx column
COLUMNS = {
    "hotline_number": "工单号",
    "received_on": "受理日期",
    "kind": "类别",
    "anonymous": "是否匿名",
    "name": "诉求人",
    "phone": "联系电话",
    "region_code": "区划代码",
    "subject_name": "被投诉举报对象",
    "agency_hint": "涉及部门",
    "item_code": "事项编码",
    "title": "诉求标题",
    "content": "诉求内容",
    "place": "发生地点",
}
REQUIRED = ("hotline_number", "received_on", "region_code", "subject_name", "title", "content")


@dataclass(frozen=True)
class Row:
    number: int  # the xlsx row (header = 1), or the JSON object's position (first = 1)
    values: dict


def rows_of_json(content: bytes) -> list[Row]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        kit.refuse("file", "文件不是有效的JSON")
    if isinstance(data, dict):
        data = data.get("items")
    if not isinstance(data, list):
        kit.refuse("file", "JSON须为工单数组，或含“items”数组的对象")
    by_header = {header: key for key, header in COLUMNS.items()}
    return [
        Row(
            i,
            {by_header.get(k, k): v for k, v in item.items()}
            if isinstance(item, dict)
            else {"__bad__": True},
        )
        for i, item in enumerate(data, 1)
    ]


def rows_of_xlsx(content: bytes) -> list[Row]:
    from io import BytesIO

    from openpyxl import load_workbook

    try:
        sheet = load_workbook(BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl fails on a non-xlsx with zip, XML or key errors alike
        kit.refuse("file", "文件无法读取，请上传.xlsx或JSON文件")
    # at most the header and MAX_ROWS + 1 rows are read: one more than allowed is enough to refuse
    rows = list(islice(xi.non_empty_rows(sheet), MAX_ROWS + 2))
    if not rows:
        kit.refuse("file", "文件中没有数据")
    (_, head), body = rows[0], rows[1:]
    by_header = {xi.as_text(h): i for i, h in enumerate(head)}
    missing = [h for k, h in COLUMNS.items() if k in REQUIRED and h not in by_header]
    if missing:
        kit.refuse("file", f"缺少列：{'、'.join(missing)}")
    keys = {k: by_header[h] for k, h in COLUMNS.items() if h in by_header}
    return [
        Row(n, {k: values[i] if i < len(values) else None for k, i in keys.items()}) for n, values in body
    ]


def read(name: str, content: bytes) -> list[Row]:
    if len(content) > MAX_BYTES:
        kit.refuse("file", "文件超过5MB，请分批导入")
    rows = rows_of_xlsx(content) if name.lower().endswith(".xlsx") else rows_of_json(content)
    if not rows:
        kit.refuse("file", "文件中没有工单")
    if len(rows) > MAX_ROWS:
        kit.refuse("file", f"每批最多{MAX_ROWS}条工单")
    return rows


def _text(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else xi.as_text(value)


def _parse(row: Row, regions: dict[str, Region]) -> services.ComplaintInput:
    v = row.values
    if v.get("__bad__"):
        raise ValidationError({"row": "不是一个工单对象"})
    for key in REQUIRED:
        if not _text(v.get(key)):
            raise ValidationError({key: f"请填写“{COLUMNS[key]}”"})
    raw = v.get("received_on")
    received = raw.date() if isinstance(raw, datetime) else raw
    if not isinstance(received, date):
        received = xi.parse_date_text(_text(raw))
        if received is None:
            raise ValidationError({"received_on": f"“受理日期”不是有效日期：“{_text(raw)}”"})
    kind_text = _text(v.get("kind")) or Kind.COMPLAINT.label
    kinds = {label: value for value, label in Kind.choices} | {value: value for value in Kind.values}
    if kind_text not in kinds:
        raise ValidationError({"kind": f"“类别”只能填写投诉或举报，不能填写“{kind_text}”"})
    anonymous = _text(v.get("anonymous")) in ("是", "true", "True", "1") or v.get("anonymous") is True
    code = _text(v.get("region_code"))
    if code not in regions:
        raise ValidationError({"region_code": f"“区划代码”{code}不存在"})
    return services.ComplaintInput(
        channel=Channel.HOTLINE,
        hotline_number=_text(v.get("hotline_number")),
        received_on=received,
        kind=kinds[kind_text],
        anonymous=anonymous,
        name=_text(v.get("name")),
        phone=_text(v.get("phone")),
        region=regions[code],
        subject_name=_text(v.get("subject_name")),
        agency_hint=_text(v.get("agency_hint")),
        item_code=_text(v.get("item_code")),
        title=_text(v.get("title")),
        content=_text(v.get("content")),
        place=_text(v.get("place")),
    )


def _label(key: str) -> str:
    return COLUMNS.get(key, "")


@transaction.atomic
def hotline_import(*, actor: Actor, name: str, content: bytes) -> list[Complaint]:
    """导入12345工单: every row checked (the complaint's own rules, a work order number not yet imported
    and not repeated in the file); any error refuses the whole batch, naming each row."""
    if not access.is_system(actor) and not actor.has_perm(HANDLE):
        raise PermissionDenied("您无权导入12345工单")
    rows = read(name, content)
    # a control character never reaches a query (PostgreSQL refuses NUL): such a row is refused by _build
    codes = {c for r in rows if not hygiene.has_control(c := _text(r.values.get("region_code")))}
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    numbers = [_text(r.values.get("hotline_number")) for r in rows]
    known = set(
        Complaint.objects.filter(
            hotline_number__in=[n for n in numbers if n and not hygiene.has_control(n)]
        ).values_list("hotline_number", flat=True)
    )
    errors: list[str] = []
    built = []
    seen: set[str] = set()
    for row, number in zip(rows, numbers, strict=True):
        try:
            data = _parse(row, regions)
            if number in known:
                raise ValidationError({"hotline_number": f"工单号{number}已导入过"})
            if number in seen:
                raise ValidationError({"hotline_number": f"工单号{number}在文件中重复"})
            seen.add(number)
            built.append(services._build(actor, data, with_code=False))
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                for message in messages:
                    label = _label(key)
                    text = message if not label or label in message else f"“{label}”：{message}"
                    errors.append(f"第{row.number}{'行' if name.lower().endswith('.xlsx') else '条'}：{text}")
    if errors:
        raise ValidationError({"file": errors})
    return [services._save(actor, complaint, files) for complaint, _, files in built]
