"""The sources of 监督事项 that modules before 执法监督 own (they cannot import it, so it registers them):
a case, a record of the log (an entry of a case's 全过程记录, or of any other chain), an inspection (检查
结果) and a 双随机 task (检查任务, supervised in its plan's 牵头机关).
Modules after it register their own from their wiring (the 突出问题 and the 评查 file do)."""

from datetime import date

from django.urls import reverse

from zhifa.cases.models import Case
from zhifa.core import selectors as core_selectors
from zhifa.core.models import Record
from zhifa.core.record_labels import subject_label
from zhifa.inspections.models import Inspection, Task

from . import sources

CASE_TYPE = Case._meta.label_lower


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def case_title(case: Case) -> str:
    return f"案件{case.number or case.pk}（{case.summary}）"


def _record_case(record: Record) -> Case | None:
    """The case a record is of (its subject), else None."""
    if record.subject_type != CASE_TYPE:
        return None
    return Case.objects.select_related("agency__region").filter(pk=record.subject_id).first()


def record_title(record: Record) -> str:
    """案件江东市监立〔2026〕3号的执法记录“立案”（第12条）."""
    case = _record_case(record)
    subject = (
        f"案件{case.number or case.pk}"
        if case is not None
        else f"{subject_label(record.subject_type)}{record.subject_id}"
    )
    return f"{subject}的执法记录“{record.action_label}”（第{record.seq}条）"


def inspection_title(inspection: Inspection) -> str:
    """对象名称的行政检查（2026年3月5日）."""
    return f"{inspection.subject.name}的行政检查（{_day(inspection.started_on)}）"


def task_title(task: Task) -> str:
    """检查任务：对象名称（计划名称）."""
    return f"检查任务：{task.subject.name}（{task.plan.title}）"


def register() -> None:
    sources.register(
        Case,
        key="case",
        label="案件",
        agency_of=lambda case: case.agency,
        url_of=lambda case: reverse("cases:case_detail", args=[case.pk]),
        title_of=case_title,
        case_of=lambda case: case,
        queryset=lambda: Case.objects.select_related("agency__region"),
    )
    sources.register(
        Record,
        key="record",
        label="执法记录",
        agency_of=lambda record: record.agency,
        url_of=lambda record: reverse("core:record_detail", args=[record.pk]),
        title_of=record_title,
        case_of=_record_case,
        visible=core_selectors.record_visible,
        queryset=lambda: Record.objects.select_related("agency__region"),
    )
    sources.register(
        Inspection,
        key="inspection",
        label="行政检查",
        agency_of=lambda inspection: inspection.agency,
        url_of=lambda inspection: reverse("inspections:inspection_detail", args=[inspection.pk]),
        title_of=inspection_title,
        queryset=lambda: Inspection.objects.select_related("agency__region", "subject"),
    )
    sources.register(
        Task,
        key="task",
        label="双随机检查任务",
        agency_of=lambda task: task.plan.agency,  # the plan's 牵头机关
        url_of=lambda task: reverse("inspections:task_detail", args=[task.pk]),
        title_of=task_title,
        queryset=lambda: Task.objects.select_related("plan__agency__region", "subject"),
    )
