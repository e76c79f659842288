"""Writes of 监督计划、工作台账 and 督办: one keyword-only function per user action, taking the actor; each
locks, checks access (core.access: 404 outside the jurisdiction, 403 without the permission) and the rules
(a field-keyed Chinese refusal, nothing written), writes, and appends its record. The moves are the tables
of `machine.py`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import PurePath

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit
from zhifa.core.choices import JUSTICE_KINDS, AgencyKind
from zhifa.core.models import Agency

from ..models import (
    LedgerEntry,
    LedgerReport,
    Oversight,
    OversightExtension,
    OversightReport,
    PlanTask,
    SupervisionPlan,
)
from . import clocks
from .choices import OversightGround, OversightStatus, PlanStatus, TaskKind
from .machine import (
    LEDGER,
    MANAGE_OVERSIGHT,
    MANAGE_PLAN,
    OVERSIGHT,
    PLAN,
    REPORT_LEDGER,
    REPORT_OVERSIGHT,
)
from .milestones import MILESTONES

ATTACHMENT_SUFFIXES = (".pdf", ".ofd", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".zip")
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


def day_text(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        kit.refuse(field, message)
    return text


def _not_past(due: date | None, field: str, label: str) -> date:
    """A deadline a person sets: given, not in the past, on the working-day clock."""
    if due is None:
        kit.refuse(field, f"请填写{label}")
    today = timezone.localdate()
    if due < today:
        kit.refuse(field, f"{label}{day_text(due)}已过，不能早于今天（{day_text(today)}）")
    return clocks.on_clock(due)


def _own_agency(actor: kit.Actor, agency: Agency, field: str, message: str) -> None:
    if not access.is_system(actor) and actor.agency_id != agency.pk:
        kit.refuse(field, message)


# ---- 监督计划 ----------------------------------------------------------------------------------------


def default_targets(agency: Agency) -> list[Agency]:
    """Who reports on a milestone of `agency`'s plan: the active agencies of its region subtree, except
    the justice bureaus."""
    return list(
        Agency.objects.in_region_tree(agency.region)
        .filter(active=True)
        .exclude(kind__in=JUSTICE_KINDS)
        .order_by("region__code", "name")
    )


@transaction.atomic
def plan_create(
    *, actor: kit.Actor, agency: Agency, year: int | None, title: str, milestones: bool = True
) -> SupervisionPlan:
    access.require_for_agency(actor, MANAGE_PLAN, agency, "您无权为该机关制定监督计划")
    if agency.kind != AgencyKind.JUSTICE:
        kit.refuse("agency", f"{agency.name}不是司法行政机关，监督计划由司法行政机关制定")
    _own_agency(actor, agency, "agency", f"只能为本机关制定监督计划，不能为{agency.name}制定")
    today = timezone.localdate()
    if year is None:
        kit.refuse("year", "请填写年度")
    if year < today.year:
        kit.refuse("year", f"{year}年已过，不能制定往年的监督计划")
    if year > today.year + 1:
        kit.refuse("year", f"只能制定本年度或下一年度的监督计划（{today.year}年或{today.year + 1}年）")
    title = _text(title, "title", "请填写计划名称")
    if SupervisionPlan.objects.filter(agency=agency, year=year).exists():
        kit.refuse("year", f"{agency.name}已有{year}年度监督计划")
    plan = SupervisionPlan.objects.create(agency=agency, year=year, title=title)
    kit.record(
        plan,
        "supervision.plan.create",
        actor=actor,
        payload={"year": year, "title": title, "milestones": milestones},
    )
    if milestones:
        targets = default_targets(agency)
        for m in MILESTONES:
            task = PlanTask.objects.create(
                plan=plan,
                title=m.title,
                kind=m.kind,
                owner=agency.name,
                due=clocks.on_clock(date(year, m.month, m.day)),
                source=m.source,
                milestone=m.key,
            )
            if not m.own:
                task.targets.set(targets)
        kit.record(plan, "supervision.plan.milestones", actor=actor, payload={"tasks": len(MILESTONES)})
    return plan


def agencies_by_id(ids: Iterable[int]) -> list[Agency]:
    """The agencies of `ids` (the API's and the forms' target lists), refusing an unknown id."""
    wanted = list(dict.fromkeys(ids))
    found = {a.pk: a for a in Agency.objects.filter(pk__in=wanted)}
    missing = [str(i) for i in wanted if i not in found]
    if missing:
        kit.refuse("targets", f"报送单位不存在（编号：{'、'.join(missing)}）")
    return [found[i] for i in wanted]


@transaction.atomic
def task_add(
    *,
    actor: kit.Actor,
    plan: SupervisionPlan,
    title: str,
    kind: str,
    owner: str,
    due: date | None,
    targets: Iterable[Agency] = (),
    source: str = "",
) -> PlanTask:
    plan = kit.locked(
        SupervisionPlan.objects.select_related("agency__region"), plan, actor=actor, perm=MANAGE_PLAN
    )
    PLAN.require(plan, "add-task")
    title = _text(title, "title", "请填写任务内容")
    if kind not in TaskKind.values:
        kit.refuse("kind", "请选择监督类别（日常监督、重点监督或专项监督）")
    owner = _text(owner, "owner", "请填写责任人或责任科室")
    due = _not_past(due, "due", "完成期限")
    if due.year != plan.year:
        kit.refuse("due", f"完成期限应在计划年度（{plan.year}年）内")
    targets = list(targets)
    for agency in targets:
        if not agency.active or not agency.region.path.startswith(plan.agency.region.path):
            kit.refuse("targets", f"{agency.name}不是本机关辖区内的有效机关，不能作为报送单位")
    task = PlanTask.objects.create(
        plan=plan, title=title, kind=kind, owner=owner, due=due, source=source.strip()
    )
    task.targets.set(targets)
    entries = _distribute(task) if plan.status == PlanStatus.PUBLISHED else 0
    kit.record(
        plan,
        "supervision.plan.task_add",
        actor=actor,
        payload={"task": task.pk, "title": title, "kind": kind, "due": due.isoformat(), "entries": entries},
    )
    return task


def _distribute(task: PlanTask) -> int:
    """The task's ledger entries: one per target, or the plan's own agency when it names none."""
    agencies = list(task.targets.all()) or [task.plan.agency]
    LedgerEntry.objects.bulk_create([LedgerEntry(task=task, agency=a, due=task.due) for a in agencies])
    return len(agencies)


@transaction.atomic
def plan_publish(*, actor: kit.Actor, plan: SupervisionPlan) -> SupervisionPlan:
    plan = kit.locked(SupervisionPlan.objects.select_related("agency"), plan, actor=actor, perm=MANAGE_PLAN)
    PLAN.require(plan, "publish")
    if not plan.tasks.filter(kind=TaskKind.SPECIAL).exists():
        kit.refuse(
            "tasks",
            "监督计划中没有专项监督任务，不能印发：上级行政执法机关每年至少组织开展一次专项监督"
            "（《广东省提升行政执法质量三年行动实施计划》(十四)），请先添加专项监督任务",
        )
    entries = sum(_distribute(task) for task in plan.tasks.select_related("plan__agency"))
    plan.published_on = timezone.localdate()
    PLAN.move(plan, "publish", actor=actor, fields=("published_on",), payload={"entries": entries})
    return plan


# ---- 工作台账 ----------------------------------------------------------------------------------------


def _check_attachment(attachment: File | None) -> str:
    if attachment is None:
        return ""
    name = PurePath(attachment.name or "").name
    if not name.lower().endswith(ATTACHMENT_SUFFIXES):
        kit.refuse(
            "attachment", f"附件“{name}”的格式不支持，可上传：{'、'.join(s[1:] for s in ATTACHMENT_SUFFIXES)}"
        )
    if not attachment.size:
        kit.refuse("attachment", f"附件“{name}”是空文件")
    if attachment.size > ATTACHMENT_MAX_BYTES:
        kit.refuse("attachment", f"附件“{name}”超过{ATTACHMENT_MAX_BYTES // 1024 // 1024}MB")
    return name


@transaction.atomic
def ledger_report(
    *, actor: kit.Actor, entry: LedgerEntry, text: str, attachment: File | None = None
) -> LedgerReport:
    entry = kit.locked(
        LedgerEntry.objects.select_related("agency", "task__plan"), entry, actor=actor, perm=REPORT_LEDGER
    )
    if not access.is_system(actor) and actor.agency_id != entry.agency_id:
        kit.refuse(
            "agency",
            f"{actor.agency.name if actor.agency else '您的机关'}不是该任务的报送单位，应由{entry.agency.name}报送",
        )
    LEDGER.require(entry, "report")
    text = _text(text, "text", "请填写报送内容")
    name = _check_attachment(attachment)
    today = timezone.localdate()
    report = LedgerReport(entry=entry, text=text, reported_by=actor, reported_on=today, attachment_name=name)
    if attachment is not None:
        report.attachment.save(name, attachment, save=False)
    report.save()
    first = entry.reported_on is None
    if first:
        entry.reported_on = today
    LEDGER.move(
        entry,
        "report",
        actor=actor,
        fields=("reported_on",),
        payload={"report": report.pk, "first": first, "late": today > entry.due, "attachment": name},
    )
    return report


# ---- 督办 --------------------------------------------------------------------------------------------


def superior_of(agency: Agency) -> Agency | None:
    """The agency's superior department: its 业务主管部门 when entered (`Agency.superior_department`, if
    still active); else, by name, the active agency of the same kind and the same field in the parent
    region, named as the parent region plus the same `system_suffix` (东湖区市场监督管理局 → 江州市市场监督管理局).
    None when there is none."""
    if agency.superior_department_id:
        superior = Agency.objects.filter(pk=agency.superior_department_id, active=True).first()
        return superior
    parent = agency.region.parent
    if parent is None or not (suffix := agency.system_suffix):
        return None
    return Agency.objects.filter(
        region=parent, name=parent.name + suffix, kind=agency.kind, active=True
    ).first()


def justice_bureau_over(agency: Agency) -> Agency | None:
    """The justice bureau of the agency's region or the nearest region above it."""
    codes = [code for code in agency.region.path.split("/") if code]
    bureaus = {
        a.region.code: a
        for a in Agency.objects.filter(
            kind=AgencyKind.JUSTICE, active=True, region__code__in=codes
        ).select_related("region")
    }
    return next((bureaus[code] for code in reversed(codes) if code in bureaus), None)


