"""执法主体: list, detail with its change history, and the life-cycle actions (新设, 确认, 公告, 更名, 合并,
撤销), each a small form calling one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import apply_errors, filters_of, query_of
from zhifa.core.pagination import paginate
from zhifa.core.selectors import active_agencies

from .. import selectors, services
from ..choices import BodyStatus
from ..forms import (
    BodyAnnounceForm,
    BodyConfirmForm,
    BodyMergeForm,
    BodyRegisterForm,
    BodyRenameForm,
    BodyRevokeForm,
)
from ..models import EnforcementBody
from ._common import render_form

VIEW_BODY = "registry.view_enforcementbody"
FILTER_KEYS = ("q", "status")


def _bodies(user, filters: dict):
    return selectors.bodies_visible_to(user, q=filters["q"], status=filters["status"])


@login_required
@permission_required(VIEW_BODY, raise_exception=True)
def body_list(request):
    filters = filters_of(request, FILTER_KEYS)
    page = paginate(request, _bodies(request.user, filters))
    context = {
        "page": page,
        "filters": filters,
        "query": query_of(filters),
        "statuses": BodyStatus.choices,
        "can_register": request.user.has_perm(services.MANAGE_BODY)
        and active_agencies(request.user, services.MANAGE_BODY).filter(body__isnull=True).exists(),
    }
    return render(request, "registry/body_list.html", context)


BODY_EXPORT = exports.register(
    exports.ListExport(
        key="registry.body_list",
        filename="执法主体.xlsx",
        columns=(
            Column("主体名称", lambda b: b.name),
            Column("机关/组织", lambda b: b.agency.name),
            Column("所属区划", lambda b: b.agency.region.name),
            Column("主体资格", lambda b: b.get_standing_display()),
            Column("依据", lambda b: b.legal_basis),
            Column("状态", lambda b: b.get_status_display()),
            Column("确认机关", lambda b: b.confirmed_by),
            Column("确认文号", lambda b: b.confirmation_document),
            Column("确认日期", lambda b: b.confirmed_on, "date"),
            Column("公告日期", lambda b: b.announced_on, "date"),
        ),
        queryset=lambda user, params: _bodies(user, filters_of(exports.request_of(params), FILTER_KEYS)),
        perm=VIEW_BODY,
    )
)


@login_required
@permission_required(VIEW_BODY, raise_exception=True)
def body_export(request):
    return exports.respond(request, BODY_EXPORT)


def _get_body(request, pk: int, *, manage: bool = False) -> EnforcementBody:
    body = access.get_visible_or_404(
        request.user,
        EnforcementBody.objects.select_related(
            "agency", "agency__region", "entrusting_agency", "merged_into"
        ),
        VIEW_BODY,
        pk=pk,
    )
    if manage:
        access.require(request.user, services.MANAGE_BODY, body)
    return body


def _actions(body: EnforcementBody) -> list[tuple[str, str]]:
    """The life-cycle steps open to `body` in its status: (url name, label)."""
    if body.status in (BodyStatus.MERGED, BodyStatus.REVOKED):
        return []
    actions = []
    if body.status == BodyStatus.PENDING:
        actions.append(("registry:body_confirm", "确认"))
    if body.status == BodyStatus.CONFIRMED:
        actions.append(("registry:body_announce", "重新公告" if body.announced_on else "公告"))
    actions += [
        ("registry:body_rename", "更名"),
        ("registry:body_merge", "合并"),
        ("registry:body_revoke", "撤销"),
    ]
    return actions


@login_required
@permission_required(VIEW_BODY, raise_exception=True)
def body_detail(request, pk: int):
    body = _get_body(request, pk)
    can_manage = access.can(request.user, services.MANAGE_BODY, body)
    context = {
        "body": body,
        "changes": body.changes.all(),
        "merged_from": body.merged_from.all(),
        "actions": [(reverse(name, args=[body.pk]), label) for name, label in _actions(body)]
        if can_manage
        else [],
    }
    return render(request, "registry/body_detail.html", context)


@login_required
@permission_required(VIEW_BODY, raise_exception=True)
def body_register(request):
    """新设: register an agency of the user's region as a (not yet confirmed) enforcement body."""
    if (
        not request.user.has_perm(services.MANAGE_BODY)
        or not active_agencies(request.user, services.MANAGE_BODY).exists()
    ):
        raise PermissionDenied("您无权登记执法主体")
    form = BodyRegisterForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            body = services.body_register(
                actor=request.user,
                agency=data["agency"],
                standing=data["standing"],
                on=data["on"],
                **form.service_data(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记执法主体“{body.name}”，待本级人民政府确认")
            return redirect("registry:body_detail", body.pk)
    return render_form(
        request,
        "新设执法主体",
        form,
        back=reverse("registry:body_list"),
        submit="登记",
        notice="综合行政执法机构以主管部门名义执法，不能登记为执法主体；开发区管理机构须登记赋权方式和文件；"
        "受委托组织须登记委托机关、委托事项与期限。",
    )


def _body_action(request, pk, form_class, *, title, submit, call, done, form_kwargs=None, notice=""):
    """One life-cycle step: `call(body, cleaned_data)` runs the service; its field errors go back to the form."""
    body = _get_body(request, pk, manage=True)
    kwargs = form_kwargs(body) if form_kwargs else {}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            call(body, form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("registry:body_detail", body.pk)
    return render_form(
        request,
        f"{title}：{body.name}",
        form,
        back=reverse("registry:body_detail", args=[body.pk]),
        submit=submit,
        notice=notice,
    )


@login_required
@permission_required(VIEW_BODY, raise_exception=True)
def body_confirm(request, pk: int):
    def call(body, data):
        services.body_confirm(
            actor=request.user,
            body=body,
            document=data["confirmation_document"],
            on=data["confirmed_on"],
            confirmed_by=data["confirmed_by"],
        )

    return _body_action(
        request,
        pk,
        BodyConfirmForm,
        title="确认执法主体",
        submit="确认",
        call=call,
        done="已确认，请及时向社会公告",
        notice="执法主体须经本级人民政府确认，请填写确认文件的文号和日期。",
    )


@login_required
@permission_required(VIEW_BODY, raise_exception=True)
def body_announce(request, pk: int):
    def call(body, data):
        services.body_announce(
            actor=request.user, body=body, text=data["announcement"], on=data["announced_on"]
        )

    return _body_action(
        request,
        pk,
        BodyAnnounceForm,
        title="公告执法主体",
        submit="公告",
        call=call,
        done="已公告，公众可在公示页面查看",
    )


@login_required
@permission_required(VIEW_BODY, raise_exception=True)
def body_rename(request, pk: int):
    def call(body, data):
        services.body_rename(
            actor=request.user, body=body, new_name=data["name"], document=data["document"], on=data["on"]
        )

    return _body_action(
        request,
        pk,
        BodyRenameForm,
        title="执法主体更名",
        submit="更名",
        call=call,
        done="已更名，须重新确认和公告",
        notice="更名后的执法主体须经本级人民政府重新确认并公告。",
    )


@login_required
@permission_required(VIEW_BODY, raise_exception=True)
def body_merge(request, pk: int):
    def call(body, data):
        services.body_merge(
            actor=request.user,
            bodies=list(data["bodies"]),
            into=body,
            document=data["document"],
            on=data["on"],
        )

    return _body_action(
        request,
        pk,
        BodyMergeForm,
        title="合并执法主体（并入本主体）",
        submit="合并",
        call=call,
        done="已合并，本主体须重新确认和公告",
        form_kwargs=lambda body: {"actor": request.user, "body": body},
        notice="被并入的执法主体终止；合并后的本主体须经本级人民政府重新确认并公告。",
    )


@login_required
@permission_required(VIEW_BODY, raise_exception=True)
def body_revoke(request, pk: int):
    def call(body, data):
        services.body_revoke(
            actor=request.user, body=body, document=data["document"], on=data["on"], reason=data["reason"]
        )

    return _body_action(
        request, pk, BodyRevokeForm, title="撤销执法主体", submit="撤销", call=call, done="已撤销"
    )
