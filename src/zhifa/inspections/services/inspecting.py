"""检查: start (a task's part, or an unplanned inspection under an approved 事前报备; the guard runs) and
finish with one of the four results (发现问题已立案 opens a case). Both are enforcement acts: the person
acting must be an officer certified for the inspection's fields that day (registry.selectors.require_acting). The 公示 of the result belongs to
publicity, which drafts it from the "inspection.result_recorded" event (its clock, its reminder)."""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhifa.cases.choices import CaseSource, PartyKind
from zhifa.cases.services import IntakeInput, PartyInput, case_intake
from zhifa.catalog import selectors as catalog
from zhifa.core import access, events, kit
from zhifa.core.kit import Actor, Person
from zhifa.core.models import Agency
from zhifa.registry.selectors import acting_refusal, require_acting

from ..choices import InspectionResult, LenientKind, ReportStatus, SubjectKind, TaskStatus
from ..models import Inspection, LenientEntry, PriorReport, Subject, Task
from .enterprise import guard_check
from .perms import INSPECT


def _task_items(task: Task, agency: Agency) -> tuple[list[str], list[str]]:
    items = list(task.plan.items.filter(agency=agency).values_list("item_code", "item_name"))
    if not items:
        kit.refuse("agency", f"{agency.name}不是该检查任务的参与部门")
    return [code for code, _ in items], [name for _, name in items]


START, FINISH = "开始检查", "录入检查结果"  # the acts a certified officer takes (issue 20)


def inspection_fields(agency: Agency, task: Task | None, codes: list[str], on: date) -> list[str]:
    """The 执法领域 of an inspection: of its plan's items for the department, or of its catalogue items."""
    if task is not None:
        return list(task.plan.items.filter(agency=agency).values_list("field_id", flat=True))
    version = catalog.version_in_force(agency, on)
    if version is None or not codes:
        return []
    return list(version.items.filter(code__in=codes).values_list("field_id", flat=True))


def inspection_refusal(
    user, agency: Agency, *, task: Task | None = None, codes=(), on: date | None = None, act: str = START
) -> str | None:
    """Why `user` may not take `act` on an inspection of `agency` (its `task`, or its items `codes`; with
    neither, in any field) on `on` — for the pages, which offer the buttons only when it is None."""
    on = on or timezone.localdate()
    return acting_refusal(user, inspection_fields(agency, task, list(codes), on), on=on, act=act)


def _report_items(report: PriorReport | None, agency: Agency, subject: Subject, on: date):
    if report is None or report.status != ReportStatus.APPROVED:
        kit.refuse("prior_report", "对企业开展计划外检查，须在检查前事前报备并经批准")
    if report.agency_id != agency.pk or report.subject_id != subject.pk:
        kit.refuse("prior_report", "该报备不是本机关对该检查对象的报备")
    if report.decided_on and report.decided_on > on:
        kit.refuse("prior_report", "报备须在检查开始前批准")
    if Inspection.objects.filter(prior_report=report).exists():
        kit.refuse("prior_report", "该报备已用于一次检查，请重新报备")
    version = catalog.version_in_force(agency, on)
    names = (
        dict(version.items.filter(code__in=report.item_codes).values_list("code", "name")) if version else {}
    )
    return list(report.item_codes), [names.get(code, code) for code in report.item_codes]


@transaction.atomic
def inspection_start(
    *,
    actor: Person,
    agency: Agency,
    subject: Subject | None = None,
    task: Task | None = None,
    prior_report: PriorReport | None = None,
    on: date | None = None,
    guard_reason: str = "",
    via_qr: bool = False,
) -> Inspection:
    """开始检查. A repeated inspection of an enterprise is stopped unless a reason is given."""
    on = on or timezone.localdate()
    access.require_for_agency(actor, INSPECT, agency, "您无权以该机关名义实施检查")
    report = None
    if task is not None:
        task = kit.locked(Task.objects.select_related("plan", "subject"), task, actor=actor)
        if task.status == TaskStatus.DONE:
            kit.refuse("task", "该检查任务已完成")
        if Inspection.objects.filter(task=task, agency=agency).exists():
            kit.refuse("task", "本部门已开始该任务的检查")
        subject = task.subject
        codes, names = _task_items(task, agency)
    elif subject is None:
        kit.refuse("subject", "请选择检查对象")
    elif subject.is_enterprise:
        report = prior_report
        codes, names = _report_items(report, agency, subject, on)
    else:
        codes, names = (list(prior_report.item_codes), []) if prior_report else ([], [])
    require_acting(actor, inspection_fields(agency, task, codes, on), on=on, act=START)
    outcome = guard_check(subject=subject, on=on, exclude_task=task)
    if outcome.blocks and not guard_reason.strip():
        kit.refuse("guard_reason", outcome.message())
    longest = Inspection._meta.get_field("guard_reason").max_length
    assert longest is not None  # a CharField's
    if outcome.blocks and len(guard_reason.strip()) > longest:
        kit.refuse("guard_reason", f"“重复检查理由”最多{longest}个字符")
    inspection = Inspection.objects.create(
        agency=agency,
        subject=subject,
        subject_code=subject.code,
        task=task,
        prior_report=report,
        item_codes=codes,
        item_names=names,
        started_on=on,
        started_by=actor,
        via_qr=via_qr,
        guard_reason=guard_reason.strip() if outcome.blocks else "",
    )
    if task is not None and task.status == TaskStatus.OPEN:
        task.status = TaskStatus.IN_PROGRESS
        task.save(update_fields=["status"])
    kit.record(
        inspection,
        "inspections.inspection_start",
        actor=actor,
        payload={
            "subject": subject.code,
            "task": task.pk if task else None,
            "prior_report": report.pk if report else None,
            "via_qr": via_qr,
            "guard_warnings": outcome.warnings,
            "guard_reason": inspection.guard_reason,
        },
    )
    return inspection


