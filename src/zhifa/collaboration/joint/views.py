"""联合执法, organisation and meeting pages (thin: forms → services; reads through selectors). The action
page is the working page of every party: the office decides, the lead department starts and finishes,
participants record findings and split them, each department registers its share as a case, and a
department called to the scene records its arrival and the hand-over. One form per page (phones)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from zhifa.collaboration.meetings import selectors as meeting_selectors
from zhifa.collaboration.meetings import services as meeting_services
from zhifa.collaboration.meetings.choices import DecisionStatus, MeetingKind, MeetingStatus
from zhifa.collaboration.models import Meeting
from zhifa.collaboration.organisation import selectors as organisation
from zhifa.collaboration.organisation import services as organisation_services
from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import Form, apply_errors, filters_of, query_of
from zhifa.core.models import Agency, Record
from zhifa.core.pagination import paginate

from . import api, forms, selectors, services
from .choices import ActionKind, ActionStatus, FindingStatus, HandoverStatus
from .transitions import MACHINE, MANAGE

FILTER_KEYS = ("q", "status", "kind", "sort")


def _posted(request):
    """The form's data on a POST (even an empty one: a step with no field is still taken), else None."""
    return request.POST if request.method == "POST" else None


def _filters(request) -> tuple[dict, selectors.ActionFilters]:
    raw = filters_of(request, FILTER_KEYS)
    sort = raw["sort"] = selectors.ACTION_SORTS.parse(raw["sort"]).value
    return raw, selectors.ActionFilters(q=raw["q"], status=raw["status"], kind=raw["kind"], sort=sort)


@login_required
def joint_list(request):
    raw, parsed = _filters(request)
    page = paginate(request, selectors.actions_visible_to(request.user, parsed))
    return render(
        request,
        "collaboration/joint/list.html",
        {
            "page": page,
            "filters": raw,
            "query": query_of(raw),
            "sorting": selectors.ACTION_SORTS.parse(parsed.sort),
            "statuses": ActionStatus.choices,
            "kinds": ActionKind.choices,
            "can_act": request.user.has_perm(MANAGE),
            "is_office": _is_office(request.user),
        },
    )


def _is_office(user) -> bool:
    group = organisation.group_for(user)
    return group is not None and group.office_id == user.agency_id


EXPORT = exports.register(
    exports.ListExport(
        key="collaboration.joint_list",
        filename="联合执法行动.xlsx",
        columns=(
            Column("行动名称", lambda a: a.title),
            Column("启动方式", lambda a: a.get_kind_display()),
            Column("牵头部门", lambda a: a.lead_agency.name),
            Column("地点", lambda a: a.place),
            Column("开始日期", lambda a: a.starts_on, "date"),
            Column("结束日期", lambda a: a.ends_on, "date"),
            Column("状态", lambda a: a.get_status_display()),
        ),
        queryset=lambda user, params: selectors.actions_visible_to(
            user, _filters(exports.request_of(params))[1]
        ),
    )
)


@login_required
def joint_export(request):
    return exports.respond(request, EXPORT)


NEW = {
    "plan": ("部署常规联合执法", services.action_plan),
    "apply": ("申请专项联合执法", services.action_apply),
    "report": ("报告应急联合执法", services.action_report),
}


