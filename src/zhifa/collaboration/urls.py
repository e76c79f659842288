from django.urls import path  # noqa: F401 — each part appends its paths below

app_name = "collaboration"

urlpatterns: list = []

from .notices.urls import urlpatterns as notices_urls  # noqa: E402 — 抄告, 协助, 行刑衔接

urlpatterns += notices_urls
