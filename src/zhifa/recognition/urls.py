from django.urls import path

from .views import awards

app_name = "recognition"

urlpatterns = [
    path("awards/", awards.award_list, name="award_list"),
    path("awards/export.xlsx", awards.award_export, name="award_export"),
    path("awards/new/", awards.award_new, name="award_new"),
    path("awards/<int:pk>/", awards.award_detail, name="award_detail"),
    path("awards/<int:pk>/correct/", awards.award_correct, name="award_correct"),
]
