"""安全管理员 pages: 角色授权 (through user_set_roles, which enforces 三员分立), 账号解锁 (django-axes' lockouts)
and the queue of admin-account password resets to approve or reject."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhifa.core.forms import apply_errors, refusal_messages, submit
from zhifa.core.pagination import paginate

from .. import reauth, selectors, services
from ..models import ResetRequestStatus
from .forms import DecisionForm, RolesForm


@login_required
@permission_required("accounts.assign_roles", raise_exception=True)
@reauth.require_recent_auth
def user_roles(request, pk: int):
    """角色授权: grant and revoke; a set that breaks 三员分立 is refused with the reason, and nothing changes."""
    account = selectors.get_user(request.user, pk)
    form = RolesForm(request.POST or None, initial={"roles": sorted(account.role_codes)})

    def save(data):
        with transaction.atomic():
            services.user_set_roles(actor=request.user, user=account, roles=data["roles"])

    saved = submit(
        request, form, save, done="角色已保存", then=reverse("accounts:user_detail", args=[account.pk])
    )
    return saved or render(
        request,
        "accounts/console/form.html",
        {"form": form, "title": f"角色授权：{account}", "account": account, "submit_label": "保存角色"},
    )


@login_required
@permission_required("axes.view_accessattempt", raise_exception=True)
def lock_list(request):
    """账号解锁: the accounts django-axes has locked after too many failed logins."""
    return render(
        request, "accounts/console/lock_list.html", {"rows": selectors.locked_attempts(request.user)}
    )


@login_required
@permission_required("axes.delete_accessattempt", raise_exception=True)
@require_POST
def account_unlock(request):
    username = request.POST.get("username", "")
    try:
        services.account_unlock(actor=request.user, username=username)
    except ValidationError as exc:
        refusal_messages(request, exc)
    else:
        messages.success(request, f"账号{username}已解锁")
    return redirect("accounts:lock_list")


@login_required
@permission_required("accounts.view_user", raise_exception=True)
def reset_list(request):
    """密码重置申请: the 安全管理员's queue, and the 系统管理员's requests with their outcome."""
    status = request.GET.get("status", "")
    filters = {"status": status if status in ResetRequestStatus.values else ""}
    page = paginate(request, selectors.reset_requests_visible_to(request.user, **filters))
    return render(
        request,
        "accounts/console/reset_list.html",
        {"page": page, "filters": filters, "statuses": ResetRequestStatus.choices},
    )


@never_cache
@login_required
@permission_required("accounts.view_user", raise_exception=True)
def reset_detail(request, pk: int):
    """One request; the 安全管理员 approves (the temporary password is shown to them, once) or rejects."""
    reset = selectors.get_reset_request(request.user, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("accounts.approve_password_reset"):
            raise PermissionDenied("只有安全管理员可以审批密码重置申请")
        if not reauth.recently_authenticated(request):  # reading the request asks nothing; deciding does
            return reauth.ask(request)
        if form.is_valid():
            try:
                if "approve" in request.POST:
                    password = services.password_reset_approve(actor=request.user, reset=reset)
                    return render(
                        request,
                        "accounts/console/temporary_password.html",
                        {"account": reset.user, "password": password, "title": "已批准，临时密码已签发"},
                    )
                services.password_reset_reject(
                    actor=request.user, reset=reset, note=form.cleaned_data["note"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已驳回该申请，未签发临时密码")
                return redirect("accounts:reset_detail", reset.pk)
    can_decide = (
        request.user.has_perm("accounts.approve_password_reset")
        and reset.status == ResetRequestStatus.PENDING
        and request.user.pk not in (reset.requested_by_id, reset.user_id)
    )
    return render(
        request,
        "accounts/console/reset_detail.html",
        {"reset": reset, "form": form, "can_decide": can_decide},
    )
