"""The audit entries no service of ours writes: the sign-in events Django and django-axes announce. One
receiver per kind, connected in AuditConfig.ready (a signal is the only place these events pass through;
every other audited action — the 三员's changes included, there being no Django admin site — calls
audit_event from its service)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from .choices import AuditAction, AuditOutcome
from .services import audit_event


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


def connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="audit.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="audit.logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="audit.login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="audit.locked_out")
