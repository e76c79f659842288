"""监督联系点: 设立, 续期 and 撤销 by the justice bureau, each with its record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from zhifa.core import kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.core.validators import validate_credit_code

from .. import clocks
from ..choices import PointKind, PointStatus
from ..models import ContactPoint
from ..transitions import MANAGE_POINT
from . import terms

POINTS = ContactPoint.objects.select_related("bureau__region")
TERM = "设立期限"
NEEDS_CODE = (PointKind.ENTERPRISE, PointKind.ASSOCIATION)  # registered bodies always hold one


@dataclass(frozen=True)
class PointInput:
    name: str
    kind: str
    address: str
    liaison: str
    term_start: date | None
    term_end: date | None
    bureau: Agency | None = None
    credit_code: str = ""
    liaison_phone: str = ""
    agencies: Sequence[Agency] = field(default_factory=tuple)


def credit_code(value: str, kind: str) -> str:
    """统一社会信用代码 (GB 32100-2015, checked by python-stdnum as everywhere): required of an enterprise or
    an association, checked whenever given."""
    value = (value or "").strip().upper()
    if not value:
        if kind in NEEDS_CODE:
            kit.refuse("credit_code", f"请填写统一社会信用代码（{PointKind(kind).label}必填）")
        return ""
    try:
        validate_credit_code(value)
    except ValidationError as error:
        kit.refuse("credit_code", error.messages[0])
    return value


@transaction.atomic
def point_establish(*, actor: Actor, data: PointInput) -> ContactPoint:
    """设立监督联系点 for a term, with the agencies it watches."""
    bureau = terms.bureau(actor, data.bureau, MANAGE_POINT, "设立监督联系点")
    name = kit.text(data.name, "name", "名称", 200)
    kind = kit.choice(data.kind, PointKind, "kind", "类型")
    code = credit_code(data.credit_code, kind)
    address = kit.text(data.address, "address", "地址", 300)
    liaison = kit.text(data.liaison, "liaison", "联络人", 64)
    phone = terms.phone(data.liaison_phone, "liaison_phone", "联络人电话")
    start, end = terms.term(data.term_start, data.term_end, TERM)
    agencies = terms.agencies(bureau, data.agencies)
    point = ContactPoint.objects.create(
        bureau=bureau,
        name=name,
        kind=kind,
        credit_code=code,
        address=address,
        liaison=liaison,
        liaison_phone=phone,
        term_start=start,
        term_end=end,
        created_by=actor,
    )
    point.agencies.set(agencies)
    kit.record(
        point,
        "social_point.establish",
        actor=actor,
        payload={
            "status": point.status,
            "name": name,
            "kind": kind,
            "credit_code": code,
            "term_start": start.isoformat(),
            "term_end": end.isoformat(),
            "agencies": [a.pk for a in agencies],
        },
    )
    return point


@transaction.atomic
def point_renew(*, actor: Actor, point: ContactPoint, term_end: date | None, reason: str) -> ContactPoint:
    """续期: the contact point's term runs on to a later end, with the reason."""
    point = kit.locked(POINTS, point, actor=actor, perm=MANAGE_POINT)
    if point.status != PointStatus.ACTIVE:
        kit.refuse("status", f"监督联系点{point.name}已撤销，不能续期")
    return terms.extend(
        point,
        actor=actor,
        term_end=term_end,
        reason=reason,
        action="social_point.renew",
        words="续期",
        term_words="设立期限",
        new_term_words="",
    )


@transaction.atomic
def point_revoke(*, actor: Actor, point: ContactPoint, reason: str, on: date | None = None) -> ContactPoint:
    """撤销监督联系点, with the reason."""
    point = kit.locked(POINTS, point, actor=actor, perm=MANAGE_POINT)
    if point.status != PointStatus.ACTIVE:
        kit.refuse("status", f"监督联系点{point.name}已撤销")
    reason = kit.text(reason, "reason", "撤销理由", 500)
    on = on or clocks.today()
    point.ended_on, point.end_reason = on, reason
    kit.move(
        point,
        PointStatus.REVOKED,
        actor=actor,
        action="social_point.revoke",
        fields=("ended_on", "end_reason"),
        payload={"on": on.isoformat(), "reason": reason},
    )
    return point
