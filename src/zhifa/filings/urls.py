from django.urls import path

from . import views

app_name = "filings"

urlpatterns = [
    path("", views.filing_list, name="filing_list"),
    path("export.xlsx", views.filing_export, name="filing_export"),
    path("new/", views.filing_new, name="filing_new"),
    path("<int:pk>/", views.filing_detail, name="filing_detail"),
    path("<int:pk>/accept/", views.filing_accept, name="filing_accept"),
    path("<int:pk>/return/", views.filing_return, name="filing_return"),
    path("<int:pk>/resubmit/", views.filing_resubmit, name="filing_resubmit"),
    path("files/<int:pk>/", views.filing_file, name="filing_file"),
    path("review-flowchart/", views.review_flowchart, name="review_flowchart"),
    path("review-flowchart.svg", views.review_flowchart_file, name="review_flowchart_svg"),
]
