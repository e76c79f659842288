"""/api/supervision/ 突出问题清单、整改任务 and 电子技术监控设备: the lists the caller may see, one problem,
task or device, and one POST per action. Thin: schemas only parse; reads through selectors, writes through
services (which check the actor and the rules). Another agency's row is a 404, an action the user may not
take a 403, a refusal a 422 keyed by field with the reason in Chinese. Rectification files travel as base64
(`supervision.attachments`, as the 监督事项's do)."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http.response import HttpResponseBase
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core import access
from zhifa.core.params import Id, Year
from zhifa.core.selectors import chosen_agency
from zhifa.supervision.attachments import FileIn, FileOut, uploads_of_api

from . import export, selectors, services
from .transitions import MACHINE, MANAGE_DEVICE, RECORD, RECTIFY, REVIEW, is_overdue

router = Router(tags=["执法监督"])


class ProblemOut(Schema):
    id: int
    agency_id: int
    agency_name: str
    year: int
    category: str
    category_label: str
    title: str
    description: str
    source: str
    source_label: str
    status: str
    status_label: str
    supervision_item_id: int | None
    recorded_at: datetime
    closed_at: datetime | None

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.problem_list.year

    @staticmethod
    def resolve_category_label(obj) -> str:
        return obj.get_category_display()

    @staticmethod
    def resolve_source_label(obj) -> str:
        return obj.get_source_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class ReportOut(Schema):
    id: int
    kind: str
    text: str
    case_ids: list[int]
    document_ids: list[int]
    files: list[FileOut]
    submitted_at: datetime

    @staticmethod
    def resolve_case_ids(obj) -> list[int]:
        return [c.pk for c in obj.cases.all()]

    @staticmethod
    def resolve_document_ids(obj) -> list[int]:
        return [d.pk for d in obj.documents.all()]

    @staticmethod
    def resolve_files(obj) -> list:
        return list(obj.files.all())


class FollowUpOut(Schema):
    id: int
    passed: bool
    note: str
    new_due_on: date | None
    reviewed_at: datetime


class TaskOut(Schema):
    id: int
    problem_id: int
    agency_id: int
    measures: str
    due_on: date
    status: str
    status_label: str
    overdue: bool
    created_at: datetime
    closed_at: datetime | None

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return is_overdue(obj)


class TaskDetailOut(TaskOut):
    reports: list[ReportOut]
    follow_ups: list[FollowUpOut]
    actions: list[str]

    @staticmethod
    def resolve_reports(obj) -> list:
        return list(obj.reports.prefetch_related("cases", "documents", "files"))

    @staticmethod
    def resolve_follow_ups(obj) -> list:
        return list(obj.follow_ups.all())

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        user = context["request"].auth
        perms = {perm for perm in (RECTIFY, REVIEW) if access.can(user, perm, obj)}
        offered = MACHINE.offered(obj, perms)
        return [a for a in offered if MACHINE.first(a).perm != RECTIFY or user.agency_id == obj.agency_id]


class ProblemDetailOut(ProblemOut):
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj) -> list:
        return list(obj.tasks.order_by("created_at", "id"))


class ProblemIn(Schema):
    agency_id: Id
    category: str
    title: str = Field(title="问题名称")
    description: str = Field(title="问题表现")
    year: Year | None = None


class SuperviseIn(Schema):
    reason: str = Field("", title="监督事由")


class TaskIn(Schema):
    measures: str = Field(title="整改措施")
    due_on: date | None = None


class ReportIn(Schema):
    text: str = Field(title="整改情况")
    case_ids: list[Id] = []
    document_ids: list[Id] = []
    files: list[FileIn] = []


class PassIn(Schema):
    note: str = Field("", title="回头看意见")


class FailIn(Schema):
    note: str = Field(title="回头看意见（未通过的理由）")
    due_on: date | None = None


class DeviceIn(Schema):
    name: str = Field(title="设备名称")
    location: str = Field(title="设置地点")
    legal_basis: str = Field(title="设置依据")
    purpose: str = Field("", title="监控的违法行为")
    approval_authority: str = Field("", title="批准机关")
    approval_number: str = Field("", title="批准文号")
    approved_on: date | None = None
    published: bool = False
    status: str = "in_use"
    note: str = Field("", title="备注")


class DeviceNewIn(DeviceIn):
    agency_id: Id


class DeviceOut(Schema):
    id: int
    agency_id: int
    agency_name: str
    name: str
    location: str
    purpose: str
    legal_basis: str
    approval_authority: str
    approval_number: str
    approved_on: date | None
    published: bool
    status: str
    status_label: str
    note: str
    updated_at: datetime

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class DeviceSummaryOut(Schema):
    agency_id: int
    agency_name: str
    total: int
    in_use: int
    stopped: int
    cleared: int
    unpublished: int
    unapproved: int


# ---- 突出问题 ---------------------------------------------------------------------------------------------


@router.get("/problems", response=list[ProblemOut], summary="突出问题清单")
@paginate
def problem_list(
    request,
    q: str = "",
    category: str = "",
    status: str = "",
    source: str = "",
    agency_id: Id | None = None,
    year: Year | None = None,
    overdue: bool = False,
    sort: Annotated[str, selectors.PROBLEM_SORTS] = "",
):
    filters = selectors.ProblemFilters(
        q=q,
        category=category,
        status=status,
        source=source,
        agency=agency_id,
        year=year,
        overdue=overdue,
        sort=sort,
    )
    return selectors.problems_visible_to(request.auth, filters)


@router.get("/problems/export", summary="导出突出问题清单（Excel，与列表相同的筛选）")
def problem_export(
    request,
    q: str = "",
    category: str = "",
    status: str = "",
    source: str = "",
    agency_id: Id | None = None,
    year: Year | None = None,
    overdue: bool = False,
    sort: Annotated[str, selectors.PROBLEM_SORTS] = "",
) -> HttpResponseBase:
    filters = selectors.ProblemFilters(
        q=q,
        category=category,
        status=status,
        source=source,
        agency=agency_id,
        year=year,
        overdue=overdue,
        sort=sort,
    )
    return export.problem_list_xlsx(request.auth, filters)


@router.get("/problems/{int:problem_id}", response=ProblemDetailOut, summary="突出问题详情")
def problem_detail(request, problem_id: int):
    return selectors.get_problem(request.auth, problem_id)


@router.post("/problems", response={201: ProblemDetailOut}, summary="录入突出问题（自查或监督发现）")
def problem_record(request, data: ProblemIn):
    agency = chosen_agency(request.auth, data.agency_id, field="agency", perm=RECORD)
    problem = services.problem_record(
        actor=request.auth,
        data=services.ProblemInput(
            agency=agency,
            category=data.category,
            title=data.title,
            description=data.description,
            year=data.year,
        ),
    )
    return Status(201, selectors.get_problem(request.auth, problem.pk))


@router.post(
    "/problems/{int:problem_id}/supervise", response={201: dict[str, int]}, summary="对突出问题立项监督"
)
def problem_supervise(request, problem_id: int, data: SuperviseIn):
    problem = selectors.get_problem(request.auth, problem_id)
    item = services.problem_supervise(actor=request.auth, problem=problem, reason=data.reason)
    return Status(201, {"item_id": item.pk})


@router.post("/problems/{int:problem_id}/tasks", response={201: TaskDetailOut}, summary="下达整改任务")
def task_assign(request, problem_id: int, data: TaskIn):
    problem = selectors.get_problem(request.auth, problem_id)
    task = services.task_assign(
        actor=request.auth, problem=problem, measures=data.measures, due_on=data.due_on
    )
    return Status(201, selectors.get_task(request.auth, task.pk))


# ---- 整改任务 --------------------------------------------------------------------------------------------


@router.get("/rectifications/{int:task_id}", response=TaskDetailOut, summary="整改任务详情")
def task_detail(request, task_id: int):
    return selectors.get_task(request.auth, task_id)


def _report_kwargs(data: ReportIn) -> dict:
    return {
        "text": data.text,
        "case_ids": data.case_ids,
        "document_ids": data.document_ids,
        "files": uploads_of_api(data.files),
    }


@router.post("/rectifications/{int:task_id}/report", response=TaskDetailOut, summary="报告整改进展")
def task_report(request, task_id: int, data: ReportIn):
    task = selectors.get_task(request.auth, task_id)
    services.task_report(actor=request.auth, task=task, **_report_kwargs(data))
    return selectors.get_task(request.auth, task_id)


@router.post(
    "/rectifications/{int:task_id}/submit", response=TaskDetailOut, summary="报告整改完成，申请回头看"
)
def task_submit(request, task_id: int, data: ReportIn):
    task = selectors.get_task(request.auth, task_id)
    services.task_submit(actor=request.auth, task=task, **_report_kwargs(data))
    return selectors.get_task(request.auth, task_id)


@router.post("/rectifications/{int:task_id}/pass", response=TaskDetailOut, summary="回头看通过，销号")
def follow_up_pass(request, task_id: int, data: PassIn):
    services.follow_up_pass(
        actor=request.auth, task=selectors.get_task(request.auth, task_id), note=data.note
    )
    return selectors.get_task(request.auth, task_id)


@router.post("/rectifications/{int:task_id}/fail", response=TaskDetailOut, summary="回头看未通过，退回整改")
def follow_up_fail(request, task_id: int, data: FailIn):
    task = selectors.get_task(request.auth, task_id)
    services.follow_up_fail(actor=request.auth, task=task, note=data.note, due_on=data.due_on)
    return selectors.get_task(request.auth, task_id)


# ---- 电子技术监控设备 ------------------------------------------------------------------------------------


@router.get("/devices", response=list[DeviceOut], summary="电子技术监控设备台账")
@paginate
def device_list(
    request,
    q: str = "",
    status: str = "",
    published: Literal["", "0", "1"] = "",
    agency_id: Id | None = None,
    sort: Literal["agency", "name", "-updated", "approved"] = "agency",
):
    filters = selectors.DeviceFilters(q=q, status=status, published=published, agency=agency_id, sort=sort)
    return selectors.devices_visible_to(request.auth, filters)


@router.get(
    "/devices/summary", response=list[DeviceSummaryOut], summary="电子技术监控设备清理情况汇总（按机关）"
)
def device_summary(request):
    return [
        {**{k: v for k, v in row.items() if k != "agency__name"}, "agency_name": row["agency__name"]}
        for row in selectors.device_summary(request.auth)
    ]


@router.get("/devices/{int:device_id}", response=DeviceOut, summary="电子技术监控设备详情")
def device_detail(request, device_id: int):
    return selectors.get_device(request.auth, device_id)


def _device_input(data: DeviceIn) -> services.DeviceInput:
    return services.DeviceInput(**{name: getattr(data, name) for name in services.DEVICE_FIELDS})


@router.post("/devices", response={201: DeviceOut}, summary="登记电子技术监控设备")
def device_register(request, data: DeviceNewIn):
    agency = chosen_agency(request.auth, data.agency_id, field="agency", perm=MANAGE_DEVICE)
    device = services.device_register(actor=request.auth, agency=agency, data=_device_input(data))
    return Status(201, selectors.get_device(request.auth, device.pk))


@router.post("/devices/{int:device_id}", response=DeviceOut, summary="更新电子技术监控设备信息")
def device_update(request, device_id: int, data: DeviceIn):
    device = selectors.get_device(request.auth, device_id)
    services.device_update(actor=request.auth, device=device, data=_device_input(data))
    return selectors.get_device(request.auth, device_id)
