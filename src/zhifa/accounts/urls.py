from django.contrib.auth import views as auth_views
from django.urls import path

from . import reauth_views, twofactor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("two-factor/", twofactor_views.verify, name="two_factor_verify"),
    path("two-factor/enrol/", twofactor_views.enrol, name="two_factor_enrol"),
    path("security/", twofactor_views.security, name="security"),
    path("security/recovery-codes/", twofactor_views.recovery_codes, name="two_factor_recovery_codes"),
    path("security/disable/", twofactor_views.disable, name="two_factor_disable"),
    path("reauth/", reauth_views.reauth_view, name="reauth"),
]
