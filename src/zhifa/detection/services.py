"""Writes of the 线索中心: running a model, and the supervisor's handling of a hit. One keyword-only
function per user action, `actor` first, built on core.kit; every state change is recorded.

A run stores what it found as hits, one per (model, subject key): a subject found again keeps its hit
(an open hit takes the run's fresh reason and numbers; a handled one keeps the words it was handled on
— a dismissed hit is not raised again by the next night's run). New hits are recorded in their agency's
chain (`hit.find`, in bulk)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit, records
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from . import framework
from .choices import FollowUp, HitStatus, RunTrigger
from .framework import Context, Found, Params
from .models import Hit, Run
from .transitions import HANDLE, MACHINE, MANAGE_OVERSIGHT, RUN

REASON_MAX = 500


def _may_run(actor: Actor) -> None:
    if not access.is_system(actor) and not actor.has_perm(RUN):
        raise PermissionDenied("您无权运行问题发现模型")


def refuse_model() -> None:
    kit.refuse("model", "没有该问题发现模型")


def _model(code: str) -> framework.Model:
    model = framework.get(code)
    if model is None:
        kit.refuse("model", "没有该问题发现模型")
    return model


@transaction.atomic
def run_model(
    *, actor: Actor, model: str, trigger: str = RunTrigger.MANUAL, today: date | None = None
) -> Run:
    """运行一个模型: compute its hits in the database, keep one hit per subject, record the run."""
    _may_run(actor)
    spec = _model(model)
    if trigger not in RunTrigger.values:
        kit.refuse("trigger", "请选择运行方式")
    params = Params(spec)
    run = Run.objects.create(
        model=spec.code,
        version=spec.version,
        params=params.as_record(),
        trigger=trigger,
        started_by=actor,
        started_at=timezone.now(),
    )
    found = added = 0
    for batch in framework.chunks(spec.find(Context(spec, today or timezone.localdate(), params))):
        unique = list({f.key: f for f in batch}.values())
        found += len(unique)
        added += _store(run, spec, unique)
    run.finished_at, run.found, run.added = timezone.now(), found, added
    run.save(update_fields=["finished_at", "found", "added"])
    return run


def _store(run: Run, spec: framework.Model, batch: list[Found]) -> int:
    existing = {h.key: h for h in Hit.objects.filter(model=spec.code, key__in=[f.key for f in batch])}
    fresh = [f for f in batch if f.key not in existing]
    new = Hit.objects.bulk_create([_hit(run, spec, f) for f in fresh])
    again = [h for h in existing.values() if h.status == HitStatus.OPEN]
    by_key = {f.key: f for f in batch}
    for hit in again:
        found = by_key[hit.key]
        hit.reason, hit.measure, hit.evidence = found.reason, found.measure, found.evidence
        hit.last_run = run
    Hit.objects.bulk_update(again, ["reason", "measure", "evidence", "last_run", "updated_at"])
    Hit.objects.filter(pk__in=[h.pk for h in existing.values() if h.status != HitStatus.OPEN]).update(
        last_run=run
    )
    _record_found(new)
    return len(new)


def _hit(run: Run, spec: framework.Model, f: Found) -> Hit:
    return Hit(
        model=spec.code,
        version=spec.version,
        key=f.key,
        agency_id=f.agency_id,
        case_id=f.case_id,
        subject=f.subject[:200],
        reason=f.reason,
        evidence=[list(e) for e in f.evidence],
        measure=f.measure,
        first_run=run,
        last_run=run,
        found_at=run.started_at,
    )


def _record_found(hits: Iterable[Hit]) -> None:
    per_agency: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        per_agency[hit.agency_id].append(hit)
    agencies = Agency.objects.in_bulk(list(per_agency))
    for agency_id, rows in per_agency.items():
        records.append_many(
            agency=agencies[agency_id],
            items=(
                (
                    h,
                    "hit.find",
                    {"status": h.status, "model": h.model, "version": h.version, "run": h.first_run_id},
                )
                for h in rows
            ),
        )


def run_all(*, actor: Actor, trigger: str = RunTrigger.MANUAL, today: date | None = None) -> list[Run]:
    """运行全部模型 (the nightly task; 线索中心's 全部运行), each model in its own transaction."""
    return [
        run_model(actor=actor, model=m.code, trigger=trigger, today=today) for m in framework.registered()
    ]


# ---- handling ------------------------------------------------------------------------------------------


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        kit.refuse("reason", f"请填写{what}理由")
    if len(reason) > REASON_MAX:
        kit.refuse("reason", f"{what}理由最多{REASON_MAX}个字")
    return reason


def _handle(actor: Actor, hit: Hit, action: str, reason: str, what: str) -> Hit:
    hit = kit.locked(Hit.objects.select_related("agency"), hit, actor=actor, perm=HANDLE)
    MACHINE.require(hit, action)
    hit.handling_reason = _reason(reason, what)
    hit.handled_by, hit.handled_at = actor, timezone.now()
    MACHINE.move(
        hit,
        action,
        actor=actor,
        fields=("handling_reason", "handled_by", "handled_at"),
        payload={"reason": hit.handling_reason},
    )
    return hit


@transaction.atomic
def hit_confirm(*, actor: Actor, hit: Hit, reason: str) -> Hit:
    """确认: the supervisor checked the evidence and the problem is real (counts for the precision)."""
    return _handle(actor, hit, "confirm", reason, "确认")


@transaction.atomic
def hit_dismiss(*, actor: Actor, hit: Hit, reason: str) -> Hit:
    """排除: not a problem (counts against the model's precision)."""
    return _handle(actor, hit, "dismiss", reason, "排除")


def _follow(actor: Actor, hit: Hit, action: str) -> Hit:
    hit = kit.locked(Hit.objects.select_related("agency", "case"), hit, actor=actor, perm=HANDLE)
    MACHINE.require(hit, action)
    if hit.follow_up:
        kit.refuse("status", f"该线索已转为{FollowUp(hit.follow_up).label}")
    return hit


@transaction.atomic
def hit_supervise(*, actor: Actor, hit: Hit, reason: str = ""):
    """转为监督事项: a 日常监督 of the hit's case (when it has one) or else of its agency, linked to the hit."""
    from zhifa.supervision.actions import services as actions
    from zhifa.supervision.actions.choices import SupervisionKind, TargetKind

    hit = _follow(actor, hit, "supervise")
    spec = framework.get(hit.model)
    title = f"{spec.name if spec else '问题线索'}：{hit.subject}"[:200]
    data = actions.OpenInput(
        kind=SupervisionKind.ROUTINE,
        target_kind=TargetKind.CASE if hit.case_id else TargetKind.AGENCY,
        case=hit.case,
        agencies=(hit.agency,),
        title=title,
        category=spec.category if spec else "",
        reason=(reason or "").strip() or hit.reason,
        source=hit,  # the item's 来源 (registered in wiring.register_source)
    )
    (item,) = actions.item_open(actor=actor, data=data)
    hit.supervision_item, hit.follow_up = item, FollowUp.ITEM
    hit.save(update_fields=["supervision_item", "follow_up", "updated_at"])
    kit.record(hit, "hit.supervise", actor=actor, payload={"status": hit.status, "item": item.pk})
    return item


@transaction.atomic
def hit_oversee(*, actor: Actor, hit: Hit, ground: str, description: str = ""):
    """转为督办 (seed 002 (十五)): a 督办 of the hit's case or agency, linked to the hit."""
    from zhifa.supervision.plans import services as plans

    hit = _follow(actor, hit, "oversee")
    if not access.is_system(actor):
        access.require_for_agency(actor, MANAGE_OVERSIGHT, hit.agency, f"您无权督办{hit.agency.name}")
    spec = framework.get(hit.model)
    oversight = plans.oversight_open(
        actor=actor,
        title=f"{spec.name if spec else '问题线索'}：{hit.subject}"[:200],
        ground=ground,
        description=(description or "").strip() or hit.reason,
        agency=hit.agency if hit.case_id is None else None,
        case=hit.case,
    )
    hit.oversight, hit.follow_up = oversight, FollowUp.OVERSIGHT
    hit.save(update_fields=["oversight", "follow_up", "updated_at"])
    kit.record(hit, "hit.oversee", actor=actor, payload={"status": hit.status, "oversight": oversight.pk})
    return oversight
