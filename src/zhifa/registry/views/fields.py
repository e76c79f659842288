"""执法领域 (系统管理员): the list (search, 启用/停用, pages), add, edit the name and order, 停用 and 启用 —
each through registry.services. The list is the instance's: a county's admin sees it read-only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.core.forms import filters_of, query_of, refusal_messages, submit
from zhifa.core.pagination import paginate

from .. import selectors, services
from ..forms import FieldForm
from ..models import EnforcementField
from ._common import render_form

LIST = "registry:field_list"


def _require_keeper(request) -> None:
    if not services.may_keep_fields(request.user):
        raise PermissionDenied(services.FIELD_DENIED)


@login_required
@permission_required(services.VIEW_FIELD, raise_exception=True)
def field_list(request):
    filters = filters_of(request, ("q", "active"))
    context = {
        "page": paginate(request, selectors.fields_listed(q=filters["q"], active=filters["active"])),
        "filters": filters,
        "query": query_of(filters),
        "can_keep": services.may_keep_fields(request.user),
    }
    return render(request, "registry/field_list.html", context)


@login_required
@permission_required(services.ADD_FIELD, raise_exception=True)
def field_create(request):
    _require_keeper(request)
    form = FieldForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.field_create(actor=request.user, name=data["name"], ordering=data["ordering"]),
        done=lambda field: f"已新增执法领域：{field.name}",
        then=LIST,
    )
    return saved or render_form(request, "新增执法领域", form, back=reverse(LIST))


@login_required
@permission_required(services.CHANGE_FIELD, raise_exception=True)
def field_edit(request, code: str):
    field = get_object_or_404(EnforcementField, code=code)
    _require_keeper(request)
    form = FieldForm(request.POST or None, initial={"name": field.name, "ordering": field.ordering})
    saved = submit(
        request,
        form,
        lambda data: services.field_update(
            actor=request.user, field=field, name=data["name"], ordering=data["ordering"]
        ),
        done=lambda changed: f"执法领域已保存：{changed.name}",
        then=LIST,
    )
    return saved or render_form(request, f"修改执法领域：{field.name}", form, back=reverse(LIST))


def _switch(request, code: str, service, done: str):
    field = get_object_or_404(EnforcementField, code=code)
    _require_keeper(request)
    try:
        changed = service(actor=request.user, field=field)
    except ValidationError as exc:
        refusal_messages(request, exc)
    else:
        messages.success(request, f"{done}执法领域：{changed.name}")
    return redirect(LIST)


@login_required
@require_POST
@permission_required(services.CHANGE_FIELD, raise_exception=True)
def field_deactivate(request, code: str):
    return _switch(request, code, services.field_deactivate, "已停用")


@login_required
@require_POST
@permission_required(services.CHANGE_FIELD, raise_exception=True)
def field_activate(request, code: str):
    return _switch(request, code, services.field_activate, "已启用")