@transaction.atomic
def oversight_open(
    *,
    actor: kit.Actor,
    title: str,
    ground: str,
    description: str,
    agency: Agency | None = None,
    case=None,
    due: date | None = None,
) -> Oversight:
    if case is not None:
        access.require(actor, "cases.view_case", case)
        agency = case.agency
        if Oversight.objects.filter(case=case).exclude(status=OversightStatus.CLOSED).exists():
            kit.refuse("case", f"案件{case.number or case.summary}已在督办中，不能重复督办")
    if agency is None:
        kit.refuse("agency", "请选择被督办机关")
    access.require_for_agency(actor, MANAGE_OVERSIGHT, agency, f"您无权督办{agency.name}")
    supervisor_agency = justice_bureau_over(agency) if access.is_system(actor) else actor.agency
    if supervisor_agency is None:
        kit.refuse("agency", f"{agency.name}所在区划没有司法行政机关，无法督办")
    if supervisor_agency.pk == agency.pk:
        kit.refuse("agency", "不能督办本机关")
    title = _text(title, "title", "请填写督办事项")
    if ground not in OversightGround.values:
        kit.refuse("ground", "请选择督办情形（有重大社会影响、反复发生或造成严重后果）")
    description = _text(description, "description", "请填写督办要求")
    opened = timezone.localdate()
    # a computed deadline keeps its working days, so a calendar change moves it; a typed one never moves
    due_workdays = clocks.oversight_workdays(agency.region) if due is None else None
    due = (
        clocks.default_oversight_due(opened, agency.region)
        if due is None
        else _not_past(due, "due", "办理期限")
    )
    oversight = Oversight.objects.create(
        agency=agency,
        superior=superior_of(agency),
        supervisor_agency=supervisor_agency,
        case=case,
        title=title,
        ground=ground,
        description=description,
        due=due,
        due_workdays=due_workdays,
        opened_on=opened,
    )
    kit.record(
        oversight,
        "supervision.oversight.open",
        actor=actor,
        payload={
            "status": oversight.status,
            "title": title,
            "ground": ground,
            "due": due.isoformat(),
            "case": case.pk if case is not None else None,
        },
    )
    return oversight


