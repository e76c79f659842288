from django.urls import path

from . import views

app_name = "detection"

urlpatterns = [
    path("", views.center, name="center"),
    path("run/", views.run, name="run"),
    path("hits/", views.hit_list, name="hit_list"),
    path("hits/export.xlsx", views.hit_export, name="hit_export"),
    path("hits/<int:pk>/", views.hit_detail, name="hit_detail"),
    path("hits/<int:pk>/<slug:action>/", views.hit_action, name="hit_action"),
    path("runs/", views.run_list, name="run_list"),
    path("parameters/", views.parameters, name="parameters"),
    path("parameters/set/", views.param_set, name="param_set"),
]
