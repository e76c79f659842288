"""账号管理 (系统管理员): the list (search, filters, sort, paging, Excel), a new account with a temporary
password shown once, its profile, 停用/启用 and 重置密码 — a temporary password for a business account, a
request to the 安全管理员 for an admin account. Nowhere can an admin choose another person's password."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhifa.core import exports
from zhifa.core.exports import Column
from zhifa.core.forms import apply_errors, query_of, refusal_messages, submit
from zhifa.core.pagination import paginate

from .. import reauth, selectors, services
from ..choices import RoleCode
from ..models import ResetRequestStatus
from .forms import PROFILE_FIELDS, ProfileForm, ResetRequestForm, UserCreateForm, profile_initial

FILTERS = ("q", "role", "active", "sort")


def _filters(params) -> dict:
    raw = {key: (params.get(key) or "").strip() for key in FILTERS}
    if raw["sort"] not in selectors.USER_SORTS:
        raw["sort"] = "username"
    return raw


@login_required
@permission_required("accounts.view_user", raise_exception=True)
def user_list(request):
    filters = _filters(request.GET)
    page = paginate(request, selectors.users_visible_to(request.user, **filters))
    return render(
        request,
        "accounts/console/user_list.html",
        {
            "page": page,
            "filters": filters,
            "query": query_of(filters),
            "roles": RoleCode.choices,
            "sorts": list(selectors.USER_SORT_LABELS.items()),
        },
    )


USER_EXPORT = exports.register(
    exports.ListExport(
        key="accounts.user_list",
        filename="账号.xlsx",
        columns=(
            Column("用户名", lambda u: u.username),
            Column("姓名", lambda u: u.real_name),
            Column("所在机关", lambda u: u.agency.name if u.agency_id else ""),
            Column("角色", lambda u: "、".join(RoleCode(r.code).label for r in u.roles.all())),
            Column("状态", lambda u: "启用" if u.is_active else "停用"),
            Column("须修改密码", lambda u: "是" if u.must_change_password else "否"),
            Column("最近登录", lambda u: u.last_login),
        ),
        queryset=lambda user, params: selectors.users_visible_to(user, **_filters(params)),
        perm="accounts.view_user",
    )
)


@login_required
@permission_required("accounts.view_user", raise_exception=True)
def user_export(request):
    return exports.respond(request, USER_EXPORT)


@login_required
@permission_required("accounts.view_user", raise_exception=True)
def user_detail(request, pk: int):
    account = selectors.get_user(request.user, pk)
    pending = account.password_reset_requests.filter(status=ResetRequestStatus.PENDING).first()
    return render(
        request,
        "accounts/console/user_detail.html",
        {"account": account, "pending_reset": pending, "is_self": account.pk == request.user.pk},
    )


@never_cache
@login_required
@permission_required("accounts.add_user", raise_exception=True)
def user_create(request):
    """新增账号: its temporary password is shown on the answer to this request only (never stored in clear)."""
    form = UserCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        password = services.temporary_password()
        try:
            account = services.user_create(
                actor=request.user,
                username=data["username"],
                real_name=data["real_name"],
                agency=data["agency"],
                mobile=data["mobile"],
                password=password,
            )
            if data["email"]:
                services.user_update(actor=request.user, user=account, email=data["email"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _temporary_password_page(request, account, password, "账号已创建")
    return render(request, "accounts/console/form.html", {"form": form, "title": "新增账号", "back": "list"})


@login_required
@permission_required("accounts.change_user", raise_exception=True)
def user_edit(request, pk: int):
    account = selectors.get_user(request.user, pk)
    form = ProfileForm(request.POST or None, actor=request.user, initial=profile_initial(account))
    saved = submit(
        request,
        form,
        lambda data: services.user_update(
            actor=request.user, user=account, **{name: data[name] for name in PROFILE_FIELDS}
        ),
        done="账号信息已保存",
        then=reverse("accounts:user_detail", args=[account.pk]),
    )
    return saved or render(
        request,
        "accounts/console/form.html",
        {"form": form, "title": f"修改账号信息：{account}", "account": account},
    )


@login_required
@permission_required("accounts.change_user", raise_exception=True)
@require_POST
def user_set_active(request, pk: int):
    """停用 / 启用 (the button says which)."""
    account = selectors.get_user(request.user, pk)
    enable = request.POST.get("active") == "1"
    try:
        if enable:
            services.user_enable(actor=request.user, user=account)
        else:
            services.user_disable(actor=request.user, user=account)
    except ValidationError as exc:
        refusal_messages(request, exc)
    else:
        messages.success(request, "账号已启用" if enable else "账号已停用")
    return redirect("accounts:user_detail", account.pk)


@never_cache
@login_required
@permission_required("accounts.change_user", raise_exception=True)
@reauth.require_recent_auth
def user_password_reset(request, pk: int):
    """重置密码: a business account gets a temporary password at once; an admin account's reset is a request
    that the 安全管理员 approves (三员分立)."""
    account = selectors.get_user(request.user, pk)
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if account.is_admin_role:
                reset = services.password_reset_request(
                    actor=request.user, user=account, reason=form.cleaned_data["reason"]
                )
            else:
                password = services.password_reset_temporary(actor=request.user, user=account)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if account.is_admin_role:
                messages.success(
                    request, "重置申请已提交，待安全管理员审批；批准后由审批人向本人交付临时密码。"
                )
                return redirect("accounts:reset_detail", reset.pk)
            return _temporary_password_page(request, account, password, "密码已重置")
    return render(
        request,
        "accounts/console/password_reset.html",
        {"account": account, "form": form, "needs_approval": account.is_admin_role},
    )


def _temporary_password_page(request, account, password: str, title: str):
    """The one place a temporary password appears: this answer, not cached, never shown again."""
    return render(
        request,
        "accounts/console/temporary_password.html",
        {"account": account, "password": password, "title": title},
    )
