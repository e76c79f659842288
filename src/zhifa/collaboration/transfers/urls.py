from django.urls import path

from ..boundaries import views as boundary_views
from . import views

urlpatterns = [
    path("transfers/", views.transfer_list, name="transfer_list"),
    path("transfers/export/", views.transfer_export, name="transfer_export"),
    path("transfers/new/", views.transfer_new, name="transfer_new"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/letter.<str:fmt>", views.transfer_letter, name="transfer_letter"),
    path("transfers/<int:pk>/<slug:action>/", views.transfer_step, name="transfer_step"),
    path("boundaries/", boundary_views.boundary_list, name="boundary_list"),
    path("boundaries/new/", boundary_views.boundary_new, name="boundary_new"),
]
