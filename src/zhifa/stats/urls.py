from django.urls import path  # noqa: F401 — each part appends its paths below

app_name = "stats"

urlpatterns: list = []

from .reports.urls import urlpatterns as reports_urls  # noqa: E402 — 报送

urlpatterns += reports_urls
