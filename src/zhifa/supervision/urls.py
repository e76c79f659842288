from django.urls import include, path

app_name = "supervision"

urlpatterns = [
    path("plans/", include("zhifa.supervision.plans.urls")),
    path("actions/", include("zhifa.supervision.actions.urls")),
    path("campaigns/", include("zhifa.supervision.campaigns.urls")),
    path("problems/", include("zhifa.supervision.problems.urls")),
    path("accountability/", include("zhifa.supervision.accountability.urls")),
]
