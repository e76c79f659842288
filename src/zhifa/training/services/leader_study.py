"""领导干部学法: an agency records a session of its leaders' compulsory law course — date, topic, hours,
lecturer and the officers who attended (its own active officers, chosen with the officer search picker)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from zhifa.core import kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.registry.choices import PersonStatus
from zhifa.registry.models import Officer

from .. import checks
from ..models import LeaderStudy
from ..transitions import MANAGE_STUDY

MOST_SESSION_HOURS = 24


@dataclass(frozen=True)
class StudyInput:
    held_on: date | None
    topic: str
    hours: object
    lecturer: str = ""
    attendee_ids: Sequence[int] = field(default_factory=tuple)
    agency: Agency | None = None  # None: the actor's own agency


def _attendees(agency: Agency, ids: Sequence[int]) -> list[Officer]:
    wanted = sorted(set(ids))
    if not wanted:
        kit.refuse("attendees", "请选择参学人员")
    found = list(Officer.objects.filter(pk__in=wanted, agency=agency, status=PersonStatus.ACTIVE))
    missing = sorted(set(wanted) - {o.pk for o in found})
    if missing:
        kit.refuse("attendees", f"参学人员（编号{'、'.join(map(str, missing))}）不是{agency.name}的在岗人员")
    return found


@transaction.atomic
def leader_study_record(*, actor: Actor, data: StudyInput, today: date | None = None) -> LeaderStudy:
    """记录领导干部学法."""
    from django.utils import timezone

    agency = checks.acting_agency(actor, data.agency, MANAGE_STUDY, "记录领导干部学法")
    held_on = checks.day(data.held_on, "held_on", "学法日期", today or timezone.localdate())
    topic = checks.text(data.topic, "topic", "学法主题", 200, required=True)
    hours = checks.hours(data.hours, "hours", "学时", most=MOST_SESSION_HOURS)
    lecturer = checks.text(data.lecturer, "lecturer", "授课人", 64)
    attendees = _attendees(agency, data.attendee_ids)
    study = LeaderStudy.objects.create(
        agency=agency, held_on=held_on, topic=topic, hours=hours, lecturer=lecturer, created_by=actor
    )
    study.attendees.set(attendees)
    kit.record(
        study,
        "training_study.record",
        actor=actor,
        payload={"held_on": held_on.isoformat(), "topic": topic, "hours": str(hours),
                 "attendees": [o.pk for o in attendees]},
    )  # fmt: skip
    return study
