"""联合执法, organisation and meeting pages — no app_name of their own: collaboration.urls includes them in
the "collaboration" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("joint/", views.joint_list, name="joint_list"),
    path("joint/export.xlsx", views.joint_export, name="joint_export"),
    path("joint/officers/", views.officer_search, name="joint_officers"),
    path("joint/new/<slug:kind>/", views.joint_new, name="joint_new"),
    path("joint/<int:pk>/", views.joint_detail, name="joint_detail"),
    path("joint/<int:pk>/<slug:step>/", views.joint_step, name="joint_step"),
    path("joint/findings/<int:pk>/split/", views.finding_split, name="joint_split"),
    path("joint/findings/<int:pk>/notify/", views.finding_notify, name="joint_notify"),
    path("joint/shares/<int:pk>/register/", views.share_register, name="joint_register"),
    path("joint/handovers/<int:pk>/<slug:step>/", views.handover_step, name="joint_handover"),
    path("organisation/", views.organisation_page, name="organisation"),
    path("organisation/group/", views.group_edit, name="group_edit"),
    path("organisation/liaisons/<int:agency_pk>/", views.liaison_edit, name="liaison_edit"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/record/", views.meeting_record, name="meeting_record"),
    path("meetings/decisions/<int:pk>/complete/", views.decision_complete, name="decision_complete"),
]
