from django.urls import path

from .views import bodies, certificates, compliance, fields, imports, officers

app_name = "registry"

urlpatterns = [
    path("officers/", officers.officer_list, name="officer_list"),
    path("officers/export.xlsx", officers.officer_export, name="officer_export"),
    path("officers/new/", officers.officer_create, name="officer_create"),
    path("officers/<int:pk>/", officers.officer_detail, name="officer_detail"),
    path("officers/<int:pk>/edit/", officers.officer_edit, name="officer_edit"),
    path("officers/<int:pk>/certificates/new/", officers.certificate_issue, name="certificate_issue"),
    path("officers/<int:pk>/trainings/new/", officers.training_add, name="training_add"),
    path("officers/<int:pk>/assessments/new/", officers.assessment_set, name="assessment_set"),
    path("trainings/<int:pk>/file/", officers.training_file, name="training_file"),
    path("certificates/", certificates.certificate_list, name="certificate_list"),
    path("certificates/export.xlsx", certificates.certificate_export, name="certificate_export"),
    path("certificates/<int:pk>/status/", certificates.certificate_status, name="certificate_status"),
    path("certificates/<int:pk>/check/", certificates.certificate_check, name="certificate_check"),
    path("bodies/", bodies.body_list, name="body_list"),
    path("bodies/export.xlsx", bodies.body_export, name="body_export"),
    path("bodies/new/", bodies.body_register, name="body_register"),
    path("bodies/<int:pk>/", bodies.body_detail, name="body_detail"),
    path("bodies/<int:pk>/confirm/", bodies.body_confirm, name="body_confirm"),
    path("bodies/<int:pk>/announce/", bodies.body_announce, name="body_announce"),
    path("bodies/<int:pk>/rename/", bodies.body_rename, name="body_rename"),
    path("bodies/<int:pk>/merge/", bodies.body_merge, name="body_merge"),
    path("bodies/<int:pk>/revoke/", bodies.body_revoke, name="body_revoke"),
    path("compliance/", compliance.compliance, name="compliance"),
    path("compliance/<int:agency_id>/training/", compliance.compliance_training, name="compliance_training"),
    path(
        "compliance/<int:agency_id>/reviewers/", compliance.compliance_reviewers, name="compliance_reviewers"
    ),
    path(
        "compliance/<int:agency_id>/training/export.xlsx",
        compliance.compliance_training_export,
        name="compliance_training_export",
    ),
    path("fields/", fields.field_list, name="field_list"),
    path("fields/new/", fields.field_create, name="field_create"),
    path("fields/<slug:code>/edit/", fields.field_edit, name="field_edit"),
    path("fields/<slug:code>/deactivate/", fields.field_deactivate, name="field_deactivate"),
    path("fields/<slug:code>/activate/", fields.field_activate, name="field_activate"),
    path("import/", imports.import_page, name="import"),
    path("import/template/<slug:kind>/", imports.import_template, name="import_template"),
]
