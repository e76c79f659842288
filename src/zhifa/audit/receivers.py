"""The audit entries no service of ours writes: the sign-in events Django and django-axes announce, and
what the Django admin logs. One receiver per kind, connected in AuditConfig.ready (a signal is the only
place these events pass through; every other audited action calls audit_event from its service)."""

import json

from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save

from .choices import AuditAction, AuditOutcome
from .middleware import current_request
from .services import audit_event

ADMIN_FLAGS = {ADDITION: "新增", CHANGE: "修改", DELETION: "删除"}


def logged_in(sender, request, user, **kwargs):
    audit_event(AuditAction.LOGIN, actor=user, request=request)


def logged_out(sender, request, user, **kwargs):
    # `user` is None when the session had already expired: nobody to name, nothing happened.
    if user is not None:
        audit_event(AuditAction.LOGOUT, actor=user, request=request)


def login_failed(sender, credentials, request=None, **kwargs):
    """The username tried is kept (the password never: Django has already masked it). A wrong code at
    the second step of the login (accounts.twofactor_views) is its own kind."""
    audit_event(
        AuditAction.OTP_FAILED if credentials.get("second_factor") else AuditAction.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username", "") or ""),
        outcome=AuditOutcome.FAILURE,
    )


def locked_out(sender, request, username, ip_address, **kwargs):
    audit_event(
        AuditAction.LOCKOUT,
        request=request,
        username=str(username or ""),
        outcome=AuditOutcome.FAILURE,
        detail="连续登录失败次数达到上限，账号被锁定",
    )


def admin_logged(sender, instance: LogEntry, created: bool, **kwargs):
    """Every add, change and delete in the Django admin: the object named by its kind and id (its str()
    may hold case content), the change message by the fields it names."""
    if not created:
        return
    content_type = instance.content_type
    model = content_type.model_class() if content_type is not None else None
    kind = str(model._meta.verbose_name) if model is not None else "对象"
    flag = ADMIN_FLAGS.get(instance.action_flag, "操作")
    message = _changed_fields(instance)
    audit_event(
        AuditAction.ADMIN_ACTION,
        actor=instance.user,
        request=current_request(),
        object_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        object_id=str(instance.object_id or ""),
        object_repr=f"{kind} {instance.object_id or ''}".strip(),
        detail=f"管理后台{flag}" + (f"：{message}" if message else ""),
    )


def _changed_fields(entry: LogEntry) -> str:
    """The fields and inline kinds an admin change touched, by their names only: the stored message
    also quotes inline objects' str(), which is content."""
    try:
        parts = json.loads(entry.change_message or "[]")
    except ValueError:
        return ""
    names: list[str] = []
    for part in parts if isinstance(parts, list) else []:
        for verb, facts in part.items() if isinstance(part, dict) else ():
            if verb == "changed" and isinstance(facts, dict):
                names += [str(field) for field in facts.get("fields", [])]
            elif isinstance(facts, dict) and facts.get("name"):
                names.append(str(facts["name"]))
    return "、".join(dict.fromkeys(names))


def connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="audit.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="audit.logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="audit.login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="audit.locked_out")
    post_save.connect(admin_logged, sender=LogEntry, dispatch_uid="audit.admin_logged")
