"""行政执法公示 — staff pages."""

from django.urls import path

from .repair.views import REPAIR_URLS
from .views import staff

app_name = "publicity"

urlpatterns = [
    path("", staff.disclosure_list, name="list"),
    path("register/", staff.disclosure_register, name="register"),
    path("publish/", staff.disclosure_bulk_publish, name="bulk_publish"),
    path("<int:pk>/", staff.disclosure_detail, name="detail"),
    path("<int:pk>/edit/", staff.disclosure_edit, name="edit"),
    path("<int:pk>/correct/", staff.disclosure_correct, name="correct"),
    path("<int:pk>/publish/", staff.disclosure_publish, name="publish"),
    path("<int:pk>/withhold/", staff.disclosure_withhold, name="withhold"),
    path("<int:pk>/withdraw/", staff.disclosure_withdraw, name="withdraw"),
    path("reports/", staff.report_list, name="reports"),
    path("reports/missing/", staff.reports_missing, name="overdue_reports"),
    path("reports/<int:pk>/", staff.report_detail, name="report"),
    path("reports/<int:pk>/report.docx", staff.report_file, {"fmt": "docx"}, name="report_docx"),
    path("reports/<int:pk>/report.xlsx", staff.report_file, {"fmt": "xlsx"}, name="report_xlsx"),
]
# 信用修复 (publicity.repair)
urlpatterns += [path(route, view, name=name) for route, view, name in REPAIR_URLS]