def lenient_reasons(inspection: Inspection, on: date) -> list[str]:
    """The 包容审慎 entries covering this finding: the subject's 观察期, items on the 免罚清单."""
    active = (
        LenientEntry.objects.filter(agency=inspection.agency, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
    )
    reasons = []
    if active.filter(kind=LenientKind.OBSERVATION, subject__code=inspection.subject_code).exists():
        reasons.append("检查对象处于观察期")
    exempt = set(active.filter(kind=LenientKind.NO_PENALTY).values_list("item_code", flat=True))
    if inspection.item_codes and set(inspection.item_codes) <= exempt:
        reasons.append("检查事项在免罚清单内")
    return reasons


def _open_case(actor: Actor, inspection: Inspection, summary: str, on: date):
    subject = inspection.subject
    person = subject.kind == SubjectKind.PERSON
    party = PartyInput(
        kind=PartyKind.PERSON if person else PartyKind.ORGANISATION,
        name=subject.name,
        credit_code="" if person else subject.credit_code,
        address=subject.address,
    )
    data = IntakeInput(
        source=CaseSource.INSPECTION,
        summary=summary[:200],
        discovered_on=on,
        place=subject.address or subject.name,
        item_codes=tuple(inspection.item_codes),
        party=party,
        facts=summary,
    )
    return case_intake(actor=actor, agency=inspection.agency, data=data)


@transaction.atomic
def inspection_finish(
    *,
    actor: Actor,
    inspection: Inspection,
    result: str,
    summary: str,
    on: date | None = None,
    lenient_reason: str = "",
) -> Inspection:
    """录入检查结果: feeds the subject's 信用档案 and is announced to the sibling apps (publicity drafts
    the disclosure, due within publicity.clocks.OTHER_WORKDAYS of `on`)."""
    on = on or timezone.localdate()
    inspection = kit.locked(
        Inspection.objects.select_related("agency", "subject"), inspection, actor=actor, perm=INSPECT
    )
    if inspection.result:
        kit.refuse("result", "该检查已录入结果")
    fields = inspection_fields(inspection.agency, inspection.task, inspection.item_codes, on)
    require_acting(actor, fields, on=on, act=FINISH)
    if result not in InspectionResult.values:
        kit.refuse("result", "请选择检查结果")
    if not summary.strip():
        kit.refuse("summary", "请填写检查情况")
    if on < inspection.started_on:
        kit.refuse("on", "结果录入日期不能早于检查日期")
    lenient = (
        lenient_reasons(inspection, on)
        if result in (InspectionResult.RECTIFY, InspectionResult.CASE_OPENED)
        else []
    )
    if result == InspectionResult.CASE_OPENED and lenient and not lenient_reason.strip():
        kit.refuse(
            "result",
            f"{'、'.join(lenient)}，适用包容审慎监管，应责令整改而不立案；确需立案的，请写明理由",
        )
    if result == InspectionResult.CASE_OPENED:
        inspection.case = _open_case(actor, inspection, summary.strip(), on)
    inspection.result, inspection.summary, inspection.finished_on = result, summary.strip(), on
    inspection.lenient_note = "；".join([*lenient, lenient_reason.strip()]).strip("；")
    inspection.save(update_fields=["result", "summary", "finished_on", "lenient_note", "case"])
    _credit_record(inspection)
    _close_task(inspection.task_id)
    kit.record(
        inspection,
        "inspections.inspection_finish",
        actor=actor,
        payload={"result": result, "case": inspection.case_id, "lenient": inspection.lenient_note},
    )
    events.publish(
        "inspection.result_recorded",
        source=inspection,
        agency=inspection.agency,
        actor=actor,
        subject_kind=inspection.subject.kind,
        subject_name=inspection.subject.name,
        credit_code=inspection.subject.credit_code,
        items=list(inspection.item_names),
        result=inspection.get_result_display(),
        inspected_on=inspection.started_on,
        result_on=on,
        summary=inspection.summary,
    )
    return inspection


def _credit_record(inspection: Inspection) -> None:
    """纳入信用档案: one entry per result on every directory entry of the same subject."""
    assert inspection.finished_on is not None  # recorded by inspection_finish before this runs
    entry = {
        "date": inspection.finished_on.isoformat(),
        "agency": inspection.agency.name,
        "result": inspection.get_result_display(),
        "lenient": inspection.lenient_note,
        "inspection": inspection.pk,
    }
    for subject in Subject.objects.select_for_update().filter(code=inspection.subject_code):
        subject.credit_record = [*subject.credit_record, entry]
        subject.save(update_fields=["credit_record", "updated_at"])


def _close_task(task_id: int | None) -> None:
    """A task is done when every participating department has recorded its result."""
    if task_id is None:
        return
    task = Task.objects.select_for_update().get(pk=task_id)
    departments = set(task.plan.items.values_list("agency_id", flat=True))
    finished = set(task.inspections.exclude(result="").values_list("agency_id", flat=True))
    if departments <= finished:
        task.status = TaskStatus.DONE
        task.save(update_fields=["status"])
