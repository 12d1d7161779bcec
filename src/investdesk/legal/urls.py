from django.urls import path

from . import views

app_name = "legal"

# The addresses are those the documents had as part of the quality records, so links kept by
# people still work.
urlpatterns = [
    path("legal-documents/", views.LegalDocumentListView.as_view(), name="documents"),
    path("legal-documents/new/", views.DocumentEditView.as_view(), name="document_new"),
    path("legal-documents/changes/<int:year>/", views.document_changes, name="document_changes"),
    path("legal-documents/<int:pk>/", views.DocumentDetailView.as_view(), name="document"),
    path("legal-documents/<int:pk>/edit/", views.DocumentEditView.as_view(), name="document_edit"),
    path("legal-documents/<int:pk>/file/", views.DocumentFileView.as_view(), name="document_file"),
    path("legal-documents/<int:pk>/history/", views.DocumentHistoryView.as_view(), name="document_history"),
]
