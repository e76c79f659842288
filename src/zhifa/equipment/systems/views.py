"""执法信息系统 pages (thin: forms → services; reads through selectors): the register with search, filters,
sort, paging and Excel; one system with its record; 登记 and 更新."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import list_context, submit
from zhifa.core.models import Record
from zhifa.core.params import id_param
from zhifa.exchange.selectors import VIEW as EXCHANGE_VIEW

from . import exchange_source, forms, selectors, services
from .choices import Connection, SystemKind, SystemLevel, SystemStatus

FILTERS = ("q", "kind", "level", "connection", "status", "agency")


def _systems(request):
    rows = selectors.systems_visible_to(
        request.user,
        q=request.GET.get("q", ""),
        kind=request.GET.get("kind", ""),
        level=request.GET.get("level", ""),
        connection=request.GET.get("connection", ""),
        status=request.GET.get("status", ""),
        agency_id=id_param(request, "agency"),
    )
    return selectors.SYSTEM_SORTS.of(request).apply(rows)


@login_required
@permission_required(services.VIEW_SYSTEM, raise_exception=True)
def system_list(request):
    context = list_context(request, _systems(request), keys=FILTERS, sorts=selectors.SYSTEM_SORTS)
    context.update(
        kinds=SystemKind.choices,
        levels=SystemLevel.choices,
        connections=Connection.choices,
        statuses=SystemStatus.choices,
        can_register=request.user.has_perm(services.MANAGE_SYSTEM),
    )
    return render(request, "equipment/systems.html", context)


SYSTEM_EXPORT = exports.register(
    exports.ListExport(
        key="equipment.system_list",
        filename="执法信息系统.xlsx",
        columns=(
            Column("使用机关", lambda s: s.agency.name),
            Column("系统名称", lambda s: s.name),
            Column("系统类别", lambda s: s.get_kind_display()),
            Column("建设层级", lambda s: s.get_level_display()),
            Column("建设（承建）单位", lambda s: s.builder),
            Column("启用日期", lambda s: s.in_use_since, "date"),
            Column("与本平台对接", lambda s: s.get_connection_display()),
            Column("对接日期", lambda s: s.connected_on, "date"),
            Column("状态", lambda s: s.get_status_display()),
            Column("备注", lambda s: s.note),
        ),
        queryset=lambda user, params: _systems(exports.request_of(params, user)),
        perm=services.VIEW_SYSTEM,
    )
)


@login_required
@permission_required(services.VIEW_SYSTEM, raise_exception=True)
def system_export(request):
    return exports.respond(request, SYSTEM_EXPORT)  # a malformed agency id is a 400 before the file starts


@login_required
def system_new(request):
    if not request.user.has_perm(services.MANAGE_SYSTEM):
        raise Http404("未找到该页面")
    form = forms.SystemNewForm(request.POST or None, user=request.user)
    saved = submit(
        request,
        form,
        lambda data: services.system_register(
            actor=request.user, agency=data["agency"], data=form.to_input()
        ),
        done="执法信息系统已登记",
        then=lambda system: reverse("equipment:system_detail", args=[system.pk]),
    )
    back = reverse("equipment:system_list")
    return saved or render(
        request, "equipment/system_form.html", {"form": form, "title": "登记执法信息系统", "back": back}
    )


@login_required
def system_detail(request, pk: int):
    system = selectors.get_system(request.user, pk)
    last = selectors.last_exchange(system)
    return render(
        request,
        "equipment/system.html",
        {
            "system": system,
            "records": Record.objects.filter(
                subject_type="equipment.informationsystem", subject_id=str(system.pk)
            ).order_by("at", "id"),
            "can_manage": access.can(request.user, services.MANAGE_SYSTEM, system),
            "last_exchange": last,
            "can_view_exchange": last is not None and access.can(request.user, EXCHANGE_VIEW, last),
        },
    )


@login_required
def system_edit(request, pk: int):
    system = selectors.get_system(request.user, pk)
    if not access.can(request.user, services.MANAGE_SYSTEM, system):
        raise PermissionDenied("您无权更新该执法信息系统")
    form = forms.SystemForm(
        request.POST or None, initial={name: getattr(system, name) for name in services.SYSTEM_FIELDS}
    )
    back = reverse("equipment:system_detail", args=[system.pk])
    saved = submit(
        request,
        form,
        lambda _data: services.system_update(actor=request.user, system=system, data=form.to_input()),
        done="系统信息已更新",
        then=back,
    )
    title = f"更新执法信息系统：{system.name}"
    return saved or render(
        request, "equipment/system_form.html", {"form": form, "title": title, "back": back}
    )


@login_required
def system_link_exchange(request, pk: int):
    system = selectors.get_system(request.user, pk)
    if not access.can(request.user, services.MANAGE_SYSTEM, system):
        raise PermissionDenied("您无权为该执法信息系统关联数据交换来源")
    form = forms.ExchangeSourceForm(request.POST or None, initial={"exchange_source": system.exchange_source})
    back = reverse("equipment:system_detail", args=[system.pk])
    saved = submit(
        request,
        form,
        lambda data: exchange_source.system_link_exchange(
            actor=request.user, system=system, source=data["exchange_source"]
        ),
        done="数据交换来源已保存",
        then=back,
    )
    title = f"关联数据交换来源：{system.name}"
    return saved or render(
        request, "equipment/system_form.html", {"form": form, "title": title, "back": back}
    )


SYSTEM_URLS = (
    ("systems/", system_list, "system_list"),
    ("systems/export.xlsx", system_export, "system_export"),
    ("systems/new/", system_new, "system_new"),
    ("systems/<int:pk>/", system_detail, "system_detail"),
    ("systems/<int:pk>/edit/", system_edit, "system_edit"),
    ("systems/<int:pk>/exchange/", system_link_exchange, "system_link_exchange"),
)
