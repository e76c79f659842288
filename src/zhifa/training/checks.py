"""What 培训管理 checks alike in what a person enters (texts: `kit.text`): hours, a year, the acting agency. Each refusal
names the field in Chinese; nothing is written before every check has passed."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

PHONE = re.compile(r"^[0-9+\-（）() ]{5,32}$")
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def hours(value, field: str, label: str, *, most: int) -> Decimal:
    """Hours in halves: more than 0, at most `most`, one decimal place."""
    if value is None or value == "":
        kit.refuse(field, f"请填写{label}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        kit.refuse(field, f"{label}应为数字")
    if not number.is_finite() or number <= 0:
        kit.refuse(field, f"{label}应大于0")
    if number > most:
        kit.refuse(field, f"{label}不能超过{most}")
    if number * 2 != (number * 2).to_integral_value():
        kit.refuse(field, f"{label}以0.5学时为单位")
    return number


def year(value: int | None, field: str = "year", label: str = "年度") -> int:
    if value is None:
        kit.refuse(field, f"请填写{label}")
    if not EARLIEST_YEAR <= value <= LATEST_YEAR:
        kit.refuse(field, f"{label}应在{EARLIEST_YEAR}至{LATEST_YEAR}之间")
    return value


def day(value: date | None, field: str, label: str, today: date) -> date:
    """A day something happened: given, and not in the future."""
    if value is None:
        kit.refuse(field, f"请填写{label}")
    if value > today:
        kit.refuse(field, f"{label}（{value:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）")
    return value


def phone(value: str, field: str, label: str) -> str:
    value = kit.text(value, field, label, 32, required=False)
    if value and not PHONE.match(value):
        kit.refuse(field, f"{label}格式不正确：只能包含数字、空格和“+-()”，5至32位")
    return value


def acting_agency(actor: Actor, chosen: Agency | None, perm: str, what: str) -> Agency:
    """The agency the record is for: the one chosen, else the actor's own; the actor must act for it."""
    agency = chosen if chosen is not None else getattr(actor, "agency", None)
    if agency is None:
        kit.refuse("agency", "请选择机关")
    access.require_for_agency(actor, perm, agency, f"您无权为{agency.name}{what}")
    if not agency.active:
        kit.refuse("agency", f"{agency.name}已撤销，不能{what}")
    return agency
