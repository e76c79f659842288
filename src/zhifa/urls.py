from django.urls import include, path

from .api import api

handler400 = "zhifa.core.views.bad_request"
handler500 = "zhifa.core.views.server_error"

urlpatterns = [
    path("", include("zhifa.core.urls")),
    path("accounts/", include("zhifa.accounts.urls")),
    path("registry/", include("zhifa.registry.urls")),
    path("gs/inspections/", include("zhifa.inspections.public_urls")),
    path("gs/catalog/", include("zhifa.catalog.public_urls")),
    path("gs/supervision/campaigns/", include("zhifa.supervision.campaigns.public_urls")),
    path("gs/", include("zhifa.publicity.public_urls")),
    path("gs/", include("zhifa.registry.public_urls")),
    path("catalog/", include("zhifa.catalog.urls")),
    path("cases/", include("zhifa.cases.urls")),
    path("review/", include("zhifa.review.urls")),
    path("publicity/", include("zhifa.publicity.urls")),
    path("inspections/", include("zhifa.inspections.urls")),
    path("supervision/", include("zhifa.supervision.urls")),
    path("detection/", include("zhifa.detection.urls")),
    path("api/", api.urls),
    path("gs/complaints/", include("zhifa.complaints.public_urls")),
    path("complaints/", include("zhifa.complaints.urls")),
    path("social/", include("zhifa.social.urls")),
    path("training/", include("zhifa.training.urls")),
    path("recognition/", include("zhifa.recognition.urls")),
    path("evaluation/", include("zhifa.evaluation.urls")),
    path("collaboration/", include("zhifa.collaboration.urls")),
    path("stats/", include("zhifa.stats.urls")),
    path("jobs/", include("zhifa.jobs.urls")),
    path("exchange/", include("zhifa.exchange.urls")),
    path("audit/", include("zhifa.audit.urls")),
    path("messages/", include("zhifa.notifications.urls")),
    path("guidance/", include("zhifa.guidance.urls")),
    path("gs/guidance/", include("zhifa.guidance.public_urls")),
    path("filings/", include("zhifa.filings.urls")),
    path("equipment/", include("zhifa.equipment.urls")),
]