@login_required
def joint_new(request, kind: str):
    if kind not in NEW or not request.user.has_perm(MANAGE):
        raise Http404("未找到该页面")
    title, service = NEW[kind]
    form = forms.ActionForm(_posted(request), user=request.user, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            lead = None if kind == "plan" else request.user.agency
            data = form.to_input(lead)
            action = (
                service(actor=request.user, data=data)
                if kind == "plan"
                else service(actor=request.user, lead=lead, data=data)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{title}：已提交")
            return redirect("collaboration:joint_detail", action.pk)
    return render(request, "collaboration/joint/form.html", {"form": form, "title": title, "search": True})


def _records(obj) -> list[Record]:
    return list(
        Record.objects.filter(subject_type=obj._meta.label_lower, subject_id=str(obj.pk)).order_by("at", "id")
    )


@login_required
def joint_detail(request, pk: int):
    action = selectors.get_action(request.user, pk)
    user = request.user
    roles = services.roles_of(user, action) if user.has_perm(MANAGE) else set()
    findings = list(
        action.findings.prefetch_related("shares__agency", "shares__case").select_related("handover__agency")
    )
    return render(
        request,
        "collaboration/joint/detail.html",
        {
            "action": action,
            "offered": MACHINE.buttons(action, api.offered(user, action)),
            "participants": list(action.participants.select_related("agency").prefetch_related("officers")),
            "tasks": list(action.tasks.all()),
            "findings": findings,
            "may_split": bool(roles & {"participant", "office"})
            and action.status in (ActionStatus.ACTIVE, ActionStatus.FINISHED),
            "recorded": FindingStatus.RECORDED,
            "my_agency": user.agency_id if user.has_perm(MANAGE) else None,
            "handover_statuses": HandoverStatus,
            "records": _records(action),
        },
    )


STEPS: dict[str, tuple[type[Form], Callable[..., object], str]] = {
    "approve": (forms.NoteForm, services.action_approve, "已同意实施"),
    "refuse": (forms.RefuseForm, services.action_refuse, "已不同意实施"),
    "draft": (forms.PlanForm, services.action_draft, "应急方案已拟定，待组长批准"),
    "authorise": (forms.NoteForm, services.action_authorise, "组长已批准"),
    "start": (forms.EmptyForm, services.action_start, "行动已开始实施"),
    "finish": (forms.EmptyForm, services.action_finish, "行动已结束"),
    "find": (forms.FindingForm, services.finding_record, "问题已记录"),
}


def _run(request, form, call: Callable[[], object], done: str, target: str, context: dict):
    """The one step view body: POST runs the service and redirects; a refusal goes back beside the field."""
    if request.method == "POST" and form.is_valid():
        try:
            call()
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(target)
    return render(request, "collaboration/joint/form.html", {"form": form, **context})


@login_required
def joint_step(request, pk: int, step: str):
    if step not in STEPS:
        raise Http404("没有该操作")
    action = selectors.get_action(request.user, pk)
    if step not in api.offered(request.user, action):
        raise PermissionDenied("您无权执行此操作，或行动当前状态不允许")
    form_class, service, done = STEPS[step]
    form = form_class(_posted(request))

    def call():
        data = form.to_kwargs() if hasattr(form, "to_kwargs") else form.cleaned_data
        service(actor=request.user, action=action, **data)

    context = {"title": MACHINE.first(step).label, "action": action}
    return _run(request, form, call, done, f"/collaboration/joint/{action.pk}/", context)


@login_required
def finding_split(request, pk: int):
    finding = selectors.get_finding(request.user, pk)
    form = forms.SplitForm(_posted(request), finding=finding, user=request.user)
    context = {"title": "分案", "action": finding.action, "finding": finding}
    return _run(
        request, form, lambda: services.finding_split(actor=request.user, finding=finding, **form.to_kwargs()),
        "已分案，请各承办部门立案查处", f"/collaboration/joint/{finding.action_id}/", context,
    )  # fmt: skip


@login_required
def finding_notify(request, pk: int):
    finding = selectors.get_finding(request.user, pk)
    form = forms.NotifyForm(_posted(request), user=request.user)
    context = {"title": "通知有权处理的部门到场交接", "action": finding.action, "finding": finding}
    return _run(
        request, form, lambda: services.finding_notify(actor=request.user, finding=finding, **form.cleaned_data),
        "已通知有权处理的部门", f"/collaboration/joint/{finding.action_id}/", context,
    )  # fmt: skip


@login_required
def share_register(request, pk: int):
    share = selectors.get_share(request.user, pk)
    form = forms.EmptyForm(_posted(request))
    context = {
        "title": f"以{share.agency.name}名义立案查处",
        "action": share.finding.action,
        "finding": share.finding,
    }
    return _run(
        request, form, lambda: services.share_register(actor=request.user, share=share),
        "已登记为案件（案件来源：联合执法）", f"/collaboration/joint/{share.finding.action_id}/", context,
    )  # fmt: skip


HANDOVER_STEPS = {
    "arrive": (forms.EmptyForm, services.handover_arrive, "登记到场", "已登记到场"),
    "complete": (forms.CompleteForm, services.handover_complete, "办理现场交接", "已办理交接"),
}


@login_required
def handover_step(request, pk: int, step: str):
    if step not in HANDOVER_STEPS:
        raise Http404("没有该操作")
    handover = selectors.get_handover(request.user, pk)
    form_class, service, title, done = HANDOVER_STEPS[step]
    form = form_class(_posted(request))
    context = {"title": title, "action": handover.finding.action, "finding": handover.finding}
    return _run(
        request, form, lambda: service(actor=request.user, handover=handover, **form.cleaned_data),
        done, f"/collaboration/joint/{handover.finding.action_id}/", context,
    )  # fmt: skip


@login_required
def officer_search(request):
    """The participants field's search (htmx): at most 20 matches, never the whole list."""
    q = request.GET.get("q", "")[:32]
    return render(
        request,
        "collaboration/joint/_officers.html",
        {"officers": selectors.officers_matching(request.user, q), "q": q},
    )


# ---- organisation ---------------------------------------------------------------------------------------


@login_required
def organisation_page(request):
    if not request.user.has_perm("collaboration.view_liaison"):
        raise Http404("未找到该页面")
    q = request.GET.get("q", "")[:50]
    group = organisation.group_for(request.user)
    region = group.region if group else getattr(request.user.agency, "region", None)
    may = region is not None and organisation_services.may_organise(request.user, region)
    return render(
        request,
        "collaboration/organisation/page.html",
        {
            "group": group,
            "members": list(group.members.all()) if group else [],
            "page": paginate(request, organisation.departments(request.user, q)),
            "q": q,
            "may_edit": may,
        },
    )


@login_required
def group_edit(request):
    user = request.user
    group = organisation.group_for(user)
    region = group.region if group else getattr(user.agency, "region", None)
    if region is None or not organisation_services.may_organise(user, region):
        raise Http404("未找到该页面")
    offices = Agency.objects.filter(active=True, region__path__startswith=region.path).order_by("name")
    initial = {}
    if group:
        initial = {
            "office": group.office_id,
            "leader": group.leader.username if group.leader else "",
            "note": group.note,
            "members": "\n".join(f"{m.get_role_display()}、{m.name}、{m.post}" for m in group.members.all()),
        }
    form = forms.GroupForm(_posted(request), offices=offices, initial=initial)
    return _run(
        request, form,
        lambda: organisation_services.group_save(actor=user, region=region, **form.cleaned_data),
        "领导小组已保存", "/collaboration/organisation/", {"title": "设立或调整联合执法领导小组"},
    )  # fmt: skip


@login_required
def liaison_edit(request, agency_pk: int):
    agency = organisation.get_department(request.user, agency_pk)
    if not organisation_services.may_organise(request.user, agency.region):
        raise PermissionDenied("只有本地区司法局或联合执法领导小组办公室可以指定联络员")
    liaison = getattr(agency, "liaison", None)
    initial = {"name": liaison.name, "phone": liaison.phone} if liaison else {}
    form = forms.LiaisonForm(_posted(request), initial=initial)
    return _run(
        request, form,
        lambda: organisation_services.liaison_set(actor=request.user, agency=agency, **form.cleaned_data),
        "联络员已保存", "/collaboration/organisation/", {"title": f"指定{agency.name}联络员"},
    )  # fmt: skip


# ---- meetings -------------------------------------------------------------------------------------------


@login_required
def meeting_list(request):
    raw = filters_of(request, ("q", "kind", "sort"))
    sorting = meeting_selectors.MEETING_SORTS.parse(raw["sort"])
    raw["sort"] = sorting.value
    meetings = meeting_selectors.meetings_visible_to(
        request.user, q=raw["q"], kind=raw["kind"], sort=raw["sort"]
    )
    return render(
        request,
        "collaboration/meetings/list.html",
        {
            "page": paginate(request, meetings),
            "filters": raw,
            "query": query_of(raw),
            "sorting": sorting,
            "kinds": MeetingKind.choices,
            "can_convene": _is_office(request.user) and request.user.has_perm(meeting_services.MANAGE),
        },
    )


@login_required
def meeting_new(request):
    if not (_is_office(request.user) and request.user.has_perm(meeting_services.MANAGE)):
        raise Http404("未找到该页面")
    form = forms.MeetingForm(_posted(request), user=request.user)
    made: list[Meeting] = []

    def call():
        made.append(meeting_services.meeting_convene(actor=request.user, data=form.to_input()))

    response = _run(
        request, form, call, "会议已登记", "/collaboration/meetings/", {"title": "召集联席会议或联合会商"}
    )
    return redirect("collaboration:meeting_detail", made[0].pk) if made else response


@login_required
def meeting_detail(request, pk: int):
    meeting = meeting_selectors.get_meeting(request.user, pk)
    user = request.user
    return render(
        request,
        "collaboration/meetings/detail.html",
        {
            "meeting": meeting,
            "attendees": list(meeting.attendees.order_by("name")),
            "decisions": list(meeting.decisions.select_related("owner")),
            "may_record": meeting.status == MeetingStatus.PLANNED
            and access.can(user, meeting_services.MANAGE, meeting),
            "open": DecisionStatus.OPEN,
            "my_agency": user.agency_id if user.has_perm(meeting_services.MANAGE) else None,
            "records": _records(meeting),
        },
    )


@login_required
def meeting_record(request, pk: int):
    meeting = meeting_selectors.get_meeting(request.user, pk)
    access.require(request.user, meeting_services.MANAGE, meeting)
    form = forms.RecordForm(_posted(request), meeting=meeting)
    return _run(
        request, form,
        lambda: meeting_services.meeting_record(actor=request.user, meeting=meeting, **form.to_kwargs()),
        "会议纪要和议定事项已记录", f"/collaboration/meetings/{meeting.pk}/", {"title": "记录会议纪要和议定事项", "meeting": meeting},
    )  # fmt: skip


@login_required
def decision_complete(request, pk: int):
    decision = meeting_selectors.get_decision(request.user, pk)
    form = forms.DoneForm(_posted(request))
    return _run(
        request, form,
        lambda: meeting_services.decision_complete(actor=request.user, decision=decision, **form.cleaned_data),
        "已报告落实", f"/collaboration/meetings/{decision.meeting_id}/", {"title": "报告议定事项落实", "meeting": decision.meeting},
    )  # fmt: skip
