"""案卷评查 on the portal (mounted at /gs/supervision/campaigns/): published results and the draw file."""

from django.urls import path

from . import views

app_name = "campaigns_public"

urlpatterns = [
    path("", views.public_campaigns, name="list"),
    path("<int:pk>/", views.public_campaign, name="detail"),
    path("<int:pk>/draw.json", views.public_draw_file, name="draw_file"),
    path("<int:pk>/verify.json", views.public_verify, name="verify"),
]
