"""文书 and 案卷 pages. No app_name: cases/urls.py includes these inside the "cases" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/documents/", views.case_documents, name="case_documents"),
    path("<int:pk>/documents/generate/", views.document_generate, name="document_generate"),
    path("<int:pk>/casefile/", views.casefile_download, name="casefile"),
    path("documents/<int:pk>/pdf/", views.document_pdf, name="document_pdf"),
    path("documents/<int:pk>/docx/", views.document_docx, name="document_docx"),
    path("document-templates/", views.document_templates, name="document_templates"),
    path("document-templates/<slug:kind>/", views.document_template_upload, name="document_template_upload"),
    path("document-templates/<slug:kind>/text/", views.document_template_text, name="document_template_text"),
]
