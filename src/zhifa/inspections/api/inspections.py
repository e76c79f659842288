"""/api/inspections/: plans, draws (commit, run, reveal, file), tasks, inspections (start, finish;
their 公示 is read from publicity), subjects and the repeated-inspection guard. Thin: reads through selectors, writes through
services. Another agency's object is a 404, a step the user may not do a 403, a refusal a 422."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core.params import Id, Year

from .. import selectors, services
from ..models import PriorReport

router = Router(tags=["inspections"])


def _user(request, perm: str = "inspections.view_plan"):
    if not request.auth.has_perm(perm):
        raise PermissionDenied("您无权查看双随机抽查")
    return request.auth


class PlanOut(Schema):
    id: int
    title: str
    year: int
    kind: str
    status: str
    agency_name: str = Field(alias="agency.name")
    ratios: dict
    frequency: int
    file_by: date
    ends_on: date
    published_on: date | None


class DrawOut(Schema):
    id: int
    plan_id: int
    number: int
    status: str
    candidate_hash: str
    seed_commitment: str
    seed: str
    subject_count: int
    result: dict | None


class TaskOut(Schema):
    id: int
    plan_id: int
    draw_id: int
    subject_name: str = Field(alias="subject.name")
    subject_code: str = Field(alias="subject.code")
    stratum: str
    status: str
    due_on: date


class InspectionOut(Schema):
    id: int
    agency_id: int
    subject_code: str
    task_id: int | None
    started_on: date
    via_qr: bool
    guard_reason: str
    result: str
    summary: str
    case_id: int | None
    publicity_due: date | None = Field(None, description="公示期限（执法公示的草稿）")
    publicity_on: date | None = Field(None, description="公示日期")
    publicity_label: str = Field("", description="公示状态")


class SubjectOut(Schema):
    id: int
    kind: str
    name: str
    code: str
    industry: str
    risk_level: str
    address: str


class GuardOut(Schema):
    warnings: list[str]
    suggestions: list[str]


class CommitIn(Schema):
    seed_commitment: str = ""


class RunIn(Schema):
    seed: str = ""


class PublishIn(Schema):
    late_reason: str = Field("", title="逾期公布理由")  # the page form's words (inspections.forms)


class StartIn(Schema):
    guard_reason: str = Field("", title="重复检查理由")
    via_qr: bool = False


class UnplannedIn(StartIn):
    prior_report_id: int


class FinishIn(Schema):
    result: str
    summary: str
    on: date | None = None
    lenient_reason: str = Field("", title="不适用包容审慎的理由（如需立案）")


@router.get("/plans", response=list[PlanOut], summary="抽查计划")
@paginate
def plan_list(request, q: str = "", year: Year | None = None, status: str = ""):
    return selectors.plans_visible_to(_user(request), q=q, year=year, status=status)


@router.get("/plans/{int:plan_id}", response=PlanOut, summary="抽查计划详情")
def plan_detail(request, plan_id: int):
    return selectors.get_plan(_user(request), plan_id)


@router.post("/plans/{int:plan_id}/publish", response=PlanOut, summary="公布计划")
def plan_publish(request, plan_id: int, payload: PublishIn):
    plan = selectors.get_plan(_user(request), plan_id)
    return services.plan_publish(actor=request.auth, plan=plan, late_reason=payload.late_reason)


@router.post("/plans/{int:plan_id}/draws", response={201: DrawOut}, summary="固定候选名单并公布种子承诺")
def draw_commit(request, plan_id: int, payload: CommitIn):
    plan = selectors.get_plan(_user(request), plan_id)
    return Status(
        201, services.draw_commit(actor=request.auth, plan=plan, seed_commitment=payload.seed_commitment)
    )


@router.get("/draws/{int:draw_id}", response=DrawOut, summary="抽取详情")
def draw_detail(request, draw_id: int):
    return selectors.get_draw(_user(request), draw_id)


@router.post("/draws/{int:draw_id}/run", response=DrawOut, summary="抽取（种子须与承诺一致）")
def draw_run(request, draw_id: int, payload: RunIn):
    draw = selectors.get_draw(_user(request), draw_id)
    return services.draw_run(actor=request.auth, draw=draw, seed=payload.seed)


@router.post("/draws/{int:draw_id}/reveal", response=DrawOut, summary="公开随机种子")
def draw_reveal(request, draw_id: int):
    return services.draw_reveal(actor=request.auth, draw=selectors.get_draw(_user(request), draw_id))


@router.get("/draws/{int:draw_id}/file", response=dict, summary="抽取文件（种子公开后）")
def draw_file(request, draw_id: int):
    return services.draw_file(selectors.get_draw(_user(request), draw_id))


@router.get("/tasks", response=list[TaskOut], summary="检查任务")
@paginate
def task_list(request, q: str = "", status: str = "", plan: Id | None = None, mine: bool = False):
    return selectors.tasks_visible_to(
        _user(request, "inspections.view_task"), q=q, status=status, plan=plan, mine=mine
    )


@router.get("/tasks/{int:task_id}", response=TaskOut, summary="检查任务详情")
def task_detail(request, task_id: int):
    return selectors.get_task(_user(request, "inspections.view_task"), task_id)


@router.post("/tasks/{int:task_id}/start", response={201: InspectionOut}, summary="开始任务检查（本部门）")
def task_start(request, task_id: int, payload: StartIn):
    task = selectors.get_task(_user(request, "inspections.view_task"), task_id)
    inspection = services.inspection_start(
        actor=request.auth,
        agency=request.auth.agency,
        task=task,
        guard_reason=payload.guard_reason,
        via_qr=payload.via_qr,
    )
    return Status(201, inspection)


@router.post("/inspections", response={201: InspectionOut}, summary="计划外检查（须事前报备并经批准）")
def inspection_unplanned(request, payload: UnplannedIn):
    user = _user(request, "inspections.view_priorreport")
    report: PriorReport = selectors.get_report(user, payload.prior_report_id)
    inspection = services.inspection_start(
        actor=user,
        agency=report.agency,
        subject=report.subject,
        prior_report=report,
        guard_reason=payload.guard_reason,
        via_qr=payload.via_qr,
    )
    return Status(201, inspection)


@router.get("/inspections/{int:inspection_id}", response=InspectionOut, summary="检查记录")
def inspection_detail(request, inspection_id: int):
    return selectors.get_inspection(_user(request, "inspections.view_inspection"), inspection_id)


@router.post("/inspections/{int:inspection_id}/finish", response=InspectionOut, summary="录入检查结果")
def inspection_finish(request, inspection_id: int, payload: FinishIn):
    inspection = selectors.get_inspection(_user(request, "inspections.view_inspection"), inspection_id)
    services.inspection_finish(
        actor=request.auth,
        inspection=inspection,
        result=payload.result,
        summary=payload.summary,
        on=payload.on or timezone.localdate(),
        lenient_reason=payload.lenient_reason,
    )
    return selectors.get_inspection(request.auth, inspection_id)  # with the 公示 publicity drafted


@router.get("/subjects", response=list[SubjectOut], summary="检查对象名录库")
@paginate
def subject_list(request, q: str = "", kind: str = "", risk: str = ""):
    return selectors.subjects_visible_to(
        _user(request, "inspections.view_subject"), q=q, kind=kind, risk=risk
    )


@router.get("/subjects/{int:subject_id}", response=SubjectOut, summary="检查对象")
def subject_detail(request, subject_id: int):
    return selectors.get_subject(_user(request, "inspections.view_subject"), subject_id)


@router.get("/subjects/{int:subject_id}/guard", response=GuardOut, summary="重复检查提醒")
def subject_guard(request, subject_id: int, on: date | None = None):
    subject = selectors.get_subject(_user(request, "inspections.view_subject"), subject_id)
    outcome = services.guard_check(subject=subject, on=on or timezone.localdate())
    return {"warnings": outcome.warnings, "suggestions": outcome.suggestions}


class ReportIn(Schema):
    subject_id: int
    reason: str
    item_codes: list[str]
    planned_on: date


class ReportOut(Schema):
    id: int
    agency_id: int
    subject_id: int
    reason: str
    item_codes: list[str]
    planned_on: date
    status: str
    decided_on: date | None


@router.get("/reports", response=list[ReportOut], summary="涉企事前报备")
@paginate
def report_list(request):
    return selectors.reports_visible_to(_user(request, "inspections.view_priorreport"))


@router.post("/reports", response={201: ReportOut}, summary="事前报备（计划外检查企业前）")
def report_file(request, payload: ReportIn):
    user = _user(request, "inspections.view_priorreport")
    subject = selectors.get_subject(user, payload.subject_id)
    report = services.prior_report_file(
        actor=user,
        agency=user.agency,
        subject=subject,
        reason=payload.reason,
        item_codes=payload.item_codes,
        planned_on=payload.planned_on,
    )
    return Status(201, report)


@router.post(
    "/reports/{int:report_id}/{decision}", response=ReportOut, summary="审批事前报备（approve / reject）"
)
def report_decide(request, report_id: int, decision: str):
    report = selectors.get_report(_user(request, "inspections.view_priorreport"), report_id)
    if decision not in ("approve", "reject"):
        raise ValidationError({"decision": "只能批准（approve）或不批准（reject）"})
    return services.prior_report_decide(actor=request.auth, report=report, approve=decision == "approve")
