"""公示 pages, open to everyone (mounted at /gs/)."""

from django.urls import path

from .views import public

app_name = "registry_public"

urlpatterns = [
    path("agencies/<int:agency_id>/officers/", public.public_officers, name="officers"),
    path("bodies/", public.public_bodies, name="bodies"),
]
