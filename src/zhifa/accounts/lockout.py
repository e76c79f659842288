"""登录锁定 (docs/security.md, 会话与锁定): django-axes counts failed logins by account and by client address;
this module gives it the two limits, and tells the API whether an account is locked right now."""

from datetime import timedelta

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

LOCKED_TOKEN_REASON = (
    "该账号因连续登录失败已被锁定，锁定期间API令牌不可用。请稍后再试，或联系安全管理员解锁。"
)


def _account_failures(username: str | None) -> int:
    """Failed logins for `username` within the cool-off, from any address."""
    if not username:
        return 0
    since = timezone.now() - (get_cool_off() or timedelta(0))
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def failure_limit(request, credentials) -> int:
    """AXES_FAILURE_LIMIT. axes compares one number, the larger of the account's and the address's
    failure counts, with one limit: the account's limit once the account has reached it, else the
    address's (higher) one — so an account locks at its limit and an address at its own."""
    account_limit = settings.ZHIFA_LOCKOUT_ACCOUNT_FAILURES
    if _account_failures(get_client_username(request, credentials)) >= account_limit:
        return account_limit
    return settings.ZHIFA_LOCKOUT_ADDRESS_FAILURES


def account_locked(username: str) -> bool:
    """Whether the account itself is locked now (an address's lock does not lock its accounts' tokens)."""
    return _account_failures(username) >= settings.ZHIFA_LOCKOUT_ACCOUNT_FAILURES
