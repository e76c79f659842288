"""Every write of 突出问题清单, 整改任务 and the 电子技术监控设备 register: one keyword-only function per user
action, taking the actor. Each locks its row, checks the actor (core.access: the agency on its own rows, the
justice bureau's supervisor on its region's subtree) and, for a task, the transition table
(transitions.MACHINE), refuses with the reason in Chinese beside the field, writes and appends a record in
the same transaction — on a refusal nothing is written."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhifa.cases.models import Case, CaseDocument
from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.supervision import attachments, checks
from zhifa.supervision.actions import services as actions
from zhifa.supervision.actions.choices import ProblemCategory, SupervisionKind, TargetKind
from zhifa.supervision.actions.transitions import SUPERVISE
from zhifa.supervision.attachments import Upload
from zhifa.supervision.models import (
    FollowUp,
    MonitoringDevice,
    Problem,
    ProblemList,
    RectificationTask,
    SupervisionItem,
    TaskFile,
    TaskReport,
)

from . import clocks
from .choices import Category, DeviceStatus, ProblemStatus, ReportKind, Source, TaskStatus
from .transitions import MACHINE, MANAGE_DEVICE, RECORD, RECTIFY, REVIEW

__all__ = ["Upload"]  # the rectification files, checked and stored as the 监督事项's are (attachments)

PROBLEMS = Problem.objects.select_related("agency__region", "problem_list")
TASKS = RectificationTask.objects.select_related("agency__region", "problem")
EARLIEST_YEAR = 2000


# ---- 突出问题清单 ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProblemInput:
    agency: Agency | None
    category: str
    title: str
    description: str
    year: int | None = None
    source: str = ""  # the system only (demo data, lists entered later); a person's is who they are


@transaction.atomic
def problem_record(*, actor: Actor, data: ProblemInput) -> Problem:
    """录入突出问题: the agency into its own list (自查), or the justice bureau's supervisor into the list of
    an agency of its region (监督发现). The agency's list of the year is made with its first problem."""
    agency = data.agency
    if agency is None:
        kit.refuse("agency", "请选择行政执法机关")
    access.require_for_agency(actor, RECORD, agency, f"您无权录入{agency.name}的突出问题")
    if not agency.active:
        kit.refuse("agency", f"{agency.name}已撤销，不能录入突出问题")
    kit.choice(data.category, Category, "category", "问题类别")
    title = checks.required(data.title, "title", "问题名称", 200)
    description = checks.required(data.description, "description", "问题表现")
    today = clocks.today()
    year = data.year or today.year
    if not EARLIEST_YEAR <= year <= today.year + 1:
        kit.refuse("year", f"年度应在{EARLIEST_YEAR}年至{today.year + 1}年之间")
    if actor is None:
        source = data.source or Source.SELF
    else:
        if data.source:
            kit.refuse("source", "来源由录入人决定：本机关录入为自查，司法行政机关录入为监督发现")
        source = Source.SELF if actor.agency_id == agency.pk else Source.SUPERVISION
    problem_list, _ = ProblemList.objects.get_or_create(agency=agency, year=year)
    problem = Problem.objects.create(
        problem_list=problem_list,
        agency=agency,
        category=data.category,
        title=title,
        description=description,
        source=source,
        recorded_by=actor,
    )
    kit.record(
        problem,
        "problem.record",
        actor=actor,
        payload={
            "status": problem.status,
            "year": year,
            "category": problem.category,
            "title": title,
            "source": source,
        },
    )
    return problem


@transaction.atomic
def problem_supervise(*, actor: Actor, problem: Problem, reason: str = "") -> SupervisionItem:
    """一键立项监督 from a problem: a 专项监督 of the problem's agency (supervision.actions.item_open),
    linked to the problem."""
    problem = kit.locked(PROBLEMS, problem, actor=actor, perm=SUPERVISE)
    current = problem.supervision_item
    if current is not None and current.is_open:
        kit.refuse("problem", f"该问题已有办理中的监督事项（{current.title}），请在该事项中处理")
    category = problem.category if problem.category in ProblemCategory.values else ProblemCategory.OTHER
    (item,) = actions.item_open(
        actor=actor,
        data=actions.OpenInput(
            kind=SupervisionKind.SPECIAL,
            target_kind=TargetKind.AGENCY,
            title=f"突出问题专项监督：{problem.title}"[:200],
            agencies=(problem.agency,),
            category=category,
            reason=(reason or "").strip() or problem.description,
            source=problem,
        ),
    )
    problem.supervision_item = item
    problem.save(update_fields=["supervision_item", "updated_at"])
    kit.record(problem, "problem.supervise", actor=actor, payload={"status": problem.status, "item": item.pk})
    return item


