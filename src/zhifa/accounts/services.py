"""Writes on users, roles and API tokens. Role changes are the 安全管理员's; accounts the 系统管理员's."""

import secrets
from datetime import datetime

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhifa.audit.choices import AuditAction
from zhifa.audit.services import audit_event
from zhifa.core import access, kit
from zhifa.core.kit import Actor, Person

from . import twofactor
from .choices import ADMIN_ROLES, RoleCode
from .models import ApiToken, PasswordResetRequest, ResetRequestStatus, Role, User, hash_token
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
    # is_staff marks the 三员 (there is no Django admin site: each works on pages of their own).
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
def user_disable(*, actor: Actor, user: User) -> User:
    """停用账号 (系统管理员): the account can no longer sign in, every session it has ends (its session
    version moves on, so each session's auth hash stops matching, in whatever store sessions live) and its
    API tokens are revoked, so enabling it again revives none of them."""
    access.require(actor, "accounts.change_user", user)
    if actor is not None and actor.pk == user.pk:
        kit.refuse("is_active", "不能停用自己的账号")
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        kit.refuse("is_active", f"账号{user.username}已是停用状态")
    user.is_active = False
    user.session_version += 1
    user.save(update_fields=["is_active", "session_version"])
    now = timezone.now()
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    _record(user, "user.disable", actor=actor, payload={"tokens_revoked": revoked})
    audit_event(AuditAction.ACCOUNT_CHANGE, actor=actor, obj=user, detail="停用账号")
    return user


@transaction.atomic
def user_enable(*, actor: Actor, user: User) -> User:
    """启用账号 (系统管理员): the person signs in afresh; old sessions and tokens stay ended."""
    access.require(actor, "accounts.change_user", user)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        kit.refuse("is_active", f"账号{user.username}已是启用状态")
    user.is_active = True
    user.save(update_fields=["is_active"])
    _record(user, "user.enable", actor=actor)
    audit_event(AuditAction.ACCOUNT_CHANGE, actor=actor, obj=user, detail="启用账号")
    return user


def _record(user: User, action: str, *, actor: Actor, payload: dict | None = None) -> None:
    """On the user's agency's chain, or the acting admin's when the account has no agency; an account
    made by the system without one has no chain to record on. Every account event (creation, roles,
    passwords, two-factor login) is written here: the one place an audit log hooks in."""
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
    """The active user behind a token key, or None for an unknown, revoked or expired key (a disabled
    account's are revoked by user_disable, and refused here besides)."""
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


# ---- two-factor login (accounts.twofactor) -------------------------------------------------------------


@transaction.atomic
def two_factor_enable(*, user: User, key: str, code: str) -> list[str]:
    """绑定身份验证器: `key` is the secret the enrolment page showed, `code` the app's first code, which
    proves the app holds it. Replaces any earlier device; returns the 10 new recovery codes (shown once)."""
    device = TOTPDevice(user=user, key=key, name="身份验证器", confirmed=True)
    if not twofactor.totp_verifies(device, code):
        kit.refuse("code", f"{twofactor.WRONG_CODE}，请输入身份验证器当前显示的6位数字")
    TOTPDevice.objects.filter(user=user).delete()
    device.save()
    codes = _new_recovery_codes(user)
    _record(user, "user.two_factor_enable", actor=user)
    return codes


@transaction.atomic
def two_factor_recovery_codes(*, user: User, code: str) -> list[str]:
    """重新生成恢复码 (a current code confirms it): the old ones stop working."""
    _require_code(user, code)
    codes = _new_recovery_codes(user)
    _record(user, "user.two_factor_recovery_codes", actor=user)
    return codes


@transaction.atomic
def two_factor_disable(*, user: User, code: str) -> None:
    """停用双因素认证 (a current code confirms it); refused to the roles that must use it."""
    if twofactor.is_required(user):
        kit.refuse("code", "您的角色须使用双因素认证，不能停用")
    _require_code(user, code)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _record(user, "user.two_factor_disable", actor=user)


