"""监督计划、工作台账与督办: the /api/supervision/ endpoints of this feature. Thin: reads through
`selectors` (scoped by core.access: another agency's object is a 404), writes through `services` (a refusal
is a 422 keyed by field, in Chinese). Each detail lists the `actions` its transition table offers the caller.

    GET  plans  POST plans  GET plans/{id}  POST plans/{id}/tasks  POST plans/{id}/publish
    GET  ledger  GET ledger/rollup  GET ledger/{id}  POST ledger/{id}/reports
    GET  oversights  POST oversights  POST cases/{case_id}/oversight  GET oversights/{id}
    POST oversights/{id}/report | extend | escalate | close
"""

import base64
import binascii
from datetime import date

from django.core.files.base import ContentFile
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.cases.models import Case
from zhifa.core import access, kit
from zhifa.core.params import CalendarDay, Id, Year
from zhifa.core.selectors import chosen_agency

from ..models import LedgerEntry, Oversight, SupervisionPlan
from . import selectors, services
from .machine import OVERSIGHT, VIEW_LEDGER, VIEW_OVERSIGHT, VIEW_PLAN

router = Router(tags=["执法监督"])


# ---- schemas ----------------------------------------------------------------------------------------


class PlanIn(Schema):
    agency_id: Id
    year: Year
    title: str = Field("", title="计划名称")
    milestones: bool = True


class TaskIn(Schema):
    title: str = Field("", title="任务")
    kind: str = ""
    owner: str = Field("", title="责任人/责任科室")
    due: CalendarDay | None = None
    targets: list[Id] = []
    source: str = Field("", title="依据")


class TaskOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    owner: str
    due: date
    source: str
    milestone: str
    targets: list[int]

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_targets(obj) -> list[int]:
        return [a.pk for a in obj.targets.all()]


class PlanOut(Schema):
    id: int
    agency_id: int
    agency_name: str
    year: int
    title: str
    status: str
    status_label: str
    published_on: date | None

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class PlanDetailOut(PlanOut):
    tasks: list[TaskOut]
    actions: list[str]


class EntryOut(Schema):
    id: int
    plan_id: int
    year: int
    task_id: int
    task_title: str
    kind: str
    agency_id: int
    agency_name: str
    due: date
    status: str
    status_label: str
    overdue: bool
    reported_on: date | None

    @staticmethod
    def resolve_plan_id(obj) -> int:
        return obj.task.plan_id

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.task.plan.year

    @staticmethod
    def resolve_task_title(obj) -> str:
        return obj.task.title

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.task.kind

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return selectors.is_overdue(obj)


class ReportOut(Schema):
    id: int
    text: str
    attachment_name: str
    reported_on: date
    reported_by: str

    @staticmethod
    def resolve_reported_by(obj) -> str:
        return str(obj.reported_by or "")


class EntryDetailOut(EntryOut):
    reports: list[ReportOut]
    actions: list[str]


class ReportIn(Schema):
    text: str = Field("", title="报送内容")
    attachment_name: str = ""
    attachment_base64: str = ""


class RollupAgencyOut(Schema):
    agency_id: int
    agency: str
    total: int
    done: int
    late: int
    overdue: int


class RollupRegionOut(Schema):
    code: str
    name: str
    total: int
    done: int
    late: int
    overdue: int
    rows: list[RollupAgencyOut]


class OversightIn(Schema):
    agency_id: Id | None = None
    title: str = Field("", title="督办事项")
    ground: str = ""
    description: str = Field("", title="督办要求")
    due: CalendarDay | None = None


class CaseOversightIn(Schema):
    title: str = Field("", title="督办事项")
    ground: str = ""
    description: str = Field("", title="督办要求")
    due: CalendarDay | None = None


class OversightOut(Schema):
    id: int
    agency_id: int
    agency_name: str
    superior_id: int | None
    supervisor_agency_id: int
    case_id: int | None
    title: str
    ground: str
    ground_label: str
    description: str
    opened_on: date
    due: date
    overdue: bool
    status: str
    status_label: str
    escalation_reason: str
    conclusion: str
    closed_on: date | None

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_ground_label(obj) -> str:
        return obj.get_ground_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return selectors.oversight_overdue(obj)


class OversightReportOut(Schema):
    id: int
    text: str
    reported_on: date
    reported_by: str

    @staticmethod
    def resolve_reported_by(obj) -> str:
        return str(obj.reported_by or "")


