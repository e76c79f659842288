"""The service kit: the moves every write of every app makes, in one place.

A service (one function per user action) reads like this::

    case = kit.locked(Case.objects.select_related("agency"), case, actor=actor, perm=HANDLE)
    if case.status != CaseStatus.FILED:
        kit.refuse("status", "案件尚未立案，不能调查")
    kit.move(case, CaseStatus.INVESTIGATING, actor=actor, action="case.investigate", payload={...})

- `locked` takes the row lock (select_for_update, so a racing second action waits and then sees the
  first one's result) and checks jurisdiction through `core.access.require`;
- `refuse` raises the field-keyed Chinese error that forms and the API show beside the field; `text`
  and `choice` check a text field and a choice field in the words every service uses;
- `record` appends to the record log (`core.records`); `move` changes a status and records it;
  `changes` lists an update's changed fields, before and after, for its record.

`actor=None` is the system itself (commands, demo data, event handlers): it may do anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from . import access, hygiene, records

if TYPE_CHECKING:
    from zhifa.accounts.models import User
    from zhifa.core.models import Agency, Record

Actor: TypeAlias = "User | None"
Person: TypeAlias = "User"  # an action only a signed-in person takes (the system actor cannot)
M = TypeVar("M", bound=models.Model)

NON_FIELD = "__all__"


def refuse(field: str, message: str) -> NoReturn:
    """Refuse the action: `message` (Chinese, naming the rule and where possible its article) is
    shown beside `field` on the page and keyed by it in the API's 422."""
    raise ValidationError({field: message})


def text(
    value: str | None, field: str, label: str, limit: int | None = None, *, required: bool = True
) -> str:
    """`value` stripped; refused beside `field` when it holds a control character (“<label>”不能包含控制字符:
    a bulk import writes past the models' own check), when required and empty (请填写<label>), or when longer
    than `limit` (<label>最多N个字)."""
    cleaned = (value or "").strip()
    if hygiene.has_control(cleaned):
        refuse(field, hygiene.message(label))
    if required and not cleaned:
        refuse(field, f"请填写{label}")
    if limit and len(cleaned) > limit:
        refuse(field, f"{label}最多{limit}个字")
    return cleaned


def choice(value: str, choices: type[models.Choices], field: str, label: str, *, blank: bool = False) -> str:
    """`value` when it is one of `choices`' values; else refused beside `field`: 请选择<label> when empty,
    “<label>”的取值无效 otherwise. `blank=True` lets an empty value through as ""."""
    if blank and not value:
        return ""
    if value not in choices.values:
        refuse(field, f"请选择{label}" if not value else f"“{label}”的取值无效")
    return value


def changes(obj: models.Model, values: Mapping[str, Any]) -> dict[str, list]:
    """Each field of `values` that differs from `obj`'s, as [before, after] for an update's record (the
    record's JSON writes dates as yyyy-mm-dd)."""
    return {
        name: [getattr(obj, name), value] for name, value in values.items() if getattr(obj, name) != value
    }


def require(actor: Actor, perm: str, obj: models.Model) -> None:
    """404 outside the actor's jurisdiction, 403 inside without `perm`; the system may."""
    access.require(actor, perm, obj)


def locked(source: type[M] | models.QuerySet[M], obj: M, *, actor: Actor, perm: str | None = None) -> M:
    """`obj` re-read under a row lock (only its own row: `of=("self",)`), after checking that `actor`
    may do `perm` to it. `source` is the model or a queryset with the joins the service needs."""
    queryset = source if isinstance(source, models.QuerySet) else source._default_manager.all()
    fresh = queryset.select_for_update(of=("self",)).get(pk=obj.pk)
    if perm:
        access.require(actor, perm, fresh)
    return fresh


def record(
    subject: models.Model,
    action: str,
    *,
    actor: Actor,
    payload: Mapping[str, Any] | None = None,
    agency: Agency | None = None,
) -> Record:
    """Append one event about `subject` to the record log, inside the caller's transaction."""
    return records.append(
        subject=subject, action=action, actor=actor, payload=dict(payload or {}), agency=agency
    )


def move(
    subject: models.Model,
    status: str,
    *,
    actor: Actor,
    action: str,
    fields: tuple[str, ...] = (),
    payload: Mapping[str, Any] | None = None,
) -> Record:
    """Set `subject.status`, save it with `fields` (and `updated_at` when the model has it), and record
    the move with the new status in its payload."""
    setattr(subject, "status", status)  # noqa: B010 (any model with a status field)
    update = ["status", *fields]
    if any(f.name == "updated_at" for f in subject._meta.concrete_fields):
        update.append("updated_at")
    subject.save(update_fields=update)
    return record(subject, action, actor=actor, payload={"status": status, **(payload or {})})
