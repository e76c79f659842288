"""领导干部学法: an agency records a session of its leaders' compulsory law course — date, topic, hours,
lecturer and the officers who attended (its own active officers, chosen with the officer search picker) —,
corrects it (更正, with the reason) or deletes it (删除, with the reason). Each step is recorded; a deleted
session's entry keeps what it was, so the record log still tells it after the row is gone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhifa.core import kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.registry.choices import PersonStatus
from zhifa.registry.models import Officer

from .. import checks
from ..models import LeaderStudy
from ..transitions import MANAGE_STUDY

STUDIES = LeaderStudy.objects.select_related("agency")
MOST_SESSION_HOURS = 24
MOST_REASON = 200
TENTH = Decimal("0.1")  # hours are kept to one decimal place


@dataclass(frozen=True)
class StudyInput:
    held_on: date | None
    topic: str
    hours: object
    lecturer: str = ""
    attendee_ids: Sequence[int] = field(default_factory=tuple)
    agency: Agency | None = None  # None: the actor's own agency (only when recording)


def _attendees(agency: Agency, ids: Sequence[int], kept: Sequence[int] = ()) -> list[Officer]:
    """The agency's active officers among `ids`; on a correction, those who attended already (`kept`) stay
    eligible after they left or moved (a session is corrected as it was held)."""
    wanted = sorted(set(ids))
    if not wanted:
        kit.refuse("attendees", "请选择参学人员")
    eligible = Q(agency=agency, status=PersonStatus.ACTIVE) | Q(pk__in=list(kept))
    found = list(Officer.objects.filter(eligible, pk__in=wanted))
    missing = sorted(set(wanted) - {o.pk for o in found})
    if missing:
        kit.refuse("attendees", f"参学人员（编号{'、'.join(map(str, missing))}）不是{agency.name}的在岗人员")
    return sorted(found, key=lambda o: o.pk)


def _values(
    agency: Agency, data: StudyInput, today: date | None, kept: Sequence[int] = ()
) -> tuple[dict, list[Officer]]:
    """The session's fields and attendees as entered, each checked (the agency stays the session's)."""
    values = {
        "held_on": checks.day(data.held_on, "held_on", "学法日期", today or timezone.localdate()),
        "topic": kit.text(data.topic, "topic", "学法主题", 200),
        "hours": checks.hours(data.hours, "hours", "学时", most=MOST_SESSION_HOURS),
        "lecturer": kit.text(data.lecturer, "lecturer", "授课人", 64, required=False),
    }
    return values, _attendees(agency, data.attendee_ids, kept)


def _as_record(values: dict) -> dict:
    """Field values as the record log keeps them (dates ISO, hours as text)."""
    out = dict(values)
    if "held_on" in out:
        out["held_on"] = out["held_on"].isoformat()
    if "hours" in out:
        out["hours"] = str(Decimal(out["hours"]).quantize(TENTH))
    return out


@transaction.atomic
def leader_study_record(*, actor: Actor, data: StudyInput, today: date | None = None) -> LeaderStudy:
    """记录领导干部学法."""
    agency = checks.acting_agency(actor, data.agency, MANAGE_STUDY, "记录领导干部学法")
    values, attendees = _values(agency, data, today)
    study = LeaderStudy.objects.create(agency=agency, created_by=actor, **values)
    study.attendees.set(attendees)
    payload = _as_record({k: values[k] for k in ("held_on", "topic", "hours")})
    kit.record(
        study,
        "training_study.record",
        actor=actor,
        payload={**payload, "attendees": [o.pk for o in attendees]},
    )
    return study


@transaction.atomic
def leader_study_correct(
    *, actor: Actor, study: LeaderStudy, data: StudyInput, reason: str, today: date | None = None
) -> LeaderStudy:
    """更正领导干部学法: date, topic, hours, lecturer or attendees (the agency stays); what changed, from
    what to what, and the reason are recorded, and the yearly report (selectors.study_report) follows."""
    study = kit.locked(STUDIES, study, actor=actor, perm=MANAGE_STUDY)
    before_ids = sorted(study.attendees.values_list("pk", flat=True))
    values, attendees = _values(study.agency, data, today, kept=before_ids)
    reason = kit.text(reason, "correction_reason", "更正理由", MOST_REASON)
    changed = {k: v for k, v in values.items() if getattr(study, k) != v}
    after_ids = [o.pk for o in attendees]
    if not changed and before_ids == after_ids:
        kit.refuse(kit.NON_FIELD, "没有需要更正的内容")
    before = _as_record({k: getattr(study, k) for k in changed})
    for key, value in changed.items():
        setattr(study, key, value)
    if changed:
        study.save(update_fields=list(changed))
    if before_ids != after_ids:
        study.attendees.set(attendees)
        before["attendees"], changed["attendees"] = before_ids, after_ids
    kit.record(study, "training_study.correct", actor=actor,
               payload={"changed": sorted(changed), "before": before, "after": _as_record(changed),
                        "reason": reason})  # fmt: skip
    return study


@transaction.atomic
def leader_study_delete(*, actor: Actor, study: LeaderStudy, reason: str) -> None:
    """删除领导干部学法 (a session recorded in error): the record log keeps the whole session — date, topic,
    hours, lecturer, attendees by id and name — and the reason, appended before the row goes; the earlier
    entries of the session stay (the log is append-only), and the yearly report no longer counts it."""
    study = kit.locked(STUDIES, study, actor=actor, perm=MANAGE_STUDY)
    reason = kit.text(reason, "reason", "删除理由", MOST_REASON)
    attendees = list(study.attendees.order_by("pk").values_list("pk", "name"))
    session = _as_record({k: getattr(study, k) for k in ("held_on", "topic", "hours", "lecturer")})
    kit.record(study, "training_study.delete", actor=actor,
               payload={**session, "attendees": [pk for pk, _ in attendees],
                        "attendee_names": [name for _, name in attendees], "reason": reason})  # fmt: skip
    study.delete()
