"""Writes of the 线索中心: running a model, and the supervisor's handling of a hit. One keyword-only
function per user action, `actor` first, built on core.kit; every state change is recorded.

A run stores what it found as hits, one per (model, subject key): a subject found again keeps its hit
(an open hit takes the run's fresh reason and numbers; a handled one keeps the words it was handled on
— a dismissed hit is not raised again by the next night's run). New hits are recorded in their agency's
chain (`hit.find`, in bulk)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit, records
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.core.models import Agency, Region

from . import framework
from .choices import FollowUp, HitStatus, RunTrigger
from .framework import Context, Found, Params
from .models import Hit, ParamSetting, Run
from .transitions import HANDLE, MACHINE, MANAGE_OVERSIGHT, RUN, SET_PARAMS

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


def run_region(actor: Actor, region: Region | None = None) -> Region | None:
    """The subtree a run covers: a supervisor's own region (or a region inside it); the system's run
    (the nightly task, the demo) covers the region it is given, every region when none."""
    if access.is_system(actor):
        return region
    own = actor.agency.region if actor.agency is not None else None
    if own is None:
        raise PermissionDenied("您无权运行问题发现模型")
    if region is None:
        return own
    if not region.path.startswith(own.path):
        kit.refuse("region", "只能运行本辖区的数据")
    return region


@transaction.atomic
def run_model(
    *,
    actor: Actor,
    model: str,
    trigger: str = RunTrigger.MANUAL,
    today: date | None = None,
    region: Region | None = None,
) -> Run:
    """运行一个模型 over the region the run covers (`run_region`): compute its hits in the database with
    each region's parameters, keep one hit per subject, record the run and its counts per agency."""
    _may_run(actor)
    spec = _model(model)
    if trigger not in RunTrigger.values:
        kit.refuse("trigger", "请选择运行方式")
    region = run_region(actor, region)
    params = Params(spec)
    run = Run.objects.create(
        model=spec.code,
        version=spec.version,
        params=params.as_record(),
        trigger=trigger,
        started_by=actor,
        started_at=timezone.now(),
        region=region,
    )
    # a hit outside the region is never stored, whatever a model returns (ctx.scoped narrows the data)
    inside = None if region is None else set(_agencies_in(region))
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    context = Context(spec, today or timezone.localdate(), params, region)
    for batch in framework.chunks(spec.find(context)):
        unique = [f for f in {f.key: f for f in batch}.values() if inside is None or f.agency_id in inside]
        for f in unique:
            counts[f.agency_id][0] += 1
        for hit in _store(run, spec, unique):
            counts[hit.agency_id][1] += 1
    run.finished_at = timezone.now()
    run.found = sum(found for found, _ in counts.values())
    run.added = sum(added for _, added in counts.values())
    run.counts = {str(agency): pair for agency, pair in sorted(counts.items())}
    run.save(update_fields=["finished_at", "found", "added", "counts"])
    return run


def _agencies_in(region: Region) -> list[int]:
    return list(Agency.objects.filter(region__path__startswith=region.path).values_list("pk", flat=True))


def _store(run: Run, spec: framework.Model, batch: list[Found]) -> list[Hit]:
    """Store a batch of hits; the new ones are returned."""
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
    return new


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


def run_all(
    *,
    actor: Actor,
    trigger: str = RunTrigger.MANUAL,
    today: date | None = None,
    region: Region | None = None,
) -> list[Run]:
    """运行全部模型 (the nightly task over every region; 线索中心's 全部运行 over the supervisor's region),
    each model in its own transaction."""
    return [
        run_model(actor=actor, model=m.code, trigger=trigger, today=today, region=region)
        for m in framework.registered()
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


# ---- parameters per region ------------------------------------------------------------------------------

VALUE_MAX = 10**9


def _parse(spec: framework.Model, param: framework.Param, raw: object) -> int | float | None:
    """One value as entered: blank is "not set here" (None); else a number of the parameter's kind and
    range, refused naming the parameter."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    what = f"“{spec.name}”的参数“{param.label}”"
    try:
        if isinstance(raw, bool):
            raise InvalidOperation
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        kit.refuse(param.name, f"{what}须为数字")
    if not number.is_finite():
        kit.refuse(param.name, f"{what}须为数字")
    if not param.decimal and number != number.to_integral_value():
        kit.refuse(param.name, f"{what}须为整数")
    if number < param.minimum:
        kit.refuse(param.name, f"{what}不能小于{param.minimum}{param.unit}")
    upper = param.upper if param.upper is not None else VALUE_MAX
    if number > upper:
        kit.refuse(param.name, f"{what}不能大于{upper}{param.unit}")
    if param.decimal and number != number.quantize(Decimal("0.01"), rounding=ROUND_DOWN):
        kit.refuse(param.name, f"{what}最多保留两位小数")
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def _bureau(actor: Actor, bureau: Agency | None) -> Agency:
    bureau = bureau or (actor.agency if actor is not None else None)
    if bureau is None or bureau.kind != AgencyKind.JUSTICE:
        kit.refuse("region", "模型参数由司法行政机关的执法监督人员按本区划设定")
    access.require_for_agency(actor, SET_PARAMS, bureau, "您无权设定模型参数")
    return bureau


@transaction.atomic
def params_set(
    *, actor: Actor, model: str, values: Mapping[str, object], bureau: Agency | None = None
) -> list[ParamSetting]:
    """设定模型参数 for the region of the actor's justice bureau: every value checked first (nothing is
    written when one is refused); a blank value clears the region's own value (it takes its parent
    region's, else the default). Each change is recorded with the old and the new value."""
    spec = _model(model)
    bureau = _bureau(actor, bureau)
    unknown = sorted(set(values) - {p.name for p in spec.params})
    if unknown:
        kit.refuse(unknown[0], f"“{spec.name}”没有该参数")
    parsed = {p.name: _parse(spec, p, values[p.name]) for p in spec.params if p.name in values}
    existing = {
        s.name: s
        for s in ParamSetting.objects.select_for_update().filter(region=bureau.region, model=spec.code)
    }
    now, changed = timezone.now(), []
    for name, value in parsed.items():
        setting = existing.get(name)
        old = setting.value if setting else None
        if old == value:
            continue
        if setting is None:
            setting = ParamSetting(region=bureau.region, model=spec.code, name=name)
        setting.bureau, setting.value, setting.set_by, setting.set_at = bureau, value, actor, now
        setting.save()
        kit.record(
            setting,
            "detection.param.set",
            actor=actor,
            payload={
                "model": spec.code,
                "param": name,
                "region": bureau.region.code,
                "old": old,
                "new": value,
            },
        )
        changed.append(setting)
    return changed
