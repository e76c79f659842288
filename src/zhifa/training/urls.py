from django.urls import path

from .views import completion, plans, studies, trainers

app_name = "training"

urlpatterns = [
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/export.xlsx", plans.plan_export, name="plan_export"),
    path("plans/new/", plans.plan_new, name="plan_new"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/items/", plans.plan_item_add, name="plan_item_add"),
    path("plans/<int:pk>/items/<int:item_id>/remove/", plans.plan_item_remove, name="plan_item_remove"),
    path("plans/<int:pk>/submit/", plans.plan_submit, name="plan_submit"),
    path("trainers/", trainers.trainer_list, name="trainer_list"),
    path("trainers/export.xlsx", trainers.trainer_export, name="trainer_export"),
    path("trainers/new/", trainers.trainer_new, name="trainer_new"),
    path("trainers/<int:pk>/", trainers.trainer_detail, name="trainer_detail"),
    path("trainers/<int:pk>/edit/", trainers.trainer_edit, name="trainer_edit"),
    path("trainers/<int:pk>/withdraw/", trainers.trainer_withdraw, name="trainer_withdraw"),
    path("studies/", studies.study_list, name="study_list"),
    path("studies/export.xlsx", studies.study_export, name="study_export"),
    path("studies/new/", studies.study_new, name="study_new"),
    path("studies/report/", studies.study_report, name="study_report"),
    path("studies/report/export.xlsx", studies.study_report_export, name="study_report_export"),
    path("studies/<int:pk>/", studies.study_detail, name="study_detail"),
    path("studies/<int:pk>/correct/", studies.study_correct, name="study_correct"),
    path("studies/<int:pk>/delete/", studies.study_delete, name="study_delete"),
    path("completion/", completion.completion, name="completion"),
    path("completion/export.xlsx", completion.completion_export, name="completion_export"),
]
