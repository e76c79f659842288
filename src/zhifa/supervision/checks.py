"""What the supervision features check alike in what a person enters: a required text, a deadline they
set, and the cases or documents they link, which must belong to the agency concerned. Each refusal names
the field, in Chinese."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from zhifa.core import kit, workdays


def required(value: str, field_name: str, label: str, max_length: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        kit.refuse(field_name, f"请填写{label}")
    if max_length and len(value) > max_length:
        kit.refuse(field_name, f"{label}最多{max_length}个字")
    return value


def deadline(value: date, field_name: str, label: str, today: date) -> date:
    """A deadline set by a person: not in the past, on a working day."""
    if value < today:
        kit.refuse(field_name, f"{label}（{value:%Y-%m-%d}）已过去，不能早于今天（{today:%Y-%m-%d}）")
    if not workdays.is_workday(value):
        kit.refuse(field_name, f"{label}（{value:%Y-%m-%d}）是休息日，请选择工作日")
    return value


def linked(
    model, ids: Iterable[int], agency_path: str, agency_id: int, owner: str, field_name: str, label: str
):
    """The rows of `model` with these ids whose `agency_path` is the agency; refused naming the ids that are
    not, and the agency (`owner`, as the message calls it)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    found = list(model.objects.filter(pk__in=wanted, **{agency_path: agency_id}))
    missing = sorted(set(wanted) - {obj.pk for obj in found})
    if missing:
        kit.refuse(field_name, f"{label}（编号{'、'.join(map(str, missing))}）不存在或不属于{owner}")
    return found
