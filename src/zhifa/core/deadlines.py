"""Due dates that apps store on their rows, and their recomputation when the calendar changes.

An app computes a due date on the working-day clock once (告知 + 5 working days) and stores it, so lists
can sort and filter by it. When the system admin enters or corrects a year's statutory schedule, every
open due date the change moves must move with it: each app registers its stored deadlines here, with
how to compute them again, and `recompute_after_calendar_change` does the rest (recorded per row).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from . import access, kit
from .models import Record
from .workbench import PendingItem

LIMIT = 20

MOVED_ACTION = "calendar.deadline_moved"


@dataclass(frozen=True)
class StoredDeadline:
    """One stored due date: `field` on the rows of `model` matching `open`, computed by `compute`."""

    label: str
    model: type[models.Model]
    field: str
    open: models.Q
    compute: Callable[[models.Model], date | None]
    url: Callable[[models.Model], str]
    select_related: tuple[str, ...] = ()
    notify: bool = True  # shown on the owner's 工作台 when moved


@dataclass(frozen=True)
class Moved:
    deadline: StoredDeadline
    row: models.Model
    before: date
    after: date


_registry: list[StoredDeadline] = []


def register(*deadlines: StoredDeadline) -> None:
    for deadline in deadlines:
        if deadline not in _registry:
            _registry.append(deadline)


def registered() -> list[StoredDeadline]:
    return list(_registry)


def recompute_after_calendar_change(*, actor: kit.Actor, since: date) -> list[Moved]:
    """Recompute every open stored deadline on or after `since` (an earlier one cannot be moved by a
    change from `since` on); save and record the ones that moved. Call inside the change's transaction."""
    moved = []
    for deadline in _registry:
        rows = (
            deadline.model._default_manager.filter(deadline.open, **{f"{deadline.field}__gte": since})
            .select_related(*deadline.select_related)
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        for row in rows:
            before, after = getattr(row, deadline.field), deadline.compute(row)
            if after is None or after == before:
                continue
            setattr(row, deadline.field, after)
            row.save(update_fields=[deadline.field])
            kit.record(
                row,
                MOVED_ACTION,
                actor=actor,
                payload={"field": deadline.field, "label": deadline.label, "from": before, "to": after},
            )
            moved.append(Moved(deadline, row, before, after))
    return moved


NOTICE_DAYS = 30


def moved_for(user) -> list[PendingItem]:
    """工作台: the user's agency's due dates that a calendar change moved in the last 30 days, for the
    kinds of row the user may see — the LIMIT latest of each kind, read in one query over the agency's own
    records (index record_agency_action_at_idx), then one query per kind that has any."""
    if not getattr(user, "agency_id", None):
        return []
    deadlines = [d for d in _registry if d.notify and user.has_perm(access.default_permission(d.model))]
    kinds = {d.model._meta.label_lower for d in deadlines}
    if not kinds:
        return []
    since = timezone.now() - timedelta(days=NOTICE_DAYS)
    latest = Window(RowNumber(), partition_by=F("subject_type"), order_by=[F("at").desc(), F("seq").desc()])
    records = list(
        Record.objects.filter(
            agency_id=user.agency_id, action=MOVED_ACTION, at__gte=since, subject_type__in=kinds
        )
        .annotate(rank=latest)
        .filter(rank__lte=LIMIT)
        .order_by("-at", "-seq")
    )
    by_kind: dict[str, list[Record]] = {}
    for record in records:
        by_kind.setdefault(record.subject_type, []).append(record)
    objects: dict[str, dict] = {}
    items = []
    for deadline in deadlines:
        kind = deadline.model._meta.label_lower
        rows = by_kind.get(kind, [])
        if rows and kind not in objects:
            objects[kind] = deadline.model._default_manager.in_bulk({int(r.subject_id) for r in rows})
        for record in rows:
            payload = json.loads(record.payload)
            if payload.get("field") != deadline.field or int(record.subject_id) not in objects[kind]:
                continue
            row = objects[kind][int(record.subject_id)]
            items.append(
                PendingItem(
                    category="期限调整",
                    title=f"因节假日安排变更，{row}的{deadline.label}由{payload['from']}调整为{payload['to']}",
                    url=deadline.url(row),
                    due=date.fromisoformat(payload["to"]),
                )
            )
    return items
