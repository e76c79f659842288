"""抽取: commit (fix and hash the input, publish the seed commitment), run (with the seed that matches
the commitment; tasks are created), reveal (seed and draw file public), and 人工调整 of an inspector with
a reason. The algorithm itself is inspections.drawing."""

import secrets
from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhifa.core import kit
from zhifa.core.kit import Actor
from zhifa.registry.choices import CertificateKind
from zhifa.registry.models import Certificate, Officer
from zhifa.registry.selectors import can_enforce, enforcers_for

from .. import drawing
from ..choices import DrawStatus, PlanStatus, TaskStatus
from ..models import DeclaredRelation, Draw, InspectorProfile, Plan, Subject, Task, TaskInspector
from .perms import MANAGE_PLAN


def _candidates(plan: Plan) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Stratum → codes ascending, and code → region path (for 回避), from the lead agency's directory."""
    subjects = Subject.objects.filter(agency=plan.agency)
    if plan.subject_kinds:
        subjects = subjects.filter(kind__in=plan.subject_kinds)
    if plan.industry:
        subjects = subjects.filter(industry=plan.industry)
    strata: dict[str, list[str]] = defaultdict(list)
    regions = {}
    for code, level, path in subjects.order_by("code").values_list("code", "risk_level", "region__path"):
        strata[level].append(code)
        regions[code] = path or ""
    return {level: strata.get(level, []) for level in drawing.STRATA}, regions


def _pools(plan: Plan, on: date) -> tuple[list[dict], dict[str, int]]:
    """Per participating department: the officers certified, on `on`, for every field of its items (the
    执法检查人员名录库), each named by a certificate number (public on the portal). Also code → officer."""
    fields_by_agency = defaultdict(set)
    agencies = {}
    for item in plan.items.select_related("agency"):
        fields_by_agency[item.agency_id].add(item.field_id)
        agencies[item.agency_id] = item.agency
    pools, officer_of = [], {}
    for agency_id in sorted(fields_by_agency, key=lambda pk: agencies[pk].credit_code):
        officers = Officer.objects.filter(agency_id=agency_id)
        for field_code in sorted(fields_by_agency[agency_id]):
            officers = officers.filter(pk__in=enforcers_for(field_code, on=on).values("pk"))
        numbers = (
            Certificate.objects.valid_on(on)
            .filter(kind=CertificateKind.ENFORCEMENT, officer__in=officers)
            .values_list("officer_id", "number")
        )
        code_of: dict[int, str] = {}
        for officer_id, number in numbers:
            code_of[officer_id] = min(number, code_of.get(officer_id, number))
        officer_of.update({code: officer_id for officer_id, code in code_of.items()})
        pools.append({"agency": agencies[agency_id].credit_code, "inspectors": sorted(code_of.values())})
    return pools, officer_of


def _conflicts(plan: Plan, regions: dict[str, str], officer_of: dict[str, int]) -> list[list[str]]:
    """回避 pairs (subject, inspector): the subject lies in the region the inspector lives in (or below
    it), the inspector inspected it last time, or declared a relation with it."""
    code_of = {officer_id: code for code, officer_id in officer_of.items()}
    pairs: set[tuple[str, str]] = set()
    residence = InspectorProfile.objects.filter(officer_id__in=code_of, residence_region__isnull=False)
    living: dict[str, list[str]] = defaultdict(list)
    for officer_id, path in residence.values_list("officer_id", "residence_region__path"):
        living[path].append(code_of[officer_id])
    by_path: dict[str, list[str]] = defaultdict(list)
    for subject_code, path in regions.items():
        by_path[path].append(subject_code)
    for home, residents in living.items():
        for path, codes in by_path.items():
            if path.startswith(home):
                pairs.update((code, inspector) for code in codes for inspector in residents)
    relations = DeclaredRelation.objects.filter(officer_id__in=code_of, subject__agency=plan.agency)
    for officer_id, subject_code in relations.values_list("officer_id", "subject__code"):
        if subject_code in regions:
            pairs.add((subject_code, code_of[officer_id]))
    # the latest earlier task of each subject of this directory: one grouped query, whatever the size
    last_task = (
        Task.objects.filter(subject__agency=plan.agency).values("subject__code").annotate(last=Max("id"))
    )
    last_ids = [row["last"] for row in last_task]
    previous = TaskInspector.objects.filter(task_id__in=last_ids, officer_id__in=code_of)
    for subject_code, officer_id in previous.values_list("task__subject__code", "officer_id"):
        if subject_code in regions:
            pairs.add((subject_code, code_of[officer_id]))
    return sorted([list(pair) for pair in pairs])


