import hashlib

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from zhifa.core.access import Scope
from zhifa.core.models import Agency

from .choices import ADMIN_ROLES, RoleCode
from .permissions import ROLE_PERMISSIONS, ROLE_SCOPE

mobile_validator = RegexValidator(r"^1[3-9]\d{9}$", "手机号码应为以1开头的11位数字")


class Role(models.Model):
    """角色 — one of the fixed roles of RoleCode; rows are seeded by a migration, never edited."""

    code = models.CharField("代码", max_length=32, primary_key=True, choices=RoleCode.choices)
    name = models.CharField("名称", max_length=32)

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """用户 — a person who logs in: an officer, a reviewer, a supervisor or one of the 三员."""

    real_name = models.CharField("姓名", max_length=32)
    agency = models.ForeignKey(
        Agency, verbose_name="所在机关", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    mobile = models.CharField("手机号码", max_length=11, blank=True, validators=[mobile_validator])
    roles = models.ManyToManyField(Role, verbose_name="角色", blank=True, related_name="users")
    # 口令策略 (docs/security.md): set by someone else (a new account, a reset), a password must be changed
    # by its owner before anything else; one older than ZHIFA_PASSWORD_MAX_AGE_DAYS is reminded.
    must_change_password = models.BooleanField("须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", default=timezone.now)
    # 会话与锁定: raised when the account is disabled, which ends every session signed in before (the
    # session's auth hash covers it), in whatever store the sessions live (database, cached_db, Redis).
    session_version = models.PositiveIntegerField("会话版本", default=0, editable=False)
    # The last reset by someone else (临时密码): told to the owner at their next login, so that a reset they did
    # not ask for is noticed. By whom is kept as text (role and name then), as the notice must survive the
    # resetting account's later changes.
    password_reset_at = models.DateTimeField("密码重置时间", null=True, blank=True)
    password_reset_by = models.CharField("密码重置人", max_length=80, blank=True)

    objects = UserManager()

    jurisdiction_field = "agency"
    REQUIRED_FIELDS = ["real_name"]

    class Meta:
        verbose_name = verbose_name_plural = "用户"
        ordering = ["agency_id", "username"]
        permissions = [
            ("assign_roles", "分配角色"),
            ("use_api_token", "使用个人API令牌"),
            ("approve_password_reset", "审批管理员密码重置"),
        ]

    def __str__(self) -> str:
        return f"{self.real_name}（{self.username}）" if self.real_name else self.username

    @property
    def role_codes(self) -> frozenset[str]:
        if not hasattr(self, "_role_codes"):
            self._role_codes = (
                frozenset(self.roles.values_list("code", flat=True)) if self.pk else frozenset()
            )
        return self._role_codes

    @property
    def is_admin_role(self) -> bool:
        return bool(self.role_codes & ADMIN_ROLES)

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password, with the session version once it has been raised (version 0
        keeps the hashes of sessions signed in before the version existed)."""
        if not self.session_version:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "zhifa.accounts.User.session_auth_hash"
        value = f"{self.password}:{self.session_version}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def password_age_days(self) -> int:
        return (timezone.now() - self.password_changed_at).days

    def role_labels(self) -> str:
        return "、".join(RoleCode(code).label for code in sorted(self.role_codes))

    def jurisdiction_scopes(self, perm: str) -> set[Scope]:
        """core.access asks this: over which scopes does one of my roles grant `perm`?"""
        return {ROLE_SCOPE[code] for code in self.role_codes if perm in ROLE_PERMISSIONS[code]}


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """个人API令牌 — lets another system call the API as this user. Only the sha256 of the key is kept;
    the key itself is shown once, when it is created."""

    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=64)
    prefix = models.CharField("前缀", max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    expires_at = models.DateTimeField("过期时间", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    jurisdiction_field = "user__agency"

    class Meta:
        verbose_name = verbose_name_plural = "API令牌"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"


class ResetRequestStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "已驳回"


class PasswordResetRequest(models.Model):
    """管理员账号密码重置申请 — 三员分立: the 系统管理员 may not reset an admin account's password alone; the
    安全管理员 approves, and only then is a temporary password issued (to the approver, shown once)."""

    user = models.ForeignKey(
        User, verbose_name="账号", on_delete=models.PROTECT, related_name="password_reset_requests"
    )
    reason = models.CharField("申请理由", max_length=200)
    requested_by = models.ForeignKey(User, verbose_name="申请人", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField("申请时间", default=timezone.now)
    status = models.CharField(
        "状态", max_length=16, choices=ResetRequestStatus.choices, default=ResetRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        User, verbose_name="审批人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=200, blank=True)

    jurisdiction_field = "user__agency"

    class Meta:
        verbose_name = verbose_name_plural = "密码重置申请"
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user}的密码重置申请"