class ExtensionOut(Schema):
    id: int
    old_due: date
    new_due: date
    reason: str


class OversightDetailOut(OversightOut):
    reports: list[OversightReportOut]
    extensions: list[ExtensionOut]
    actions: list[str]


class TextIn(Schema):
    text: str = Field("", title="进展情况")


class ExtendIn(Schema):
    new_due: CalendarDay | None = None
    reason: str = Field("", title="延期理由")


class ReasonIn(Schema):
    reason: str = Field("", title="提级理由")


class CloseIn(Schema):
    conclusion: str = Field("", title="办结意见")


# ---- 监督计划 -----------------------------------------------------------------------------------------


def _plan(request, plan_id: int) -> SupervisionPlan:
    return access.get_visible_or_404(
        request.auth, SupervisionPlan.objects.select_related("agency__region"), VIEW_PLAN, pk=plan_id
    )


def _plan_detail(request, plan: SupervisionPlan) -> SupervisionPlan:
    plan = _plan(request, plan.pk)
    plan.actions = selectors.plan_actions(plan, request.auth)  # type: ignore[attr-defined]
    return plan


@router.get("/plans", response=list[PlanOut], summary="监督计划列表")
@paginate
def plan_list(
    request, q: str = "", year: Year | None = None, status: str = "", agency: Id | None = None, sort: str = ""
):
    return selectors.plans_visible_to(request.auth, q=q, year=year, status=status, agency=agency, sort=sort)


@router.post("/plans", response={201: PlanDetailOut}, summary="制定监督计划")
def plan_create(request, data: PlanIn):
    agency = chosen_agency(request.auth, data.agency_id)
    plan = services.plan_create(
        actor=request.auth, agency=agency, year=data.year, title=data.title, milestones=data.milestones
    )
    return Status(201, _plan_detail(request, plan))


@router.get("/plans/{int:plan_id}", response=PlanDetailOut, summary="监督计划详情（含任务）")
def plan_detail(request, plan_id: int):
    return _plan_detail(request, _plan(request, plan_id))


@router.post("/plans/{int:plan_id}/tasks", response={201: TaskOut}, summary="添加监督计划任务")
def plan_task_add(request, plan_id: int, data: TaskIn):
    plan = _plan(request, plan_id)
    task = services.task_add(
        actor=request.auth,
        plan=plan,
        title=data.title,
        kind=data.kind,
        owner=data.owner,
        due=data.due,
        targets=services.agencies_by_id(data.targets),
        source=data.source,
    )
    return Status(201, task)


@router.post("/plans/{int:plan_id}/publish", response=PlanDetailOut, summary="印发监督计划")
def plan_publish(request, plan_id: int):
    plan = services.plan_publish(actor=request.auth, plan=_plan(request, plan_id))
    return _plan_detail(request, plan)


# ---- 工作台账 -----------------------------------------------------------------------------------------


def _entry(request, entry_id: int) -> LedgerEntry:
    return access.get_visible_or_404(
        request.auth,
        selectors.entries_visible_to(request.auth),
        VIEW_LEDGER,
        pk=entry_id,
    )


def _entry_detail(request, entry: LedgerEntry) -> LedgerEntry:
    entry = _entry(request, entry.pk)
    entry.actions = ["report"] if selectors.may_report(entry, request.auth) else []  # type: ignore[attr-defined]
    return entry


@router.get("/ledger", response=list[EntryOut], summary="工作台账")
@paginate
def ledger_list(
    request,
    q: str = "",
    year: Year | None = None,
    status: str = "",
    kind: str = "",
    agency: Id | None = None,
    plan: Id | None = None,
    sort: str = "",
):
    return selectors.entries_visible_to(
        request.auth, q=q, year=year, status=status, kind=kind, agency=agency, plan=plan, sort=sort
    )


@router.get("/ledger/rollup", response=list[RollupRegionOut], summary="工作台账汇总（按区划、报送单位）")
def ledger_rollup(request, year: Year | None = None):
    if not request.auth.has_perm(VIEW_PLAN):
        return []
    return selectors.rollup(request.auth, year=year)


@router.get("/ledger/{int:entry_id}", response=EntryDetailOut, summary="台账事项详情（含报送记录）")
def ledger_detail(request, entry_id: int):
    return _entry_detail(request, _entry(request, entry_id))


