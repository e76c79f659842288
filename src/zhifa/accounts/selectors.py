"""Reads of accounts, already scoped: a 系统管理员 or 安全管理员 of a region sees the accounts of its agencies."""

from django.conf import settings
from django.db.models import Q, QuerySet

from zhifa.core import access

from .choices import RoleCode
from .models import PasswordResetRequest, ResetRequestStatus, User

USER_SORTS = {
    "username": ("username",),
    "-date_joined": ("-date_joined", "username"),
    "agency": ("agency__region__code", "agency__name", "username"),
    "-last_login": ("-last_login", "username"),
}
USER_SORT_LABELS = {
    "username": "按用户名",
    "-date_joined": "按创建时间（新在前）",
    "agency": "按机关",
    "-last_login": "按最近登录",
}


def users_visible_to(
    user, *, q: str = "", role: str = "", active: str = "", sort: str = "username"
) -> QuerySet[User]:
    """账号列表: search by username, name or agency; filter by role and by 启用/停用."""
    rows = access.visible_to(user, User.objects.all(), "accounts.view_user").select_related("agency")
    if q:
        rows = rows.filter(
            Q(username__icontains=q) | Q(real_name__icontains=q) | Q(agency__name__icontains=q)
        )
    if role in RoleCode.values:
        rows = rows.filter(roles__code=role)
    if active in ("1", "0"):
        rows = rows.filter(is_active=active == "1")
    return rows.prefetch_related("roles").order_by(*USER_SORTS.get(sort, USER_SORTS["username"]))


def get_user(actor, pk) -> User:
    return access.get_visible_or_404(
        actor, User.objects.select_related("agency"), "accounts.view_user", pk=pk
    )


def reset_requests_visible_to(user, *, status: str = "") -> QuerySet[PasswordResetRequest]:
    """密码重置申请: those about accounts in the user's jurisdiction (the 系统管理员's own and the queue of
    the 安全管理员)."""
    rows = access.visible_to(user, PasswordResetRequest.objects.all(), "accounts.view_user")
    if status in ResetRequestStatus.values:
        rows = rows.filter(status=status)
    return rows.select_related("user", "requested_by", "decided_by")


def get_reset_request(actor, pk) -> PasswordResetRequest:
    return access.get_visible_or_404(
        actor,
        PasswordResetRequest.objects.select_related("user", "requested_by", "decided_by"),
        "accounts.view_user",
        pk=pk,
    )


def locked_attempts(user):
    """Accounts locked by django-axes (failures at or over the limit), with the user behind each when it is
    one the 安全管理员 may see; failures on an account of another region are not theirs to see."""
    from axes.models import AccessAttempt

    limit = settings.ZHIFA_LOCKOUT_ACCOUNT_FAILURES  # an account's lock (accounts.lockout)
    attempts = list(AccessAttempt.objects.filter(failures_since_start__gte=limit).order_by("-attempt_time"))
    names = {a.username for a in attempts}
    known = {u.username: u for u in User.objects.filter(username__in=names).select_related("agency")}
    visible = set(
        access.visible_to(
            user, User.objects.filter(username__in=names), "axes.view_accessattempt"
        ).values_list("username", flat=True)
    )
    return [(a, known.get(a.username)) for a in attempts if a.username not in known or a.username in visible]
