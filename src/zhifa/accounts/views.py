from django import forms
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from zhifa.core.forms import Form, apply_errors

from . import rotation, services
from .models import ApiToken


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # as core.forms.Form: no ASCII colon after a Chinese label
        super().__init__(*args, **kwargs)

    def save(self, commit=True):
        # Through the service: it restarts the rotation clock, ends a forced change and records it.
        return services.password_change(user=self.user, password=self.cleaned_data["new_password1"])


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def get_context_data(self, **kwargs):
        # After a reset by someone else the owner is told when and by whom (三员分立, docs/security.md).
        return super().get_context_data(
            must_change_reason=rotation.MUST_CHANGE_REASON,
            reset_notice=services.reset_notice(self.request.user),
            **kwargs,
        )


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class TokenForm(Form):
    name = forms.CharField(label="用途", required=False)  # the service requires it


@login_required
def token_list(request):
    """个人API令牌: create one (its key is shown once) or revoke one."""
    new_key, form = None, TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, new_key = services.api_token_create(actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "accounts/token_list.html", {"tokens": tokens, "new_key": new_key, "form": form})


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"令牌“{token.name}”已吊销")
    return redirect("accounts:token_list")
