from django.contrib.auth import views as auth_views
from django.urls import path

from . import reauth_views, twofactor_views, views
from .console import parameters, security, users

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
    # the 三员's console (docs/security.md 三员分立)
    path("users/", users.user_list, name="user_list"),
    path("users/export.xlsx", users.user_export, name="user_export"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", users.user_set_active, name="user_set_active"),
    path("users/<int:pk>/password-reset/", users.user_password_reset, name="user_password_reset"),
    path("users/<int:pk>/roles/", security.user_roles, name="user_roles"),
    path("password-resets/", security.reset_list, name="reset_list"),
    path("password-resets/<int:pk>/", security.reset_detail, name="reset_detail"),
    path("locks/", security.lock_list, name="lock_list"),
    path("locks/unlock/", security.account_unlock, name="account_unlock"),
    path("parameters/", parameters.system_parameters, name="system_parameters"),
]
