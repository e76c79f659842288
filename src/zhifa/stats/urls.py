from django.urls import path  # noqa: F401 — each part appends its paths below

app_name = "stats"

urlpatterns: list = []
