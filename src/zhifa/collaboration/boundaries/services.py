"""Writes of the 职责边界 register: one function per action, recorded on the receiving agency's chain."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency, Region

from ..models import BoundaryItem
from .selectors import MANAGE


@dataclass(frozen=True)
class BoundaryInput:
    region: Region
    item_code: str
    item_name: str
    from_agency: Agency
    agency: Agency
    transferred_on: date
    document: str


def _in_region(agency: Agency, region: Region) -> bool:
    return agency.region.path.startswith(region.path)


@transaction.atomic
def boundary_add(*, actor: Actor, data: BoundaryInput) -> BoundaryItem:
    """登记划转事项: the item moves from the business department to the 综合行政执法部门 from that date."""
    access.require_for_agency(actor, MANAGE, data.agency, "您无权为该机关登记划转事项")
    code, name, document = data.item_code.strip().upper(), data.item_name.strip(), data.document.strip()
    if not code:
        kit.refuse("item_code", "请填写事项编码")
    if not name:
        kit.refuse("item_name", "请填写事项名称")
    if not document:
        kit.refuse("document", "请填写划转依据（文件名称及文号）")
    if data.from_agency.pk == data.agency.pk:
        kit.refuse("agency", "划出部门和承接部门不能是同一机关")
    for field, agency in (("from_agency", data.from_agency), ("agency", data.agency)):
        if not _in_region(agency, data.region):
            kit.refuse(field, f"{agency.name}不在{data.region.name}内")
    if BoundaryItem.objects.filter(region=data.region, item_code=code, ended_on__isnull=True).exists():
        kit.refuse("item_code", f"事项{code}在{data.region.name}已登记划转，请先终止原登记")
    row = BoundaryItem(
        region=data.region,
        item_code=code,
        item_name=name,
        from_agency=data.from_agency,
        agency=data.agency,
        transferred_on=data.transferred_on,
        document=document,
        created_by=actor,
    )
    row.full_clean(exclude=["created_by"])
    row.save()
    kit.record(
        row,
        "boundary.add",
        actor=actor,
        payload={
            "item": code,
            "from": data.from_agency.pk,
            "to": data.agency.pk,
            "region": data.region.code,
            "on": data.transferred_on,
            "document": document,
        },
    )
    return row


@transaction.atomic
def boundary_end(*, actor: Actor, row: BoundaryItem, on: date) -> BoundaryItem:
    """终止划转: from `on` the catalogue decides again."""
    row = kit.locked(BoundaryItem, row, actor=actor, perm=MANAGE)
    if row.ended_on is not None:
        kit.refuse("ended_on", "该划转登记已终止")
    if on < row.transferred_on:
        kit.refuse("ended_on", "终止日期不能早于划转日期")
    row.ended_on = on
    row.save(update_fields=["ended_on"])
    kit.record(row, "boundary.end", actor=actor, payload={"item": row.item_code, "on": on})
    return row
