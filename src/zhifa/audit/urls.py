from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("log/", views.entry_list, name="entry_list"),
    path("log/export.xlsx", views.entry_export, name="entry_export"),
    path("log/verify/", views.chain_verify, name="chain_verify"),
]
