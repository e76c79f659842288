from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.message_list, name="message_list"),
    path("<int:pk>/open/", views.message_open, name="message_open"),
    path("read-all/", views.message_read_all, name="message_read_all"),
]
