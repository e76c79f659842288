"""The re-authentication page (accounts.reauth): the password again, and the authenticator code when the user
has one; then back to where they were (a GET), or to a one-click resubmission of what they had sent (a
POST). Wrong answers count as failed logins (django-axes)."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from zhifa.core.forms import Form

from . import reauth, twofactor
from .twofactor_views import _count_failure, _locked_out, _next


class ReauthForm(Form):
    password = forms.CharField(
        label="密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": "请填写密码"},
    )
    code = forms.CharField(
        label="动态验证码",
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        error_messages={"required": "请填写动态验证码"},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not twofactor.has_device(user):
            del self.fields["code"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("密码不正确")
        return password

    def clean_code(self):
        code = self.cleaned_data["code"]
        if twofactor.match(self.user, code) is None:
            raise forms.ValidationError(twofactor.WRONG_CODE)
        return code


def page_context(form, next_url: str, carried: list[tuple[str, str]], resubmit: bool) -> dict:
    """What the page shows: `resubmit` when it stands in for a POST, whose fields it carries."""
    return {
        "form": form,
        "next": next_url,
        "carried": carried,
        "resubmit": resubmit,
        "minutes": settings.ZHIFA_REAUTH_MINUTES,
    }


@login_required
def reauth_view(request):
    """重新验证身份."""
    next_url = _next(request, field="reauth-next")
    resubmit = request.POST.get("reauth-resubmit") == "1"
    carried = reauth.carried_fields(request.POST) if request.method == "POST" else []
    form = ReauthForm(request.user, request.POST or None, prefix="reauth")
    if request.method == "POST" and form.is_valid():
        reauth.mark_authenticated(request)
        if resubmit:
            return render(request, "accounts/reauth_done.html", {"next": next_url, "carried": carried})
        return redirect(next_url)
    if request.method == "POST" and _count_failure(request):
        return _locked_out(request)
    return render(request, "accounts/reauth.html", page_context(form, next_url, carried, resubmit))
