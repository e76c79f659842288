"""Resolving what a page or API caller names (agencies, officers, catalogue-competent departments) into
rows, within the user's leading group: an id or a name outside it is refused on the field, never found."""

import re
from collections.abc import Iterable

from zhifa.core import kit
from zhifa.core.models import Agency
from zhifa.registry.models import Officer

from . import selectors

SPLIT = re.compile(r"[、，,；;\s]+")


def agencies(user, ids: Iterable[int], field: str = "agencies") -> list[Agency]:
    ids = list(dict.fromkeys(ids))
    found = selectors.agencies_for(user).in_bulk(ids)
    for pk in ids:
        if pk not in found:
            kit.refuse(field, f"部门（编号{pk}）不在本地区联合执法领导小组的范围内")
    return [found[pk] for pk in ids]


def agency(user, pk: int | None, field: str = "agency") -> Agency | None:
    return agencies(user, [pk], field)[0] if pk is not None else None


def officers_by_id(user, ids: Iterable[int]) -> list[Officer]:
    ids = list(dict.fromkeys(ids))
    found = (
        Officer.objects.filter(agency__in=selectors.agencies_for(user)).select_related("agency").in_bulk(ids)
    )
    for pk in ids:
        if pk not in found:
            kit.refuse("officers", f"执法人员（编号{pk}）不在本地区参与部门中")
    return [found[pk] for pk in ids]


def officers_by_text(user, text: str, agencies: list[Agency]) -> list[Officer]:
    """The page's field: names or certificate numbers separated by 、 or commas, each matched among the
    officers of the chosen departments (a name shared by two needs the certificate number)."""
    found: list[Officer] = []
    pool = Officer.objects.filter(agency__in=agencies).select_related("agency")
    for token in [t for t in SPLIT.split(text.strip()) if t]:
        matches = list(pool.filter(certificates__number=token.upper()).distinct()) or list(
            pool.filter(name=token)
        )
        if not matches:
            kit.refuse("officers", f"参与部门中没有姓名或执法证号为“{token[:32]}”的人员")
        if len(matches) > 1:
            kit.refuse("officers", f"参与部门中有{len(matches)}名“{token}”，请改填其执法证号")
        if matches[0] not in found:
            found.append(matches[0])
    return found
