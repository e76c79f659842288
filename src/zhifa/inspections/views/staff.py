"""Staff pages (thin: read through selectors, write through services; a refusal is shown with its
reason, another agency's object is a 404)."""

import json

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhifa.core import access, exports, panels
from zhifa.core.exports import xlsx_download, xlsx_response
from zhifa.core.forms import apply_errors, filters_of, offer_agencies, refusal_messages
from zhifa.core.models import Agency, Region
from zhifa.core.pagination import paginate
from zhifa.core.params import year_param
from zhifa.core.xlsx_import import ImportForm, page_context
from zhifa.registry.models import Officer

from .. import excel, export, listings, selectors, services
from ..choices import InspectionResult, PlanStatus, ReportStatus, RiskLevel, SubjectKind, TaskStatus
from ..drawing import __doc__ as ALGORITHM_TEXT
from ..forms import (
    FinishForm,
    LenientEditForm,
    LenientEndForm,
    LenientForm,
    PlanForm,
    PublishForm,
    ReportForm,
    StartForm,
    SubjectForm,
)
from ..models import (
    DeclaredRelation,
    Inspection,
    PriorReport,
    Rating,
    Subject,
    TaskInspector,
)

VIEW_PLAN, VIEW_TASK = "inspections.view_plan", "inspections.view_task"
VIEW_INSPECTION, VIEW_SUBJECT = "inspections.view_inspection", "inspections.view_subject"


