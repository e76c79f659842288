from django.urls import path

from .views import dashboards as dashboard_views

app_name = "stats"

urlpatterns: list = [
    # 驾驶舱 (issue 16 item 1)
    path("", dashboard_views.dashboard_view, name="dashboard"),
    path("region/<str:code>/", dashboard_views.region_dashboard, name="region"),
    path("region/<str:code>/export/", dashboard_views.region_export, name="region_export"),
    path("region/<str:code>/records/<str:figure>/", dashboard_views.region_records, name="region_records"),
    path("agency/<int:pk>/", dashboard_views.agency_dashboard, name="agency"),
    path("agency/<int:pk>/export/", dashboard_views.agency_export, name="agency_export"),
    path("agency/<int:pk>/records/<str:figure>/", dashboard_views.agency_records, name="agency_records"),
]
from .reports.urls import urlpatterns as reports_urls  # noqa: E402 — 报送

urlpatterns += reports_urls
