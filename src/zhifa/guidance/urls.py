"""典型案例 — staff pages (mounted at /guidance/)."""

from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("", views.exemplar_list, name="list"),
    path("propose/<int:case_id>/", views.exemplar_propose, name="propose"),
    path("<int:pk>/", views.exemplar_detail, name="detail"),
    path("<int:pk>/resubmit/", views.exemplar_resubmit, name="resubmit"),
    path("<int:pk>/adopt/", views.exemplar_adopt, name="adopt"),
    path("<int:pk>/return/", views.exemplar_return, name="return"),
    path("<int:pk>/publish/", views.exemplar_publish, name="publish"),
]
