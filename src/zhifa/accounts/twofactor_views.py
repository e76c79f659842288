"""The pages of two-factor login (accounts.twofactor): the code after the password, enrolment (QR code,
first code, recovery codes shown once), and 账号安全 (regenerate recovery codes, disable)."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zhifa.core.forms import Form, apply_errors

from . import services, twofactor


class CodeForm(Form):
    code = forms.CharField(
        label="动态验证码",
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
        error_messages={"required": "请填写动态验证码"},
    )


def _next(request, field: str = "next") -> str:
    """Where to go afterwards: the `next` asked for, when it is an address on this site."""
    target = request.POST.get(field) or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _credentials(user) -> dict:
    return {"username": user.get_username()}


def _locked_out(request):
    """The account is locked (django-axes): the half-open session ends and the lockout page is shown."""
    credentials = _credentials(request.user)
    logout(request)
    return get_lockout_response(request, credentials)


def _count_failure(request) -> bool:
    """A wrong code counts as a failed login: django-axes counts it toward the lockout (and whatever
    listens to user_login_failed, such as an audit log, sees it). Whether the account is now locked."""
    credentials = {**_credentials(request.user), "second_factor": True}  # the audit log tells it apart
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return AxesProxyHandler.is_locked(request, credentials)


@login_required
def verify(request):
    """The second step of the login: the authenticator app's code, or a recovery code."""
    if request.session.get(twofactor.STATE_KEY) != twofactor.VERIFY:
        return redirect(_next(request))
    if AxesProxyHandler.is_locked(request, _credentials(request.user)):
        return _locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.match(request.user, form.cleaned_data["code"])
        if device is not None:
            twofactor.mark_verified(request, device)
            return redirect(_next(request))
        form.add_error("code", twofactor.WRONG_CODE)
        if _count_failure(request):
            return _locked_out(request)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)})


@login_required
def enrol(request):
    """绑定身份验证器: the QR code of a new secret (kept in the session until confirmed), confirmed with the
    app's first code; then the recovery codes, shown this once."""
    key = request.session.get(twofactor.PENDING_KEY)
    if key is None:
        key = request.session[twofactor.PENDING_KEY] = twofactor.new_key()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_enable(user=request.user, key=key, code=form.cleaned_data["code"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            twofactor.mark_verified(request, twofactor.totp_device(request.user))
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": _next(request), "new": True},
            )
    context = {
        "form": form,
        "qr": twofactor.qr_svg(request.user, key),
        "key_text": twofactor.key_text(key),
        "required": twofactor.is_required(request.user),
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@login_required
def security(request):
    """账号安全: whether two-factor login is on, how many recovery codes are left, and what can be done."""
    return _security(request)


def _security(request, **forms_given):
    user = request.user
    context = {
        "enabled": twofactor.has_device(user),
        "required": twofactor.is_required(user),
        "codes_left": twofactor.recovery_codes_left(user),
        "regenerate_form": forms_given.get("regenerate") or CodeForm(prefix="regenerate"),
        "disable_form": forms_given.get("disable") or CodeForm(prefix="disable"),
    }
    return render(request, "accounts/security.html", context, status=400 if forms_given else 200)


@login_required
@require_POST
def recovery_codes(request):
    """重新生成恢复码 (with a current code)."""
    form = CodeForm(request.POST, prefix="regenerate")
    if form.is_valid():
        try:
            codes = services.two_factor_recovery_codes(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            apply_errors(form, exc)
            if _count_failure(request):
                return _locked_out(request)
        else:
            return render(request, "accounts/two_factor_codes.html", {"codes": codes, "new": False})
    return _security(request, regenerate=form)


@login_required
@require_POST
def disable(request):
    """停用双因素认证 (with a current code; not for the roles that must use it)."""
    form = CodeForm(request.POST, prefix="disable")
    if form.is_valid():
        try:
            services.two_factor_disable(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            apply_errors(form, exc)
            if not twofactor.is_required(request.user) and _count_failure(request):
                return _locked_out(request)
        else:
            messages.success(request, "双因素认证已停用。")
            return redirect("accounts:security")
    return _security(request, disable=form)
