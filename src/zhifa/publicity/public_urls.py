"""公示 portal, open to everyone (mounted at /gs/)."""

from django.urls import path

from .views import feed, public

app_name = "publicity_public"

urlpatterns = [
    path("", public.home, name="home"),
    path("agencies/<int:agency_id>/", public.agency, name="agency"),
    path("decisions/", public.decisions, name="decisions"),
    path("decisions/<int:pk>/", public.decision, name="decision"),
    path("decisions/<int:pk>/proof.json", public.decision_proof, name="proof"),
    path("checkpoints/", public.checkpoints, name="checkpoints"),
    path("checkpoints/<str:day>/consistency.json", public.consistency, name="consistency"),
    path("verify/", public.verify, name="verify"),
    path("reports/", public.reports, name="reports"),
    path("reports/<int:agency_id>/<int:year>/", public.report, name="report"),
    path(
        "reports/<int:agency_id>/<int:year>/report.docx", public.report, {"fmt": "docx"}, name="report_docx"
    ),
    path(
        "reports/<int:agency_id>/<int:year>/report.xlsx", public.report, {"fmt": "xlsx"}, name="report_xlsx"
    ),
    path("feed.json", feed.feed_json, name="feed_json"),
    path("feed.csv", feed.feed_csv, name="feed_csv"),
    path("regions/", public.regions, name="regions"),
]
