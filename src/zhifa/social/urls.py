from django.urls import path

from .views import feedback, register, surveys

app_name = "social"

urlpatterns = [
    path("supervisors/", register.supervisor_list, name="supervisor_list"),
    path("supervisors/export.xlsx", register.supervisor_export, name="supervisor_export"),
    path("supervisors/new/", register.supervisor_new, name="supervisor_new"),
    path("supervisors/<int:pk>/", register.supervisor_detail, name="supervisor_detail"),
    path("supervisors/<int:pk>/renew/", register.supervisor_renew, name="supervisor_renew"),
    path("supervisors/<int:pk>/dismiss/", register.supervisor_dismiss, name="supervisor_dismiss"),
    path("points/", register.point_list, name="point_list"),
    path("points/export.xlsx", register.point_export, name="point_export"),
    path("points/new/", register.point_new, name="point_new"),
    path("points/<int:pk>/", register.point_detail, name="point_detail"),
    path("points/<int:pk>/renew/", register.point_renew, name="point_renew"),
    path("points/<int:pk>/revoke/", register.point_revoke, name="point_revoke"),
    path("feedback/", feedback.feedback_list, name="feedback_list"),
    path("feedback/export.xlsx", feedback.feedback_export, name="feedback_export"),
    path("feedback/new/", feedback.feedback_new, name="feedback_new"),
    path("feedback/<int:pk>/", feedback.feedback_detail, name="feedback_detail"),
    path("feedback/<int:pk>/acknowledge/", feedback.feedback_acknowledge, name="feedback_acknowledge"),
    path("feedback/<int:pk>/answer/", feedback.feedback_answer, name="feedback_answer"),
    path("feedback/<int:pk>/supervise/", feedback.feedback_supervise, name="feedback_supervise"),
    path("feedback/files/<int:pk>/", feedback.feedback_file, name="feedback_file"),
    path("feedback/<int:pk>/forward/", feedback.feedback_forward, name="feedback_forward"),
    path("surveys/", surveys.survey_list, name="survey_list"),
    path("surveys/new/", surveys.survey_new, name="survey_new"),
    path("surveys/template.xlsx", surveys.import_template, name="survey_template"),
    path("surveys/<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/responses/new/", surveys.response_new, name="response_new"),
    path("surveys/<int:pk>/import/", surveys.response_import, name="response_import"),
    path("surveys/<int:pk>/close/", surveys.survey_close, name="survey_close"),
    path("results/", surveys.results, name="results"),
    path("results/export.xlsx", surveys.results_export, name="results_export"),
]