def _require_code(user: User, code: str) -> None:
    if twofactor.match(user, code) is None:
        kit.refuse("code", twofactor.WRONG_CODE)


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="恢复码", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(twofactor.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


# ---- the 系统管理员's console: profile, disable/enable, temporary passwords (三员分立, docs/security.md) ----

PROFILE_FIELDS = ("real_name", "agency", "mobile", "email")


@transaction.atomic
def user_update(*, actor: Actor, user: User, **changes) -> User:
    """修改账号信息 (系统管理员): name, agency, mobile and e-mail — never roles (安全管理员) nor the password."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not a profile field: {sorted(unknown)}")
    user = kit.locked(User, user, actor=actor, perm="accounts.change_user")
    agency = changes.get("agency", user.agency)
    if agency is not None and not access.is_system(actor):
        access.require_for_agency(actor, "accounts.change_user", agency, "只能将账号调入本辖区内的机关")
    for name, value in changes.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(changes))
    _record(user, "user.update", actor=actor, payload=_user_payload(user))
    audit_event(AuditAction.ACCOUNT_CHANGE, actor=actor, obj=user, detail="修改账号信息")
    return user


# A temporary password: long and random, from every class the policy counts, without look-alike characters
# (it is read off a screen and typed in once).
_TEMPORARY_CLASSES = ("ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#%+=@")
TEMPORARY_PASSWORD_LENGTH = 16


def temporary_password(user: User | None = None) -> str:
    """A one-time password for `user`: generated, never chosen by a person, and checked by the policy."""
    pool = "".join(_TEMPORARY_CLASSES)
    while True:
        chars = [secrets.choice(group) for group in _TEMPORARY_CLASSES]
        chars += [secrets.choice(pool) for _ in range(TEMPORARY_PASSWORD_LENGTH - len(chars))]
        secrets.SystemRandom().shuffle(chars)
        candidate = "".join(chars)
        try:
            validate_password(candidate, user)
        except ValidationError:  # pragma: no cover - 16 random characters of 4 classes pass the policy
            continue
        return candidate


def resetter_label(actor: Actor) -> str:
    """Who reset a password, as the owner is told: "系统管理员郑强" (the system itself: 系统)."""
    if actor is None:
        return "系统"
    roles = [RoleCode(code).label for code in sorted(actor.role_codes & ADMIN_ROLES)]
    return f"{''.join(roles)}{actor.real_name or actor.username}"


def reset_notice(user: User) -> str:
    """What the owner is told at their next login after a reset by someone else."""
    if not (user.must_change_password and user.password_reset_at):
        return ""
    at = timezone.localtime(user.password_reset_at)
    when = f"{at.year}年{at.month}月{at.day}日 {at:%H:%M}"
    return f"您的密码已于{when} 由{user.password_reset_by}重置，请设置新密码。"


def _issue_temporary_password(*, actor: Actor, user: User, payload: dict) -> str:
    """Set a generated password that only works until its owner changes it; only its hash is kept."""
    password = temporary_password(user)
    now = timezone.now()
    user.set_password(password)
    user.must_change_password = True
    user.password_changed_at = user.password_reset_at = now
    user.password_reset_by = resetter_label(actor)[:80]
    user.save(
        update_fields=[
            "password",
            "must_change_password",
            "password_changed_at",
            "password_reset_at",
            "password_reset_by",
        ]
    )
    _record(user, "user.password_reset", actor=actor, payload={"temporary": True, **payload})
    audit_event(AuditAction.PASSWORD_RESET, actor=actor, obj=user, detail="签发临时密码")
    return password


def _refuse_own_account(actor: Actor, user: User) -> None:
    if actor is not None and actor.pk == user.pk:
        kit.refuse("user", "不能重置本人的密码，请使用“修改密码”")


@transaction.atomic
def password_reset_temporary(*, actor: Actor, user: User) -> str:
    """重置密码 (系统管理员) of a business account: a temporary password, returned to be shown once; the owner
    must change it at their next login. An admin account's reset needs the 安全管理员 (password_reset_request)."""
    user = kit.locked(User, user, actor=actor, perm="accounts.change_user")
    _refuse_own_account(actor, user)
    if user.is_admin_role:
        kit.refuse("user", "管理员账号的密码重置须经安全管理员审批，请提交重置申请")
    return _issue_temporary_password(actor=actor, user=user, payload={})


@transaction.atomic
def password_reset_request(*, actor: Person, user: User, reason: str) -> PasswordResetRequest:
    """申请重置管理员账号密码 (系统管理员): nothing is issued until the 安全管理员 approves."""
    user = kit.locked(User, user, actor=actor, perm="accounts.change_user")
    _refuse_own_account(actor, user)
    if not user.is_admin_role:
        kit.refuse("user", "业务账号可直接重置密码，无需申请")
    reason = reason.strip()
    if not reason:
        kit.refuse("reason", "请填写申请理由")
    if PasswordResetRequest.objects.filter(user=user, status=ResetRequestStatus.PENDING).exists():
        kit.refuse("user", "该账号已有待审批的密码重置申请")
    reset = PasswordResetRequest(user=user, reason=reason, requested_by=actor)
    reset.full_clean()
    reset.save()
    _record(user, "user.password_reset_request", actor=actor, payload={"request": reset.pk})
    audit_event(
        AuditAction.ADMIN_ACTION,
        actor=actor,
        obj=user,
        detail=f"申请重置管理员账号密码（第{reset.pk}号申请）",
    )
    return reset


def _locked_pending(*, actor: Person, reset: PasswordResetRequest) -> PasswordResetRequest:
    reset = PasswordResetRequest.objects.select_for_update().select_related("user").get(pk=reset.pk)
    access.require(actor, "accounts.approve_password_reset", reset.user)
    if reset.status != ResetRequestStatus.PENDING:
        kit.refuse("status", f"该申请{reset.get_status_display()}，不能再审批")
    if actor.pk in (reset.requested_by_id, reset.user_id):
        kit.refuse("status", "申请人和被重置账号本人不能审批该申请")
    return reset


@transaction.atomic
def password_reset_approve(*, actor: Person, reset: PasswordResetRequest) -> str:
    """批准 (安全管理员): the temporary password is issued now and returned to the approver alone, to be shown
    once; the requesting 系统管理员 never sees it, so neither admin can take over the account alone."""
    reset = _locked_pending(actor=actor, reset=reset)
    reset.status, reset.decided_by, reset.decided_at = ResetRequestStatus.APPROVED, actor, timezone.now()
    reset.save(update_fields=["status", "decided_by", "decided_at"])
    return _issue_temporary_password(actor=actor, user=reset.user, payload={"request": reset.pk})


@transaction.atomic
def password_reset_reject(
    *, actor: Person, reset: PasswordResetRequest, note: str = ""
) -> PasswordResetRequest:
    """驳回 (安全管理员): no password is issued."""
    reset = _locked_pending(actor=actor, reset=reset)
    reset.status, reset.decided_by, reset.decided_at = ResetRequestStatus.REJECTED, actor, timezone.now()
    reset.decision_note = note.strip()[:200]
    reset.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    _record(reset.user, "user.password_reset_reject", actor=actor, payload={"request": reset.pk})
    audit_event(
        AuditAction.ADMIN_ACTION,
        actor=actor,
        obj=reset.user,
        detail=f"驳回密码重置申请（第{reset.pk}号申请）",
    )
    return reset


# ---- the 安全管理员's console: unlocking an account locked by django-axes ------------------------------


@transaction.atomic
def account_unlock(*, actor: Person, username: str) -> int:
    """解锁账号: clear the failed-login counters of `username` (the lockout), returning how many were cleared.
    An account of a known user is unlocked only inside the actor's jurisdiction."""
    from axes.models import AccessAttempt
    from axes.utils import reset as axes_reset

    if not actor.has_perm("axes.delete_accessattempt"):
        raise PermissionDenied("您无权解锁账号")
    user = User.objects.filter(username=username).first()
    if user is not None:
        access.require(actor, "axes.delete_accessattempt", user)
    if not AccessAttempt.objects.filter(username=username).exists():
        kit.refuse("username", "该账号没有被锁定")
    cleared = axes_reset(username=username)
    audit_event(AuditAction.UNLOCK, actor=actor, obj=user, detail=f"解锁账号{username}")
    return cleared
