"""Writes on users, roles and API tokens. Role changes are the 安全管理员's; accounts the 系统管理员's."""

import secrets
from datetime import datetime

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhifa.audit.choices import AuditAction
from zhifa.audit.services import audit_event
from zhifa.core import access, kit
from zhifa.core.kit import Actor

from .choices import ADMIN_ROLES, RoleCode
from .models import ApiToken, Role, User, hash_token
from .permissions import validate_role_set

TOKEN_PREFIX = "zf_"


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    real_name: str,
    agency,
    password: str,
    mobile: str = "",
    roles=(),
    request=None,
) -> User:
    """新增用户 (系统管理员). Roles are assigned here only when the actor may assign roles."""
    if not access.is_system(actor):
        if not actor.has_perm("accounts.add_user"):
            raise PermissionDenied("您无权新增用户")
        if actor.agency is None or not agency.region.path.startswith(actor.agency.region.path):
            raise PermissionDenied("只能为本辖区内的机关新增用户")
    # A password chosen by someone else is changed by its owner at first login (the system's own demo
    # and command-line accounts are not: nobody else knows theirs).
    user = User(
        username=username,
        real_name=real_name,
        agency=agency,
        mobile=mobile,
        must_change_password=actor is not None,
    )
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    user.save()
    _record(user, "user.create", actor=actor, payload=_user_payload(user))
    audit_event(AuditAction.ACCOUNT_CHANGE, actor=actor, request=request, obj=user, detail="新增用户")
    if roles:
        user_set_roles(actor=actor, user=user, roles=roles, request=request)
    return user


@transaction.atomic
def user_set_roles(*, actor: Actor, user: User, roles, request=None) -> User:
    """分配角色 (安全管理员), under 三员分立. `request` (where there is one) gives the audit entry its IP."""
    access.require(actor, "accounts.assign_roles", user)
    codes = sorted({str(getattr(role, "code", role)) for role in roles})
    validate_role_set(codes)
    unknown = set(codes) - set(Role.objects.filter(code__in=codes).values_list("code", flat=True))
    if unknown:
        kit.refuse("roles", f"未知角色：{'、'.join(sorted(unknown))}")
    user.roles.set(Role.objects.filter(code__in=codes))
    user.__dict__.pop("_role_codes", None)
    user.__dict__.pop("_role_perm_cache", None)
    # Only the 三员 enter the Django admin.
    is_staff = bool(set(codes) & ADMIN_ROLES)
    if user.is_staff != is_staff:
        User.objects.filter(pk=user.pk).update(is_staff=is_staff)
        user.is_staff = is_staff
    _record(user, "user.set_roles", actor=actor, payload={"roles": codes})
    labels = "、".join(RoleCode(code).label for code in codes) or "无"
    audit_event(
        AuditAction.PERMISSION_CHANGE, actor=actor, request=request, obj=user, detail=f"角色设为：{labels}"
    )
    return user


@transaction.atomic
def password_change(*, user: User, password: str, request=None) -> User:
    """修改密码 by its owner: the policy applies, the rotation clock restarts and a forced change is done."""
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    _record(user, "user.password_change", actor=user)
    audit_event(AuditAction.PASSWORD_CHANGE, actor=user, request=request, obj=user)
    return user


@transaction.atomic
def password_reset(*, actor: Actor, user: User, password: str, request=None) -> User:
    """重置密码 of someone else: the owner must change it at their next login, since another person knows it."""
    if actor is not None and actor.pk == user.pk:
        return password_change(user=user, password=password, request=request)
    access.require(actor, "accounts.change_user", user)
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    _record(user, "user.password_reset", actor=actor)
    audit_event(AuditAction.PASSWORD_RESET, actor=actor, request=request, obj=user)
    return user


def _record(user: User, action: str, *, actor: Actor, payload: dict | None = None) -> None:
    """On the user's agency's chain, or the acting admin's when the account has no agency; an account
    made by the system without one has no chain to record on."""
    agency = user.agency if user.agency_id else getattr(actor, "agency", None)
    if agency is not None:
        kit.record(user, action, actor=actor, payload=payload, agency=agency)


def _user_payload(user: User) -> dict:
    return {"username": user.username, "real_name": user.real_name, "agency": user.agency_id}


@transaction.atomic
def api_token_create(*, actor: User, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A personal API token for `actor`. Returns the token and its key, which is shown only now."""
    if not actor.has_perm("accounts.use_api_token"):
        raise PermissionDenied("您的角色不能使用API令牌")
    name = name.strip()
    if not name:
        kit.refuse("name", "请填写令牌用途")
    longest = ApiToken._meta.get_field("name").max_length
    assert longest is not None  # a CharField's
    if len(name) > longest:
        kit.refuse("name", f"“用途”最多{longest}个字符")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name, prefix=key[:10], key_hash=hash_token(key), expires_at=expires_at
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk:
        raise PermissionDenied("只能吊销本人的令牌")
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def user_for_token(key: str) -> User | None:
    """The active user behind a token key, or None for an unknown, revoked or expired key."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or (token.expires_at and token.expires_at <= now):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