# ---- 整改任务 --------------------------------------------------------------------------------------------


@transaction.atomic
def task_assign(
    *, actor: Actor, problem: Problem, measures: str, due_on: date | None = None, on: date | None = None
) -> RectificationTask:
    """下达整改任务 of a problem: the measures and a deadline on the working-day clock (not in the past;
    default clocks.rectify_workdays() working days from today). `on` (the system only: demo data, tasks
    set on paper and entered later) is the day it was set, from which the deadline runs."""
    if on is not None and actor is not None:
        kit.refuse("on", "只有系统补录时可以指定下达日期")
    problem = kit.locked(PROBLEMS, problem, actor=actor, perm=RECORD)
    if problem.status == ProblemStatus.CLOSED:
        kit.refuse("status", "该问题已整改销号，不能再下达整改任务")
    measures = checks.required(measures, "measures", "整改措施")
    today = on or clocks.today()
    due_workdays = None if due_on else clocks.rectify_workdays()  # typed: never moved by the calendar
    due_on = checks.deadline(due_on, "due_on", "整改期限", today) if due_on else clocks.default_due(today)
    status = MACHINE.target("assign")
    assert status is not None  # the table's assign row leads to 整改中
    task = RectificationTask.objects.create(
        problem=problem,
        agency=problem.agency,
        measures=measures,
        due_on=due_on,
        due_from=today,
        due_workdays=due_workdays,
        status=status,
        created_by=actor,
    )
    kit.record(
        task,
        "rectification.assign",
        actor=actor,
        payload={"status": status, "problem": problem.pk, "measures": measures, "due_on": due_on},
    )
    return task


def _report(
    actor: Actor,
    task: RectificationTask,
    kind: str,
    text: str,
    case_ids: Iterable[int],
    document_ids: Iterable[int],
    files: Sequence[Upload],
) -> tuple[TaskReport, dict]:
    if actor is not None and actor.agency_id != task.agency_id:
        raise PermissionDenied("只有整改机关可以报告整改情况")  # a supervisor holding both permissions
    text = checks.required(text, "text", "整改情况")
    owner = task.agency.name
    cases = checks.linked(Case, case_ids, "agency_id", task.agency_id, owner, "cases", "案件")
    documents = checks.linked(
        CaseDocument, document_ids, "case__agency_id", task.agency_id, owner, "documents", "文书"
    )
    checked = attachments.check_files(files)
    report = TaskReport.objects.create(task=task, kind=kind, text=text, submitted_by=actor)
    report.cases.set(cases)
    report.documents.set(documents)
    stored = attachments.store_files(checked, TaskFile, report=report)
    payload = {
        "report": report.pk,
        "text": text,
        "cases": [c.pk for c in cases],
        "documents": [d.pk for d in documents],
        "files": stored,
    }
    return report, payload


@transaction.atomic
def task_report(
    *,
    actor: Actor,
    task: RectificationTask,
    text: str,
    case_ids: Iterable[int] = (),
    document_ids: Iterable[int] = (),
    files: Sequence[Upload] = (),
) -> TaskReport:
    """报告整改进展, with evidence (the agency's cases and documents, files) — the task stays 整改中."""
    task = kit.locked(TASKS, task, actor=actor, perm=RECTIFY)
    MACHINE.require(task, "report")
    report, payload = _report(actor, task, ReportKind.PROGRESS, text, case_ids, document_ids, files)
    kit.record(task, "rectification.report", actor=actor, payload={"status": task.status, **payload})
    return report


@transaction.atomic
def task_submit(
    *,
    actor: Actor,
    task: RectificationTask,
    text: str,
    case_ids: Iterable[int] = (),
    document_ids: Iterable[int] = (),
    files: Sequence[Upload] = (),
) -> TaskReport:
    """报告整改完成: the task waits for the supervisor's 回头看."""
    task = kit.locked(TASKS, task, actor=actor, perm=RECTIFY)
    MACHINE.require(task, "submit")
    report, payload = _report(actor, task, ReportKind.COMPLETION, text, case_ids, document_ids, files)
    MACHINE.move(task, "submit", actor=actor, payload=payload)
    return report


@transaction.atomic
def follow_up_pass(*, actor: Actor, task: RectificationTask, note: str = "") -> FollowUp:
    """回头看通过: the task is closed (销号); the problem is closed once every task of it is."""
    task = kit.locked(TASKS, task, actor=actor, perm=REVIEW)
    MACHINE.require(task, "pass")
    note = (note or "").strip() or "整改到位"
    review = FollowUp.objects.create(task=task, passed=True, note=note, reviewed_by=actor)
    task.closed_at = timezone.now()
    MACHINE.move(
        task, "pass", actor=actor, fields=("closed_at",), payload={"follow_up": review.pk, "note": note}
    )
    problem = Problem.objects.select_for_update().get(pk=task.problem_id)
    if not problem.tasks.exclude(status=TaskStatus.CLOSED).exists():
        problem.closed_at = timezone.now()
        kit.move(
            problem,
            ProblemStatus.CLOSED,
            actor=actor,
            action="problem.close",
            fields=("closed_at",),
            payload={"task": task.pk},
        )
    return review


