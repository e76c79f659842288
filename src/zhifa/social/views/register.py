"""行政执法监督员 and 监督联系点 pages: list (search, filters, sort, paging, Excel), new, detail, 续期 and
解聘/撤销. Phones are masked in lists and exports; the full number is shown on the detail page to those who
manage the register (个人信息保护法 第六条, 最小必要)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from zhifa.audit.services import audit_personal_data
from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import filters_of, query_of
from zhifa.core.pagination import paginate
from zhifa.core.params import id_param

from .. import forms, selectors
from ..choices import PersonCategory, PointKind, PointStatus, SupervisorStatus, TermState
from ..services import contact_points, supervisors, terms
from ..transitions import MANAGE_POINT, MANAGE_SUPERVISOR
from .shared import form_page, mask_phone, records

FILTERS = ("q", "kind", "term", "sort", "bureau")


def _filters(request, kinds, sorts) -> tuple[dict, selectors.RegisterFilters]:
    raw = filters_of(request, FILTERS)
    parsed = selectors.RegisterFilters(
        q=raw["q"],
        kind=raw["kind"] if raw["kind"] in kinds.values else "",
        term=raw["term"] if raw["term"] in TermState.values else "",
        bureau=id_param(request, "bureau"),
        sort=sorts.parse(raw["sort"]).value,
    )
    return raw, parsed


def _with_state(rows, ended: str):
    today = selectors.clocks.today()
    return [(row, terms.state(row, today, ended=ended)) for row in rows]


# ---- 行政执法监督员 ----------------------------------------------------------------------------------------


@login_required
def supervisor_list(request):
    raw, parsed = _filters(request, PersonCategory, selectors.SUPERVISOR_SORTS)
    page = paginate(request, selectors.supervisors_visible_to(request.user, parsed))
    page.object_list = _with_state(page.object_list, SupervisorStatus.DISMISSED)
    return render(
        request,
        "social/supervisors.html",
        {
            "page": page,
            "filters": raw,
            "query": query_of({**raw, "sort": parsed.sort}),
            "sorting": selectors.SUPERVISOR_SORTS.parse(parsed.sort),
            "kinds": PersonCategory.choices,
            "terms": TermState.choices,
            "can_manage": request.user.has_perm(MANAGE_SUPERVISOR),
        },
    )


SUPERVISOR_EXPORT = exports.register(
    exports.ListExport(
        key="social.supervisor_list",
        filename="行政执法监督员.xlsx",
        columns=(
            Column("姓名", lambda s, today: s.name),
            Column("身份类别", lambda s, today: s.get_category_display()),
            Column("工作单位及职务", lambda s, today: s.unit),
            Column("联系电话", lambda s, today: mask_phone(s.phone)),
            Column("关注领域", lambda s, today: s.fields_followed),
            Column("聘任机关", lambda s, today: s.bureau.name),
            Column("任期开始", lambda s, today: s.term_start, "date"),
            Column("任期结束", lambda s, today: s.term_end, "date"),
            Column(
                "任期状态", lambda s, today: terms.state(s, today, ended=SupervisorStatus.DISMISSED).label
            ),
        ),
        queryset=lambda user, params: selectors.supervisors_visible_to(
            user, _filters(exports.request_of(params), PersonCategory, selectors.SUPERVISOR_SORTS)[1]
        ),
        context=lambda user: selectors.clocks.today(),
        personal_data=True,  # names with (masked) phone numbers
    )
)


@login_required
def supervisor_export(request):
    _filters(request, PersonCategory, selectors.SUPERVISOR_SORTS)  # a malformed bureau id is a 400
    return exports.respond(request, SUPERVISOR_EXPORT)


@login_required
def supervisor_new(request):
    if not request.user.has_perm(MANAGE_SUPERVISOR):
        raise Http404("未找到该页面")
    form = forms.SupervisorForm(request.POST or None, user=request.user)
    return form_page(
        request, form, title="聘任行政执法监督员", back=reverse("social:supervisor_list"),
        call=lambda f: supervisors.supervisor_appoint(actor=request.user, data=f.to_input()),
        done="监督员已聘任", target=lambda s: reverse("social:supervisor_detail", args=[s.pk]),
    )  # fmt: skip


@login_required
def supervisor_detail(request, pk: int):
    supervisor = selectors.get_supervisor(request.user, pk)
    manage = access.can(request.user, MANAGE_SUPERVISOR, supervisor)
    if manage and supervisor.phone:
        audit_personal_data(request, supervisor, "联系电话")
    return render(
        request,
        "social/supervisor.html",
        {
            "supervisor": supervisor,
            "state": terms.state(supervisor, ended=SupervisorStatus.DISMISSED),
            "phone": supervisor.phone if manage else mask_phone(supervisor.phone),
            "agencies": list(supervisor.agencies.order_by("name")),
            "feedback": list(
                supervisor.feedback.select_related("agency").order_by("-received_on", "-id")[:20]
            ),
            "records": records(supervisor),
            "can_manage": manage and supervisor.status == SupervisorStatus.APPOINTED,
        },
    )


def _supervisor_step(request, pk: int, *, form_class, title: str, done: str, call):
    supervisor = selectors.get_supervisor(request.user, pk)
    if not access.can(request.user, MANAGE_SUPERVISOR, supervisor):
        raise PermissionDenied("您无权执行此操作")
    form = form_class(request.POST if request.method == "POST" else None)
    url = reverse("social:supervisor_detail", args=[supervisor.pk])
    return form_page(
        request, form, title=f"{title}：{supervisor.name}", back=url, done=done, target=lambda _: url,
        call=lambda f: call(supervisor, f.cleaned_data),
    )  # fmt: skip


@login_required
def supervisor_renew(request, pk: int):
    return _supervisor_step(
        request, pk, form_class=forms.RenewForm, title="续聘", done="已续聘",
        call=lambda s, d: supervisors.supervisor_renew(actor=request.user, supervisor=s, **d),
    )  # fmt: skip


@login_required
def supervisor_dismiss(request, pk: int):
    return _supervisor_step(
        request, pk, form_class=forms.EndForm, title="解聘", done="已解聘",
        call=lambda s, d: supervisors.supervisor_dismiss(actor=request.user, supervisor=s, **d),
    )  # fmt: skip


# ---- 监督联系点 ------------------------------------------------------------------------------------------


@login_required
def point_list(request):
    raw, parsed = _filters(request, PointKind, selectors.POINT_SORTS)
    page = paginate(request, selectors.points_visible_to(request.user, parsed))
    page.object_list = _with_state(page.object_list, PointStatus.REVOKED)
    return render(
        request,
        "social/points.html",
        {
            "page": page,
            "filters": raw,
            "query": query_of({**raw, "sort": parsed.sort}),
            "sorting": selectors.POINT_SORTS.parse(parsed.sort),
            "kinds": PointKind.choices,
            "terms": TermState.choices,
            "can_manage": request.user.has_perm(MANAGE_POINT),
        },
    )


POINT_EXPORT = exports.register(
    exports.ListExport(
        key="social.point_list",
        filename="监督联系点.xlsx",
        columns=(
            Column("名称", lambda p, today: p.name),
            Column("类型", lambda p, today: p.get_kind_display()),
            Column("统一社会信用代码", lambda p, today: p.credit_code),
            Column("地址", lambda p, today: p.address),
            Column("联络人", lambda p, today: p.liaison),
            Column("联络人电话", lambda p, today: mask_phone(p.liaison_phone)),
            Column("设立机关", lambda p, today: p.bureau.name),
            Column("设立期限开始", lambda p, today: p.term_start, "date"),
            Column("设立期限结束", lambda p, today: p.term_end, "date"),
            Column("期限状态", lambda p, today: terms.state(p, today, ended=PointStatus.REVOKED).label),
        ),
        queryset=lambda user, params: selectors.points_visible_to(
            user, _filters(exports.request_of(params), PointKind, selectors.POINT_SORTS)[1]
        ),
        context=lambda user: selectors.clocks.today(),
        personal_data=True,  # names with (masked) phone numbers
    )
)


@login_required
def point_export(request):
    _filters(request, PointKind, selectors.POINT_SORTS)  # a malformed bureau id is a 400
    return exports.respond(request, POINT_EXPORT)


@login_required
def point_new(request):
    if not request.user.has_perm(MANAGE_POINT):
        raise Http404("未找到该页面")
    form = forms.PointForm(request.POST or None, user=request.user)
    return form_page(
        request, form, title="设立监督联系点", back=reverse("social:point_list"),
        call=lambda f: contact_points.point_establish(actor=request.user, data=f.to_input()),
        done="监督联系点已设立", target=lambda p: reverse("social:point_detail", args=[p.pk]),
    )  # fmt: skip


@login_required
def point_detail(request, pk: int):
    point = selectors.get_point(request.user, pk)
    manage = access.can(request.user, MANAGE_POINT, point)
    if manage and point.liaison_phone:
        audit_personal_data(request, point, "联络人电话")
    return render(
        request,
        "social/point.html",
        {
            "point": point,
            "state": terms.state(point, ended=PointStatus.REVOKED),
            "phone": point.liaison_phone if manage else mask_phone(point.liaison_phone),
            "agencies": list(point.agencies.order_by("name")),
            "feedback": list(point.feedback.select_related("agency").order_by("-received_on", "-id")[:20]),
            "records": records(point),
            "can_manage": manage and point.status == PointStatus.ACTIVE,
        },
    )


def _point_step(request, pk: int, *, form_class, title: str, done: str, call):
    point = selectors.get_point(request.user, pk)
    if not access.can(request.user, MANAGE_POINT, point):
        raise PermissionDenied("您无权执行此操作")
    form = form_class(request.POST if request.method == "POST" else None)
    url = reverse("social:point_detail", args=[point.pk])
    return form_page(
        request, form, title=f"{title}：{point.name}", back=url, done=done, target=lambda _: url,
        call=lambda f: call(point, f.cleaned_data),
    )  # fmt: skip


@login_required
def point_renew(request, pk: int):
    return _point_step(
        request, pk, form_class=forms.RenewForm, title="续期", done="已续期",
        call=lambda p, d: contact_points.point_renew(actor=request.user, point=p, **d),
    )  # fmt: skip


@login_required
def point_revoke(request, pk: int):
    return _point_step(
        request, pk, form_class=forms.EndForm, title="撤销", done="已撤销",
        call=lambda p, d: contact_points.point_revoke(actor=request.user, point=p, **d),
    )  # fmt: skip
