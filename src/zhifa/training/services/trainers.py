"""培训师资库: an agency (a justice bureau, for its region) registers trainers, corrects their entries and
takes them out of the pool; each change is recorded."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from zhifa.core import kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from .. import checks
from ..models import Trainer
from ..transitions import MANAGE_TRAINER

TRAINERS = Trainer.objects.select_related("agency")


@dataclass(frozen=True)
class TrainerInput:
    name: str
    unit: str
    specialty: str
    title: str = ""
    phone: str = ""
    agency: Agency | None = None  # None: the actor's own agency (only when adding)


def _values(data: TrainerInput) -> dict:
    return {
        "name": kit.text(data.name, "name", "姓名", 64),
        "unit": kit.text(data.unit, "unit", "工作单位", 128),
        "specialty": kit.text(data.specialty, "specialty", "擅长领域", 200),
        "title": kit.text(data.title, "title", "职称职务", 64, required=False),
        "phone": checks.phone(data.phone, "phone", "联系方式"),
    }


@transaction.atomic
def trainer_add(*, actor: Actor, data: TrainerInput) -> Trainer:
    """登记培训师资."""
    agency = checks.acting_agency(actor, data.agency, MANAGE_TRAINER, "登记培训师资")
    values = _values(data)
    trainer = Trainer.objects.create(agency=agency, **values)
    kit.record(trainer, "training_trainer.add", actor=actor,
               payload={"name": values["name"], "unit": values["unit"]})  # fmt: skip
    return trainer


@transaction.atomic
def trainer_update(*, actor: Actor, trainer: Trainer, data: TrainerInput) -> Trainer:
    """修改师资信息 (the keeping agency stays)."""
    trainer = kit.locked(TRAINERS, trainer, actor=actor, perm=MANAGE_TRAINER)
    values = _values(data)
    changed = {k: v for k, v in values.items() if getattr(trainer, k) != v}
    for key, value in changed.items():
        setattr(trainer, key, value)
    trainer.save(update_fields=[*changed, "updated_at"])
    kit.record(trainer, "training_trainer.update", actor=actor, payload={"changed": sorted(changed)})
    return trainer


@transaction.atomic
def trainer_withdraw(*, actor: Actor, trainer: Trainer, reason: str) -> Trainer:
    """移出师资库, with the reason (the entry stays for the record)."""
    trainer = kit.locked(TRAINERS, trainer, actor=actor, perm=MANAGE_TRAINER)
    if not trainer.active:
        kit.refuse("active", f"{trainer.name}已移出师资库")
    reason = kit.text(reason, "reason", "移出理由", 200)
    trainer.active = False
    trainer.save(update_fields=["active", "updated_at"])
    kit.record(trainer, "training_trainer.withdraw", actor=actor, payload={"reason": reason})
    return trainer
