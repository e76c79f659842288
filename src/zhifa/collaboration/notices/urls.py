"""抄告, 信息共享, 协助 and 移送 pages, in the "collaboration" namespace (collaboration/urls.py)."""

from django.urls import path

from ..assistance import views as assistance
from ..referrals import views as referrals
from . import views

urlpatterns = [
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/export.xlsx", views.notice_export, name="notice_export"),
    path("notices/new/", views.notice_new, name="notice_new"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/file.<str:fmt>", views.notice_file, name="notice_file"),
    path("notices/<int:pk>/<slug:action>/", views.notice_step, name="notice_step"),
    path("sharing/", views.sharing_list, name="sharing_list"),
    path("sharing/new/", views.sharing_new, name="sharing_new"),
    path("sharing/<int:pk>/share/", views.sharing_share, name="sharing_share"),
    path("assistance/", assistance.assistance_list, name="assistance_list"),
    path("assistance/export.xlsx", assistance.assistance_export, name="assistance_export"),
    path("assistance/new/", assistance.assistance_new, name="assistance_new"),
    path("assistance/<int:pk>/", assistance.assistance_detail, name="assistance_detail"),
    path("assistance/<int:pk>/file.<str:fmt>", assistance.assistance_file, name="assistance_file"),
    path("assistance/<int:pk>/<slug:action>/", assistance.assistance_step, name="assistance_step"),
    path("referrals/", referrals.referral_list, name="referral_list"),
    path("referrals/new/", referrals.referral_new, name="referral_new"),
    path("referrals/receive/", referrals.referral_receive, name="referral_receive"),
    path("referrals/court/<int:case_pk>/", referrals.court_apply, name="court_apply"),
    path("referrals/<int:pk>/", referrals.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/<slug:action>/", referrals.referral_step, name="referral_step"),
]