@transaction.atomic
def draw_commit(*, actor: Actor, plan: Plan, seed_commitment: str = "") -> Draw:
    """Fix the input and publish its hash and the seed commitment, before anything is drawn. An agency
    that keeps its own seed gives its SHA-256 here; otherwise the system seals a random seed."""
    plan = kit.locked(Plan, plan, actor=actor, perm=MANAGE_PLAN)
    if plan.status != PlanStatus.PUBLISHED:
        kit.refuse("plan", "计划公布后才能抽取")
    done = plan.draws.count()
    if done >= plan.frequency:
        kit.refuse("plan", f"计划规定每年抽查{plan.frequency}次，已抽取{done}次")
    seed_commitment = seed_commitment.strip().lower()
    if seed_commitment and (len(seed_commitment) != 64 or set(seed_commitment) - set("0123456789abcdef")):
        kit.refuse("seed_commitment", "种子承诺应为随机种子的SHA-256值（64位十六进制）")
    sealed = "" if seed_commitment else secrets.token_hex(32)
    candidates, regions = _candidates(plan)
    pools, officer_of = _pools(plan, timezone.localdate())
    data = drawing.DrawInput(
        candidates=candidates,
        ratios=dict(plan.ratios),
        inspector_pools=pools,
        per_subject=plan.per_subject,
        conflicts=_conflicts(plan, regions, officer_of),
    )
    try:
        drawing.check_input(data)
    except drawing.DrawError as exc:
        kit.refuse("plan", str(exc))
    draw = Draw.objects.create(
        plan=plan,
        number=done + 1,
        input=data.as_json(),
        candidate_hash=data.digest(),
        seed_commitment=seed_commitment or drawing.seed_commitment(sealed),
        sealed_seed=sealed,
        committed_at=timezone.now(),
    )
    kit.record(
        draw,
        "inspections.draw_commit",
        actor=actor,
        payload={"candidate_hash": draw.candidate_hash, "seed_commitment": draw.seed_commitment},
        agency=plan.agency,
    )
    return draw


def _locked_draw(actor: Actor, draw: Draw) -> Draw:
    return kit.locked(
        Draw.objects.select_related("plan", "plan__agency"), draw, actor=actor, perm=MANAGE_PLAN
    )


@transaction.atomic
def draw_run(*, actor: Actor, draw: Draw, seed: str = "") -> Draw:
    """抽取: with the seed that matches the published commitment; every drawn subject becomes a task."""
    draw = _locked_draw(actor, draw)
    if draw.status != DrawStatus.COMMITTED:
        kit.refuse("status", "该批次已经抽取")
    seed = (seed or draw.sealed_seed).strip().lower()
    if not seed:
        kit.refuse("seed", "请提供随机种子（其SHA-256须与公布的种子承诺一致）")
    if drawing.seed_commitment(seed) != draw.seed_commitment:
        kit.refuse("seed", "随机种子与抽取前公布的种子承诺不一致，不能抽取")
    try:
        result = drawing.run(seed, drawing.DrawInput.from_json(draw.input))
    except drawing.DrawError as exc:
        kit.refuse("inspectors", str(exc))
    draw.status, draw.result, draw.sealed_seed, draw.drawn_at = DrawStatus.DRAWN, result, seed, timezone.now()
    draw.save(update_fields=["status", "result", "sealed_seed", "drawn_at"])
    _create_tasks(draw, result)
    kit.record(
        draw,
        "inspections.draw_run",
        actor=actor,
        payload={"subjects": sum(len(codes) for codes in result["subjects"].values())},
        agency=draw.plan.agency,
    )
    return draw


def _create_tasks(draw: Draw, result: dict) -> None:
    plan = draw.plan
    stratum_of = {code: level for level, codes in result["subjects"].items() for code in codes}
    subjects = dict(Subject.objects.filter(agency=plan.agency, code__in=stratum_of).values_list("code", "pk"))
    tasks = Task.objects.bulk_create(
        [
            Task(plan=plan, draw=draw, subject_id=subjects[code], stratum=level, due_on=plan.ends_on)
            for code, level in stratum_of.items()
        ],
        batch_size=1000,
    )
    certificates = Certificate.objects.filter(
        number__in={code for codes in result["inspectors"].values() for code in codes}
    ).select_related("officer")
    officer_of = {c.number: c.officer for c in certificates}
    task_of = {subject_id: task for task in tasks for subject_id in [task.subject_id]}
    TaskInspector.objects.bulk_create(
        [
            TaskInspector(
                task=task_of[subjects[code]],
                agency_id=officer_of[number].agency_id,
                officer=officer_of[number],
            )
            for code, numbers in result["inspectors"].items()
            for number in numbers
        ],
        batch_size=1000,
    )


