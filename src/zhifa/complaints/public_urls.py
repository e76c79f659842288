"""投诉举报 on the portal (mounted at /gs/complaints/)."""

from django.urls import path

from . import views_public

app_name = "complaints_public"

urlpatterns = [
    path("", views_public.public_new, name="new"),
    path("track/", views_public.public_track, name="track"),
    path("rate/", views_public.public_rate, name="rate"),
    path("regions/", views_public.public_regions, name="regions"),
]