def _attachment(data: ReportIn) -> ContentFile | None:
    if not data.attachment_base64:
        return None
    try:
        content = base64.b64decode(data.attachment_base64, validate=True)
    except (binascii.Error, ValueError):
        kit.refuse("attachment_base64", "附件内容不是有效的Base64编码")
    return ContentFile(content, name=data.attachment_name or "附件")


@router.post("/ledger/{int:entry_id}/reports", response={201: EntryDetailOut}, summary="报送工作台账")
def ledger_report(request, entry_id: int, data: ReportIn):
    entry = _entry(request, entry_id)
    services.ledger_report(actor=request.auth, entry=entry, text=data.text, attachment=_attachment(data))
    return Status(201, _entry_detail(request, entry))


# ---- 督办 --------------------------------------------------------------------------------------------


def _oversight(request, oversight_id: int) -> Oversight:
    return access.get_visible_or_404(
        request.auth,
        Oversight.objects.select_related("agency", "case"),
        VIEW_OVERSIGHT,
        pk=oversight_id,
    )


def _oversight_detail(request, oversight: Oversight) -> Oversight:
    oversight = _oversight(request, oversight.pk)
    oversight.actions = selectors.oversight_actions(oversight, request.auth)  # type: ignore[attr-defined]
    return oversight


@router.get("/oversights", response=list[OversightOut], summary="督办事项列表")
@paginate
def oversight_list(
    request,
    q: str = "",
    status: str = "",
    ground: str = "",
    agency: Id | None = None,
    overdue: bool = False,
    sort: str = "",
):
    return selectors.oversights_visible_to(
        request.auth,
        q=q,
        status=status,
        ground=ground,
        agency=agency,
        overdue="1" if overdue else "",
        sort=sort,
    )


@router.post("/oversights", response={201: OversightDetailOut}, summary="发起督办")
def oversight_open(request, data: OversightIn):
    agency = chosen_agency(request.auth, data.agency_id) if data.agency_id else None
    oversight = services.oversight_open(
        actor=request.auth,
        agency=agency,
        title=data.title,
        ground=data.ground,
        description=data.description,
        due=data.due,
    )
    return Status(201, _oversight_detail(request, oversight))


@router.post("/cases/{int:case_id}/oversight", response={201: OversightDetailOut}, summary="从案件发起督办")
def oversight_from_case(request, case_id: int, data: CaseOversightIn):
    case = access.get_visible_or_404(
        request.auth, Case.objects.select_related("agency"), "cases.view_case", pk=case_id
    )
    oversight = services.oversight_open(
        actor=request.auth,
        case=case,
        title=data.title,
        ground=data.ground,
        description=data.description,
        due=data.due,
    )
    return Status(201, _oversight_detail(request, oversight))


@router.get("/oversights/{int:oversight_id}", response=OversightDetailOut, summary="督办详情（含进展与延期）")
def oversight_detail(request, oversight_id: int):
    return _oversight_detail(request, _oversight(request, oversight_id))


@router.post(
    "/oversights/{int:oversight_id}/report",
    response=OversightDetailOut,
    summary=OVERSIGHT.first("report").label,
)
def oversight_report(request, oversight_id: int, data: TextIn):
    oversight = _oversight(request, oversight_id)
    services.oversight_report(actor=request.auth, oversight=oversight, text=data.text)
    return _oversight_detail(request, oversight)


@router.post(
    "/oversights/{int:oversight_id}/extend",
    response=OversightDetailOut,
    summary=OVERSIGHT.first("extend").label,
)
def oversight_extend(request, oversight_id: int, data: ExtendIn):
    oversight = _oversight(request, oversight_id)
    services.oversight_extend(
        actor=request.auth, oversight=oversight, new_due=data.new_due, reason=data.reason
    )
    return _oversight_detail(request, oversight)


@router.post(
    "/oversights/{int:oversight_id}/escalate",
    response=OversightDetailOut,
    summary=OVERSIGHT.first("escalate").label,
)
def oversight_escalate(request, oversight_id: int, data: ReasonIn):
    oversight = _oversight(request, oversight_id)
    services.oversight_escalate(actor=request.auth, oversight=oversight, reason=data.reason)
    return _oversight_detail(request, oversight)


@router.post(
    "/oversights/{int:oversight_id}/close",
    response=OversightDetailOut,
    summary=OVERSIGHT.first("close").label,
)
def oversight_close(request, oversight_id: int, data: CloseIn):
    oversight = _oversight(request, oversight_id)
    services.oversight_close(actor=request.auth, oversight=oversight, conclusion=data.conclusion)
    return _oversight_detail(request, oversight)
