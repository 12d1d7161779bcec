from django.urls import path, re_path

from . import views

app_name = "dossiers"

urlpatterns = [
    path("dossiers/", views.DossierListView.as_view(), name="list"),
    path("dossiers/new/", views.intake, name="intake"),
    path("dossiers/imports/", views.import_list, name="imports"),
    path("dossiers/imports/<int:pk>/", views.import_detail, name="import"),
    path("dossiers/imports/<int:pk>/status/", views.import_status, name="import_status"),
    path("dossiers/refusals/new/", views.refuse, name="refuse"),
    path("dossiers/refusals/<int:pk>/", views.refusal, name="refusal"),
    path("dossiers/<int:pk>/documents/", views.upload_document, name="upload_document"),
    path("dossiers/<int:pk>/documents/<int:document_pk>/", views.DocumentDownloadView.as_view(), name="document"),
    path("dossiers/<int:pk>/", views.DossierDetailView.as_view(), name="detail"),
    path("dossiers/<int:pk>/history/", views.DossierHistoryView.as_view(), name="history"),
    path("dossiers/<int:pk>/project/", views.link_project, name="link_project"),
    path("dossiers/<int:pk>/receipt/", views.ReceiptView.as_view(), name="receipt"),
    path("dossiers/<int:pk>/control-sheet/", views.ControlSheetView.as_view(), name="control_sheet"),
    path("dossiers/<int:pk>/steps/<int:step_pk>/complete/", views.complete, name="complete"),
    path("dossiers/<int:pk>/steps/<int:step_pk>/reassign/", views.reassign, name="reassign"),
    path("dossiers/<int:pk>/actions/<slug:action>/", views.dossier_action, name="action"),
    re_path(
        r"^dossiers/(?P<pk>[0-9]+)/form-(?P<number>0[245])/$", views.RequestFormView.as_view(), name="printed_form"
    ),
    path("my-work/", views.my_work, name="my_work"),
    path("reports/dossiers/", views.report, name="report"),
    path("reports/dashboard/", views.dashboard, name="dashboard"),
    path("board/", views.board, name="board"),
    path("board/default-assignees/", views.default_assignees, name="default_assignees"),
]
