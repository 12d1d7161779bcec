from django.urls import path

from . import views

app_name = "procedures"

urlpatterns = [
    path("procedures/", views.ProcedureListView.as_view(), name="list"),
    path("procedures/<slug:code>/", views.procedure_detail, name="detail"),
    path("procedures/<slug:code>/edit/", views.ProcedureEditView.as_view(), name="edit"),
    path("procedures/<slug:code>/upload/", views.version_upload, name="upload"),
    path("procedures/<slug:code>/v<int:number>/", views.version_detail, name="version"),
    path("procedures/<slug:code>/v<int:number>/bpmn/", views.VersionBpmnView.as_view(), name="version_bpmn"),
    path("procedures/<slug:code>/v<int:number>/sheet.docx", views.VersionSheetView.as_view(), name="version_sheet"),
    path("procedures/<slug:code>/v<int:number>/editor/", views.version_editor, name="editor"),
    path("procedures/<slug:code>/v<int:number>/approve/", views.version_approve, name="approve"),
]
