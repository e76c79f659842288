"""行政执法监督员: 聘任, 续聘 and 解聘 by the justice bureau, each with its record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from zhifa.core import kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from .. import clocks
from ..choices import PersonCategory, SupervisorStatus
from ..models import Supervisor
from ..transitions import MANAGE_SUPERVISOR
from . import terms

SUPERVISORS = Supervisor.objects.select_related("bureau__region")
TERM = "任期"


@dataclass(frozen=True)
class SupervisorInput:
    name: str
    category: str
    term_start: date | None
    term_end: date | None
    bureau: Agency | None = None  # None: the actor's own justice bureau
    unit: str = ""
    phone: str = ""
    fields_followed: str = ""
    agencies: Sequence[Agency] = field(default_factory=tuple)


@transaction.atomic
def supervisor_appoint(*, actor: Actor, data: SupervisorInput) -> Supervisor:
    """聘任行政执法监督员 for a term, with the agencies (or fields) they follow."""
    bureau = terms.bureau(actor, data.bureau, MANAGE_SUPERVISOR, "聘任行政执法监督员")
    name = kit.text(data.name, "name", "姓名", 64)
    category = kit.choice(data.category, PersonCategory, "category", "身份类别")
    unit = kit.text(data.unit, "unit", "工作单位及职务", 200, required=False)
    phone = terms.phone(data.phone, "phone", "联系电话")
    fields_followed = kit.text(data.fields_followed, "fields_followed", "关注领域", 200, required=False)
    start, end = terms.term(data.term_start, data.term_end, TERM)
    agencies = terms.agencies(bureau, data.agencies)
    supervisor = Supervisor.objects.create(
        bureau=bureau,
        name=name,
        category=category,
        unit=unit,
        phone=phone,
        fields_followed=fields_followed,
        term_start=start,
        term_end=end,
        created_by=actor,
    )
    supervisor.agencies.set(agencies)
    kit.record(
        supervisor,
        "social_supervisor.appoint",
        actor=actor,
        payload={
            "status": supervisor.status,
            "name": name,
            "category": category,
            "term_start": start.isoformat(),
            "term_end": end.isoformat(),
            "agencies": [a.pk for a in agencies],
        },
    )
    return supervisor


@transaction.atomic
def supervisor_renew(
    *, actor: Actor, supervisor: Supervisor, term_end: date | None, reason: str
) -> Supervisor:
    """续聘: the term runs on to a later end; the old and new ends and the reason are recorded."""
    supervisor = kit.locked(SUPERVISORS, supervisor, actor=actor, perm=MANAGE_SUPERVISOR)
    if supervisor.status != SupervisorStatus.APPOINTED:
        kit.refuse("status", f"监督员{supervisor.name}已解聘，不能续聘（可重新聘任）")
    return terms.extend(
        supervisor,
        actor=actor,
        term_end=term_end,
        reason=reason,
        action="social_supervisor.renew",
        words="续聘",
        term_words="任期",
        new_term_words="任期",
    )


@transaction.atomic
def supervisor_dismiss(
    *, actor: Actor, supervisor: Supervisor, reason: str, on: date | None = None
) -> Supervisor:
    """解聘 before the term ends, with the reason (an expired term needs no dismissal: it has ended)."""
    supervisor = kit.locked(SUPERVISORS, supervisor, actor=actor, perm=MANAGE_SUPERVISOR)
    if supervisor.status != SupervisorStatus.APPOINTED:
        kit.refuse("status", f"监督员{supervisor.name}已解聘")
    reason = kit.text(reason, "reason", "解聘理由", 500)
    on = on or clocks.today()
    supervisor.ended_on, supervisor.end_reason = on, reason
    kit.move(
        supervisor,
        SupervisorStatus.DISMISSED,
        actor=actor,
        action="social_supervisor.dismiss",
        fields=("ended_on", "end_reason"),
        payload={"on": on.isoformat(), "reason": reason},
    )
    return supervisor
