"""指导案例 on the portal, open to everyone (mounted at /gs/guidance/)."""

from django.urls import path

from . import views

app_name = "guidance_public"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<int:pk>/", views.public_detail, name="detail"),
]