def _form_page(request, form, title: str, save) -> HttpResponse:
    """A form page: a valid POST calls `save(cleaned_data)` (one service call), which returns where to
    go next; a refusal is shown on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(save(dict(form.cleaned_data)))
        except ValidationError as exc:
            refusal_messages(request, exc, form)
    return render(request, "inspections/form.html", {"form": form, "title": title})


def _own_agency(request) -> Agency:
    return request.user.agency


# ---- plans and draws ---------------------------------------------------------------------------------


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def plan_list(request):
    filters = filters_of(request, ("q", "year", "status"))
    year = year_param(request)
    sorting = selectors.PLAN_SORTS.of(request)
    page = paginate(
        request, sorting.apply(selectors.plans_visible_to(request.user, **{**filters, "year": year}))
    )
    context = {"page": page, "filters": filters, "sorting": sorting, "statuses": PlanStatus.choices}
    context["can_manage"] = request.user.has_perm(services.MANAGE_PLAN)
    return render(request, "inspections/plan_list.html", context)


@login_required
@permission_required(services.MANAGE_PLAN, raise_exception=True)
def plan_new(request):
    form = PlanForm(request.POST or None, initial={"year": timezone.localdate().year})

    def save(data) -> str:
        agency = _own_agency(request)
        plan = services.plan_create(
            actor=request.user,
            agency=agency,
            data=services.PlanInput(
                title=data["title"],
                year=data["year"],
                items=form.item_pairs(agency),
                ends_on=data["ends_on"],
                ratios=form.ratios(),
                frequency=data["frequency"],
                subject_kinds=data["subject_kinds"],
                industry=data["industry"],
            ),
        )
        return reverse("inspections:plan_detail", args=[plan.pk])

    return _form_page(request, form, "编制抽查计划", save)


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def plan_detail(request, pk):
    return _plan_page(request, selectors.get_plan(request.user, pk), PublishForm())


def _plan_page(request, plan, form):
    context = {
        "plan": plan,
        "items": plan.items.select_related("agency", "field"),
        "draws": plan.draws.order_by("number"),
        "can_manage": access.can(request.user, services.MANAGE_PLAN, plan),
        "ratios": [(level, plan.ratios.get(level)) for level in RiskLevel.values],
        "form": form,  # 公布计划 (its reason: beside the field when refused)
    }
    return render(request, "inspections/plan_detail.html", context)


@login_required
@require_POST
def plan_action(request, pk, action):
    plan = selectors.get_plan(request.user, pk)
    if action == "publish":
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                services.plan_publish(
                    actor=request.user, plan=plan, late_reason=form.cleaned_data["late_reason"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "计划已公布")
                return redirect("inspections:plan_detail", plan.pk)
        for text in form.non_field_errors():  # such as 计划已公布: the form is gone from the page
            messages.error(request, text)
        return _plan_page(request, plan, form)
    try:
        if action == "commit":
            draw = services.draw_commit(
                actor=request.user, plan=plan, seed_commitment=request.POST.get("seed_commitment", "")
            )
            messages.success(request, "已公布候选名单哈希和种子承诺，可以抽取")
            return redirect("inspections:draw_detail", draw.pk)
    except ValidationError as exc:
        refusal_messages(request, exc)
    return redirect("inspections:plan_detail", plan.pk)


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def draw_detail(request, pk):
    draw = selectors.get_draw(request.user, pk)
    tasks = draw.tasks.select_related("subject").prefetch_related(
        "inspectors__officer", "inspectors__replaced"
    )
    context = {
        "draw": draw,
        "plan": draw.plan,
        "tasks": tasks.order_by("stratum", "id")[:200],
        "can_manage": access.can(request.user, services.MANAGE_PLAN, draw),
        "algorithm": ALGORITHM_TEXT,
        "sizes": {k: len(v) for k, v in draw.input["candidates"].items()},
    }
    return render(request, "inspections/draw_detail.html", context)


@login_required
@require_POST
def draw_action(request, pk, action):
    draw = selectors.get_draw(request.user, pk)
    try:
        if action == "run":
            services.draw_run(actor=request.user, draw=draw, seed=request.POST.get("seed", ""))
            messages.success(request, "抽取完成，已生成检查任务")
        elif action == "reveal":
            services.draw_reveal(actor=request.user, draw=draw)
            messages.success(request, "随机种子已公开，公众可下载抽取文件校验")
    except ValidationError as exc:
        refusal_messages(request, exc)
    return redirect("inspections:draw_detail", draw.pk)


def draw_file_response(draw) -> HttpResponse:
    content = json.dumps(services.draw_file(draw), ensure_ascii=False, indent=1, sort_keys=True)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="draw-{draw.plan_id}-{draw.number}.json"'
    return response


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def draw_download(request, pk):
    draw = selectors.get_draw(request.user, pk)
    try:
        return draw_file_response(draw)
    except ValidationError as exc:
        refusal_messages(request, exc)
        return redirect("inspections:draw_detail", draw.pk)


# ---- tasks and inspections ---------------------------------------------------------------------------


@login_required
@permission_required(VIEW_TASK, raise_exception=True)
def task_list(request):
    filters = filters_of(request, export.TASK_FILTERS)
    tasks = export.tasks(request)
    if request.GET.get("export"):
        return exports.respond(request, export.TASKS)
    page = paginate(request, tasks)
    return render(
        request,
        "inspections/task_list.html",
        {
            "page": page,
            "filters": filters,
            "sorting": selectors.TASK_SORTS.of(request),
            "statuses": TaskStatus.choices,
        },
    )


@login_required
@permission_required(VIEW_TASK, raise_exception=True)
def task_detail(request, pk):
    return _task_page(request, selectors.get_task(request.user, pk), StartForm())


def _task_page(request, task, form):
    agency = _own_agency(request)
    startable = (
        request.user.has_perm(services.INSPECT)
        and task.plan.items.filter(agency=agency).exists()
        and not task.inspections.filter(agency=agency).exists()
    )
    refusal = services.inspection_refusal(request.user, agency, task=task) if startable else None
    context = {
        "task": task,
        "items": task.plan.items.select_related("agency"),
        "inspectors": task.inspectors.select_related("officer", "agency", "replaced"),
        "parts": task.inspections.select_related("agency"),
        "can_start": startable and refusal is None,
        "refusal": refusal,
        "can_manage": access.can(request.user, services.MANAGE_PLAN, task.plan),
        "guard": services.guard_check(subject=task.subject, on=timezone.localdate(), exclude_task=task),
        "replacements": Officer.objects.filter(agency=agency).order_by("name"),
        "form": form,  # 开始检查 (its reason: beside the field when refused)
        # cards of later modules (slot "task" of core.panels: e.g. 执法监督's 立项监督)
        "panels": panels.render("task", request, "task", task),
    }
    return render(request, "inspections/task_detail.html", context)


@login_required
@require_POST
def task_start(request, pk):
    task = selectors.get_task(request.user, pk)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            inspection = services.inspection_start(
                actor=request.user, agency=_own_agency(request), task=task, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("inspections:inspection_detail", inspection.pk)
    for text in form.non_field_errors():  # a refusal of the task itself: shown above the page
        messages.error(request, text)
    return _task_page(request, task, form)


@login_required
@require_POST
def task_override(request, pk, assignment_id):
    task = selectors.get_task(request.user, pk)
    assignment = get_object_or_404(TaskInspector, pk=assignment_id, task=task)
    officer = Officer.objects.filter(pk=request.POST.get("officer") or 0).first()
    try:
        if officer is None:
            raise ValidationError({"officer": "请选择替换人员"})
        services.inspector_override(
            actor=request.user, assignment=assignment, officer=officer, reason=request.POST.get("reason", "")
        )
        messages.success(request, "已调整检查人员（人工调整，理由已记录并公示）")
    except ValidationError as exc:
        refusal_messages(request, exc)
    return redirect("inspections:task_detail", task.pk)


@login_required
@permission_required(VIEW_INSPECTION, raise_exception=True)
def inspection_list(request):
    filters = filters_of(request, export.INSPECTION_FILTERS)
    if request.GET.get("export"):
        return exports.respond(request, export.INSPECTIONS)
    inspections = export.inspections(request)
    page = paginate(request, inspections)
    context = {"page": page, "filters": filters, "results": InspectionResult.choices}
    return render(request, "inspections/inspection_list.html", context)


@login_required
@permission_required(VIEW_INSPECTION, raise_exception=True)
def inspection_detail(request, pk):
    inspection = selectors.get_inspection(request.user, pk)
    form = FinishForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_finish(actor=request.user, inspection=inspection, **form.cleaned_data)
        except ValidationError as exc:
            refusal_messages(request, exc, form)
        else:
            messages.success(request, "检查结果已录入")
            return redirect("inspections:inspection_detail", inspection.pk)
    may_inspect = access.can(request.user, services.INSPECT, inspection) and not inspection.result
    refusal = (
        services.inspection_refusal(
            request.user,
            inspection.agency,
            task=inspection.task,
            codes=inspection.item_codes,
            act=services.FINISH,
        )
        if may_inspect
        else None
    )
    context = {
        "inspection": inspection,
        "form": form,
        "can_inspect": may_inspect and refusal is None,
        "refusal": refusal,
        # cards of later modules (slot "inspection" of core.panels: e.g. 执法监督's 立项监督)
        "panels": panels.render("inspection", request, "inspection", inspection),
    }
    return render(request, "inspections/inspection_detail.html", context)


# ---- 涉企: 事前报备, unplanned inspections, 扫码入企 ------------------------------------------------------


@login_required
@permission_required("inspections.view_priorreport", raise_exception=True)
def report_list(request):
    return _report_page(request, ReportForm(request.POST or None))


def _report_page(request, form, start=None, start_form=None):
    """The 事前报备 list with its filing form; `start_form` (bound) is the refused 开始检查 of report
    `start`, shown in its row."""
    page = paginate(request, selectors.reports_visible_to(request.user))
    form.fields["subject"].queryset = selectors.subjects_visible_to(request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.prior_report_file(
                actor=request.user,
                agency=_own_agency(request),
                subject=data["subject"],
                reason=data["reason"],
                item_codes=form.codes(),
                planned_on=data["planned_on"],
            )
        except ValidationError as exc:
            refusal_messages(request, exc, form)
        else:
            messages.success(request, "已提交事前报备，待审批")
            return redirect("inspections:report_list")
    context = {
        "page": page,
        "form": form,
        "filters": {},
        "can_approve": request.user.has_perm(services.APPROVE),
        "can_start": request.user.has_perm(services.INSPECT)
        and services.inspection_refusal(request.user, _own_agency(request)) is None,
        "start": start,
        "start_form": start_form,
    }
    return render(request, "inspections/report_list.html", context)


@login_required
@require_POST
def report_action(request, pk, action):
    report = selectors.get_report(request.user, pk)
    if action == "start":
        return _report_start(request, report)
    try:
        services.prior_report_decide(actor=request.user, report=report, approve=action == "approve")
        messages.success(request, "已审批")
    except ValidationError as exc:
        refusal_messages(request, exc)
    return redirect("inspections:report_list")


def _report_start(request, report):
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            inspection = services.inspection_start(
                actor=request.user,
                agency=report.agency,
                subject=report.subject,
                prior_report=report,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("inspections:inspection_detail", inspection.pk)
    for text in form.non_field_errors():
        messages.error(request, text)
    return _report_page(request, ReportForm(), start=report.pk, start_form=form)


@login_required
@permission_required(services.INSPECT, raise_exception=True)
def scan(request, token):
    """扫码入企 (staff side): the inspector scanned the enterprise's code; start its open task or its
    approved 报备 from here, so the visit is recorded as made on site."""
    subject = get_object_or_404(Subject, qr_token=token)
    agency = _own_agency(request)
    tasks = (
        selectors.tasks_visible_to(request.user)
        .filter(subject__code=subject.code)
        .exclude(status=TaskStatus.DONE)
    )
    reports = PriorReport.objects.filter(
        agency=agency, subject__code=subject.code, status=ReportStatus.APPROVED
    ).exclude(pk__in=Inspection.objects.filter(prior_report__isnull=False).values("prior_report_id"))
    refusal = services.inspection_refusal(request.user, agency)
    context = {
        "subject": subject,
        "tasks": tasks if refusal is None else tasks.none(),
        "reports": reports if refusal is None else reports.none(),
        "refusal": refusal,
        "guard": services.guard_check(subject=subject, on=timezone.localdate()),
    }
    return render(request, "inspections/scan.html", context)


@login_required
@permission_required("inspections.view_rating", raise_exception=True)
def rating_list(request):
    ratings = access.visible_to(request.user, Rating.objects.all())
    summary = (
        ratings.values("agency__name")
        .annotate(count=Count("id"), average=Avg("score"))
        .order_by("agency__name")
    )
    page = paginate(request, ratings.select_related("agency").order_by("-month", "agency_id"))
    return render(request, "inspections/rating_list.html", {"summary": summary, "page": page, "filters": {}})


# ---- directories -------------------------------------------------------------------------------------


@login_required
@permission_required(VIEW_SUBJECT, raise_exception=True)
def subject_list(request):
    filters = filters_of(request, export.SUBJECT_FILTERS)
    if request.GET.get("export"):
        return exports.respond(request, export.SUBJECTS)
    subjects = export.subjects(request)
    context = {
        "page": paginate(request, subjects),
        "filters": filters,
        "kinds": SubjectKind.choices,
        "risks": RiskLevel.choices,
        "can_manage": request.user.has_perm(services.MANAGE_SUBJECT),
    }
    return render(request, "inspections/subject_list.html", context)


@login_required
@permission_required(services.MANAGE_SUBJECT, raise_exception=True)
def subject_new(request):
    def save(data) -> str:
        subject = services.subject_create(
            actor=request.user, agency=_own_agency(request), data=services.SubjectInput(**data)
        )
        return reverse("inspections:subject_detail", args=[subject.pk])

    return _form_page(request, SubjectForm(request.POST or None), "登记检查对象", save)


@login_required
@permission_required(VIEW_SUBJECT, raise_exception=True)
def subject_detail(request, pk):
    subject = selectors.get_subject(request.user, pk)
    link = request.build_absolute_uri(reverse("inspections_public:enterprise", args=[subject.qr_token]))
    context = {
        "subject": subject,
        "link": link if subject.is_enterprise else "",
        "qr_svg": segno.make(link, error="m").svg_inline(scale=3) if subject.is_enterprise else "",
        "history": selectors.history_of(subject)[:50],
        "credit": list(reversed(subject.credit_record))[:50],
    }
    return render(request, "inspections/subject_detail.html", context)


IMPORT_KINDS = [("subjects", "检查对象")]


@login_required
@permission_required(services.MANAGE_SUBJECT, raise_exception=True)
def subject_import(request):
    form = ImportForm(request.POST or None, request.FILES or None, kinds=IMPORT_KINDS)
    offer_agencies(form.fields["agency"], request.user, services.MANAGE_SUBJECT)

    context = page_context(request, form, IMPORT_KINDS, excel.import_subjects)
    return render(request, "inspections/import.html", context)


@login_required
@permission_required(VIEW_SUBJECT, raise_exception=True)
def subject_template(request):
    return xlsx_download("检查对象名录库模板.xlsx", excel.template_bytes(), holds_data=False)


def _subject_by_code(agency, code: str) -> Subject | None:
    return Subject.objects.filter(agency=agency, code=code.strip().upper()).first() if code.strip() else None


@login_required
@permission_required(VIEW_SUBJECT, raise_exception=True)
def lenient_list(request):
    context = {
        "page": paginate(request, selectors.lenient_visible_to(request.user)),
        "filters": {},
        "can_manage": request.user.has_perm(services.MANAGE_SUBJECT),
    }
    return render(request, "inspections/lenient_list.html", context)


@login_required
@permission_required(services.MANAGE_SUBJECT, raise_exception=True)
def lenient_new(request):
    def save(data) -> str:
        agency = _own_agency(request)
        subject = _subject_by_code(agency, data.pop("subject_code"))
        services.lenient_add(actor=request.user, agency=agency, subject=subject, **data)
        messages.success(request, "已列入包容审慎清单")
        return reverse("inspections:lenient_list")

    return _form_page(request, LenientForm(request.POST or None), "包容审慎清单", save)


@login_required
@permission_required(services.MANAGE_SUBJECT, raise_exception=True)
def lenient_edit(request, pk):
    entry = selectors.get_lenient(request.user, pk)

    def save(data) -> str:
        subject = _subject_by_code(entry.agency, data.pop("subject_code"))
        services.lenient_edit(actor=request.user, entry=entry, subject=subject, **data)
        messages.success(request, "已修改包容审慎清单条目")
        return reverse("inspections:lenient_list")

    initial = {
        "subject_code": entry.subject.code if entry.subject else "",
        "item_code": entry.item_code,
        "valid_from": entry.valid_from,
        "valid_until": entry.valid_until,
        "note": entry.note,
    }
    form = LenientEditForm(request.POST or None, initial=initial)
    return _form_page(request, form, f"修改包容审慎清单条目：{entry}", save)


@login_required
@permission_required(services.MANAGE_SUBJECT, raise_exception=True)
def lenient_end(request, pk):
    entry = selectors.get_lenient(request.user, pk)

    def save(data) -> str:
        services.lenient_end(actor=request.user, entry=entry, **data)
        messages.success(request, "已移出包容审慎清单")
        return reverse("inspections:lenient_list")

    form = LenientEndForm(request.POST or None, initial={"on": timezone.localdate()})
    return _form_page(request, form, f"移出包容审慎清单：{entry}", save)


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def item_list(request):
    """随机抽查事项清单 of the user's agency: the flagged items of the catalogue version in force."""
    version, items = selectors.random_items(_own_agency(request))
    if request.GET.get("export"):
        return xlsx_response("随机抽查事项清单.xlsx", listings.ITEM_HEADERS, listings.item_rows(items))
    return render(request, "inspections/item_list.html", {"version": version, "items": items})


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def inspector_list(request):
    """执法检查人员名录库: officers of the agency with a valid certificate for a field of its random items
    (auxiliary staff never appear: they cannot be inspectors), with what 回避 needs: where each lives and
    the relations declared. Leaders record both here."""
    agency = _own_agency(request)
    rows = selectors.inspector_rows(agency)
    if request.GET.get("export"):
        return xlsx_response(
            "执法检查人员名录库.xlsx", listings.INSPECTOR_HEADERS, listings.inspector_rows(rows)
        )
    relations = DeclaredRelation.objects.filter(officer__agency=agency).select_related("officer", "subject")
    context = {
        "rows": rows,
        "relations": relations,
        "can_manage": request.user.has_perm(services.MANAGE_SUBJECT),
        "regions": Region.objects.order_by("code"),
    }
    return render(request, "inspections/inspector_list.html", context)


@login_required
@require_POST
@permission_required(services.MANAGE_SUBJECT, raise_exception=True)
def inspector_conflict(request, pk, kind):
    """Record an inspector's residence region or a declared relation (both make 回避 pairs)."""
    officer = access.get_visible_or_404(request.user, Officer.objects.select_related("agency"), pk=pk)
    try:
        if kind == "residence":
            region = Region.objects.filter(code=request.POST.get("region", "")).first()
            services.residence_set(actor=request.user, officer=officer, region=region)
        else:
            code = request.POST.get("subject_code", "").strip().upper()
            subject = selectors.subjects_visible_to(request.user).filter(code=code).first()
            if subject is None:
                raise ValidationError({"subject": f"名录库中没有编码为“{code}”的检查对象"})
            services.relation_declare(
                actor=request.user, officer=officer, subject=subject, note=request.POST.get("note", "")
            )
        messages.success(request, "已记录回避信息")
    except ValidationError as exc:
        refusal_messages(request, exc)
    return redirect("inspections:inspector_list")
