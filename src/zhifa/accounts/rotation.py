"""Password rotation (口令策略, docs/security.md): a password set by someone else is changed before anything
else, and one older than ZHIFA_PASSWORD_MAX_AGE_DAYS is reminded on every page."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect

MUST_CHANGE_REASON = "您的密码由他人设置（新建账号或重置密码），须先修改密码才能继续使用。"

# Where a user who must change their password may still go: the change itself, leaving, and the public portal.
_ALLOWED_VIEWS = {
    "accounts:password_change",
    "accounts:password_change_done",
    "accounts:logout",
    "accounts:login",
    # the second step of a login comes first (accounts.twofactor)
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
}
_PUBLIC_PREFIXES = ("/gs/", "/static/")


class PasswordChangeRequiredMiddleware:
    """Until a forced change is done, staff pages redirect to 修改密码 and the API answers 403 with the reason.
    (API token requests are refused in zhifa.api.TokenAuth, which is where they are authenticated.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and user.must_change_password):
            return None
        if request.resolver_match.view_name in _ALLOWED_VIEWS or request.path.startswith(_PUBLIC_PREFIXES):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": MUST_CHANGE_REASON}, status=403)
        return redirect("accounts:password_change")


def password_reminder(request) -> dict:
    """Context processor: `password_age_days` when the signed-in user's password is past its age."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.must_change_password:
        return {}
    age = user.password_age_days()
    if age <= settings.ZHIFA_PASSWORD_MAX_AGE_DAYS:
        return {}
    return {"password_age_days": age, "password_max_age_days": settings.ZHIFA_PASSWORD_MAX_AGE_DAYS}
