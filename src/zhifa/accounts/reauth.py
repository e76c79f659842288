"""Re-authentication before sensitive actions (再认证, docs/security.md): a role change, a password reset of
another user, an export of personal data. When the session's last authentication (the login, its second
step, or an earlier re-authentication) is older than ZHIFA_REAUTH_MINUTES, the user gives their password
again — and the code of their authenticator app when they have one — and comes back.

A GET comes back to the same address. A POST cannot be replayed by a redirect: the re-authentication page
carries the submitted fields (never a password field or a file) and, once the user is confirmed, shows
them in a form that the user submits again with one click."""

import functools
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

AUTH_AT_KEY = "zhifa_auth_at"
API_REASON = "导出个人信息前须重新验证身份：请在网页上重新输入密码后再试，或使用个人API令牌调用。"
# Fields never carried through the re-authentication page: the CSRF token (the page makes its own), and
# passwords, which are typed again rather than held in a page.
_NOT_CARRIED = ("csrfmiddlewaretoken", "reauth-", "password", "new_password")


def mark_authenticated(request) -> None:
    """The session has just proved who it is (a login, its second step, a re-authentication)."""
    request.session[AUTH_AT_KEY] = int(time.time())


def recently_authenticated(request) -> bool:
    at = request.session.get(AUTH_AT_KEY)
    return at is not None and time.time() - at <= settings.ZHIFA_REAUTH_MINUTES * 60


def carried_fields(post) -> list[tuple[str, str]]:
    """The submitted fields a POST brings through re-authentication (see the module's docstring)."""
    return [
        (name, value)
        for name, values in post.lists()
        if not name.startswith(_NOT_CARRIED)
        for value in values
    ]


def ask(request):
    """The answer to a request that needs a recent authentication it does not have: a GET is sent to the
    re-authentication page and back; a POST gets that page at once, carrying what was submitted."""
    if request.method == "GET":
        return redirect(reverse("accounts:reauth") + "?" + urlencode({"next": request.get_full_path()}))
    from .reauth_views import ReauthForm, page_context  # the page's form (views import this module)

    form = ReauthForm(request.user, prefix="reauth")
    context = page_context(form, request.get_full_path(), carried_fields(request.POST), resubmit=True)
    return render(request, "accounts/reauth.html", context)


def require_recent_auth(view):
    """Decorator for a view that does something sensitive: unless the session authenticated within
    ZHIFA_REAUTH_MINUTES, the user re-authenticates first (password, and the authenticator code when they
    have one) and then comes back (a GET to the same address; a POST to a page resubmitting the same
    fields). Works on function views and, through `method_decorator`, on class-based ones and admin
    methods. Place it inside `login_required`."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and not recently_authenticated(request):
            return ask(request)
        return view(request, *args, **kwargs)

    return wrapped


def export_guard(request):
    """core.exports' guard of personal-data exports: None when recently authenticated, else `ask`."""
    return None if recently_authenticated(request) else ask(request)


def require_recent_auth_api(request) -> None:
    """For an API operation that exports personal data: a browser session must have authenticated within
    ZHIFA_REAUTH_MINUTES (403 with the reason otherwise). A personal API token is a machine's credential,
    issued by its owner for that purpose: its calls carry no session and are not asked."""
    if getattr(request, "token_user", None) is not None:  # set by zhifa.api.TokenAuth
        return
    if not recently_authenticated(request):
        raise PermissionDenied(API_REASON)