@transaction.atomic
def follow_up_fail(
    *, actor: Actor, task: RectificationTask, note: str, due_on: date | None = None
) -> FollowUp:
    """回头看未通过: back to 整改中 with the reason; with a new deadline when given, else the old one while it
    has not passed, else the default period from today."""
    task = kit.locked(TASKS, task, actor=actor, perm=REVIEW)
    MACHINE.require(task, "fail")
    note = checks.required(note, "note", "回头看意见（未通过的理由）")
    today = clocks.today()
    if due_on:  # typed: never moved by a calendar change
        new_due = checks.deadline(due_on, "due_on", "新的整改期限", today)
        task.due_from, task.due_workdays = today, None
    elif task.due_on < today:  # the default period again, from today (kept while the old one runs)
        task.due_from, task.due_workdays = today, clocks.rectify_workdays()
        new_due = clocks.default_due(today)
    else:
        new_due = task.due_on
    review = FollowUp.objects.create(
        task=task, passed=False, note=note, new_due_on=new_due, reviewed_by=actor
    )
    task.due_on = new_due
    MACHINE.move(
        task,
        "fail",
        actor=actor,
        fields=("due_on", "due_from", "due_workdays"),
        payload={"follow_up": review.pk, "note": note, "due_on": new_due},
    )
    return review


# ---- 电子技术监控设备 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeviceInput:
    name: str
    location: str
    legal_basis: str
    purpose: str = ""
    approval_authority: str = ""
    approval_number: str = ""
    approved_on: date | None = None
    published: bool = False
    status: str = DeviceStatus.IN_USE
    note: str = ""


def _device_values(data: DeviceInput) -> dict:
    values: dict[str, Any] = {
        "name": checks.required(data.name, "name", "设备名称", 200),
        "location": checks.required(data.location, "location", "设置地点", 300),
        "legal_basis": checks.required(data.legal_basis, "legal_basis", "设置依据"),
        "purpose": (data.purpose or "").strip(),
        "approval_authority": (data.approval_authority or "").strip(),
        "approval_number": (data.approval_number or "").strip(),
        "approved_on": data.approved_on,
        "published": bool(data.published),
        "status": data.status,
        "note": (data.note or "").strip(),
    }
    for name, label, limit in (
        ("purpose", "监控的违法行为", 300),
        ("approval_authority", "批准机关", 200),
        ("approval_number", "批准文号", 100),
    ):
        if len(str(values[name])) > limit:
            kit.refuse(name, f"{label}最多{limit}个字")
    kit.choice(data.status, DeviceStatus, "status", "设备状态")
    if data.approved_on and data.approved_on > clocks.today():
        kit.refuse("approved_on", f"批准日期（{data.approved_on:%Y-%m-%d}）不能晚于今天")
    if data.approved_on and not values["approval_authority"]:
        kit.refuse("approval_authority", "填写了批准日期，请同时填写批准机关")
    return values


@transaction.atomic
def device_register(*, actor: Actor, agency: Agency | None, data: DeviceInput) -> MonitoringDevice:
    """登记电子技术监控设备 of the actor's agency (the system: of any)."""
    if agency is None:
        kit.refuse("agency", "请选择设置机关")
    access.require_for_agency(actor, MANAGE_DEVICE, agency, f"您无权登记{agency.name}的电子技术监控设备")
    values = _device_values(data)
    device = MonitoringDevice.objects.create(agency=agency, registered_by=actor, **values)
    kit.record(device, "monitoring_device.register", actor=actor, payload=values)
    return device


@transaction.atomic
def device_update(*, actor: Actor, device: MonitoringDevice, data: DeviceInput) -> MonitoringDevice:
    """更新设备信息 (清理、停用、公布…): the changed fields are recorded with their old and new values."""
    device = kit.locked(
        MonitoringDevice.objects.select_related("agency"), device, actor=actor, perm=MANAGE_DEVICE
    )
    values = _device_values(data)
    changed = kit.changes(device, values)
    if not changed:
        return device
    for name, value in values.items():
        setattr(device, name, value)
    device.save(update_fields=[*values, "updated_at"])
    kit.record(
        device, "monitoring_device.update", actor=actor, payload={"status": device.status, "changed": changed}
    )
    return device


DEVICE_FIELDS = tuple(f.name for f in fields(DeviceInput))
