"""会话超时 (docs/security.md, 会话与锁定): a signed-in session ends after ZHIFA_SESSION_IDLE_MINUTES without a
request and ZHIFA_SESSION_ABSOLUTE_HOURS after its login whatever the activity; its user is signed out and
told why on the login page. The login time is stamped at login (`stamp_login`, on Django's user_logged_in)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import resolve_url
from django.utils.http import urlencode

TIMEOUT_MESSAGE = "登录已超时，请重新登录"
LOGIN_AT = "zhifa_login_at"  # epoch seconds: sessions are stored as JSON
SEEN_AT = "zhifa_seen_at"
_PUBLIC_PREFIXES = ("/gs/", "/static/")


def stamp_login(sender, request, user, **kwargs) -> None:
    """At login (after Django gave the session a new key): the absolute limit counts from now."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = request.session[SEEN_AT] = time.time()


def expired(session, now: float) -> bool:
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if login_at is not None and now - login_at > settings.ZHIFA_SESSION_ABSOLUTE_HOURS * 3600:
        return True
    return seen_at is not None and now - seen_at > settings.ZHIFA_SESSION_IDLE_MINUTES * 60


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware (reads request.user) and MessageMiddleware (the login page's message)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = time.time()
        if SESSION_KEY in request.session and expired(request.session, now):
            logout(request)  # flushes the session: its key and data are gone
            if not request.path.startswith(_PUBLIC_PREFIXES):
                return self._timed_out(request)
        response = self.get_response(request)
        if SESSION_KEY in request.session:
            request.session.setdefault(LOGIN_AT, now)  # a session signed in before this middleware
            request.session[SEEN_AT] = now
        return response

    def _timed_out(self, request) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": TIMEOUT_MESSAGE}, status=401)
        messages.warning(request, TIMEOUT_MESSAGE)
        login = resolve_url(settings.LOGIN_URL) + "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):  # htmx would swap the login page into a fragment
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login
            return response
        response = HttpResponse(status=302)
        response["Location"] = login
        return response