@transaction.atomic
def draw_reveal(*, actor: Actor, draw: Draw) -> Draw:
    """公开种子: the seed and the draw file become public, so anyone can rerun the draw."""
    draw = _locked_draw(actor, draw)
    if draw.status != DrawStatus.DRAWN:
        kit.refuse("status", "只有已抽取、尚未公开种子的批次可以公开")
    draw.status, draw.seed, draw.revealed_at = DrawStatus.REVEALED, draw.sealed_seed, timezone.now()
    draw.save(update_fields=["status", "seed", "revealed_at"])
    kit.record(
        draw, "inspections.draw_reveal", actor=actor, payload={"seed": draw.seed}, agency=draw.plan.agency
    )
    return draw


def draw_file(draw: Draw) -> dict:
    """The public draw file: everything `zhifa verify-draw` needs, plus the hand overrides, shown as such."""
    if draw.status != DrawStatus.REVEALED:
        kit.refuse("status", "种子公开后才提供抽取文件")
    assert draw.committed_at is not None and draw.revealed_at is not None  # set by commit and reveal
    overrides = (
        TaskInspector.objects.filter(task__draw=draw)
        .exclude(reason="")
        .select_related("task__subject", "officer", "replaced")
    )
    return {
        "algorithm": drawing.ALGORITHM,
        "agency": draw.plan.agency.name,
        "agency_code": draw.plan.agency.credit_code,
        "plan": {"id": draw.plan_id, "title": draw.plan.title, "year": draw.plan.year},
        "draw": draw.number,
        "committed_at": draw.committed_at.isoformat(),
        "revealed_at": draw.revealed_at.isoformat(),
        "candidate_hash": draw.candidate_hash,
        "seed_commitment": draw.seed_commitment,
        "seed": draw.seed,
        "input": draw.input,
        "result": draw.result,
        "overrides": [
            {
                "subject": o.task.subject.code,
                "replaced": _certificate_code(o.replaced),
                "by": _certificate_code(o.officer),
                "reason": o.reason,
            }
            for o in overrides
        ],
    }


def _certificate_code(officer: Officer | None) -> str:
    if officer is None:
        return ""
    number = (
        officer.certificates.filter(kind=CertificateKind.ENFORCEMENT)
        .order_by("number")
        .values_list("number", flat=True)
    )
    return number.first() or f"officer:{officer.pk}"


@transaction.atomic
def inspector_override(
    *, actor: Actor, assignment: TaskInspector, officer: Officer, reason: str
) -> TaskInspector:
    """人工调整: replace a drawn inspector (e.g. ill) — only with a reason, which stays on the task and in
    the draw file; the replacement must be of the same department, certified and free of 回避."""
    assignment = kit.locked(
        TaskInspector.objects.select_related("task__plan", "task__subject"), assignment, actor=actor
    )
    task = assignment.task
    kit.require(actor, MANAGE_PLAN, task.plan)
    if not reason.strip():
        kit.refuse("reason", "人工调整检查人员须写明理由")
    if task.status == TaskStatus.DONE:
        kit.refuse("officer", "任务已完成，不能调整检查人员")
    if officer.agency_id != assignment.agency_id:
        kit.refuse("officer", "替换人员须为同一部门的执法人员")
    fields = set(task.plan.items.filter(agency_id=assignment.agency_id).values_list("field_id", flat=True))
    if not all(can_enforce(officer, f) for f in fields):
        kit.refuse("officer", f"{officer.name}没有覆盖该领域的有效行政执法证")
    if task.inspectors.filter(officer=officer).exists():
        kit.refuse("officer", f"{officer.name}已是该任务的检查人员")
    if DeclaredRelation.objects.filter(officer=officer, subject=task.subject).exists():
        kit.refuse("officer", f"{officer.name}申报了与该检查对象的利害关系，须回避")
    home = (
        InspectorProfile.objects.filter(officer=officer)
        .values_list("residence_region__path", flat=True)
        .first()
    )
    if home and task.subject.region is not None and task.subject.region.path.startswith(home):
        kit.refuse("officer", f"{officer.name}居住在检查对象所在区划，须回避")
    replaced = assignment.replaced or assignment.officer
    assignment.replaced, assignment.officer, assignment.reason = replaced, officer, reason.strip()
    assignment.save(update_fields=["replaced", "officer", "reason"])
    kit.record(
        task,
        "inspections.inspector_override",
        actor=actor,
        payload={"replaced": replaced.pk, "by": officer.pk, "reason": assignment.reason},
        agency=task.plan.agency,
    )
    return assignment
