"""双随机 public pages (mounted at /gs/inspections/): published plans, draws, 扫码入企."""

from django.urls import path

from .views import public as views_public

app_name = "inspections_public"

urlpatterns = [
    path("", views_public.plans, name="plans"),
    path("plans/<int:pk>/", views_public.plan, name="plan"),
    path("draws/<int:pk>/", views_public.draw, name="draw"),
    path("draws/<int:pk>/file.json", views_public.draw_file, name="draw_file"),
    path("e/<str:token>/", views_public.enterprise, name="enterprise"),
    path("verify/", views_public.verify_draw, name="verify_draw"),
]