def _locked_oversight(oversight: Oversight, actor: kit.Actor, perm: str, action: str) -> Oversight:
    oversight = kit.locked(Oversight.objects.select_related("agency"), oversight, actor=actor, perm=perm)
    OVERSIGHT.require(oversight, action)
    return oversight


@transaction.atomic
def oversight_report(*, actor: kit.Actor, oversight: Oversight, text: str) -> OversightReport:
    oversight = _locked_oversight(oversight, actor, REPORT_OVERSIGHT, "report")
    _own_agency(actor, oversight.agency, "agency", f"督办进展由被督办机关{oversight.agency.name}报告")
    text = _text(text, "text", "请填写进展情况")
    report = OversightReport.objects.create(
        oversight=oversight, text=text, reported_by=actor, reported_on=timezone.localdate()
    )
    kit.record(oversight, "supervision.oversight.report", actor=actor, payload={"report": report.pk})
    return report


@transaction.atomic
def oversight_extend(
    *, actor: kit.Actor, oversight: Oversight, new_due: date | None, reason: str
) -> OversightExtension:
    oversight = _locked_oversight(oversight, actor, MANAGE_OVERSIGHT, "extend")
    reason = _text(reason, "reason", "延期须说明理由")
    new_due = _not_past(new_due, "new_due", "延长后的期限")
    if new_due <= oversight.due:
        kit.refuse("new_due", f"延长后的期限应晚于原期限{day_text(oversight.due)}")
    extension = OversightExtension.objects.create(
        oversight=oversight, old_due=oversight.due, new_due=new_due, reason=reason, granted_by=actor
    )
    old = oversight.due
    oversight.due, oversight.due_workdays = new_due, None  # an extension is a typed date: never moved
    oversight.save(update_fields=["due", "due_workdays", "updated_at"])
    kit.record(
        oversight,
        "supervision.oversight.extend",
        actor=actor,
        payload={"from": old.isoformat(), "to": new_due.isoformat(), "reason": reason},
    )
    return extension


@transaction.atomic
def oversight_escalate(*, actor: kit.Actor, oversight: Oversight, reason: str) -> Oversight:
    oversight = _locked_oversight(oversight, actor, MANAGE_OVERSIGHT, "escalate")
    oversight.escalation_reason = _text(reason, "reason", "提级督办须说明理由")
    OVERSIGHT.move(
        oversight,
        "escalate",
        actor=actor,
        fields=("escalation_reason",),
        payload={"reason": oversight.escalation_reason},
    )
    return oversight


@transaction.atomic
def oversight_close(*, actor: kit.Actor, oversight: Oversight, conclusion: str) -> Oversight:
    oversight = _locked_oversight(oversight, actor, MANAGE_OVERSIGHT, "close")
    oversight.conclusion = _text(conclusion, "conclusion", "请填写办结意见")
    oversight.closed_on = timezone.localdate()
    OVERSIGHT.move(
        oversight,
        "close",
        actor=actor,
        fields=("conclusion", "closed_on"),
        payload={"late": oversight.closed_on > oversight.due},
    )
    return oversight
