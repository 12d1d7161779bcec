from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.ProjectListView.as_view(), name="list"),
    path("projects/watch/", views.WatchListView.as_view(), name="watch"),
    path("projects/unreported/", views.ReportGapListView.as_view(), name="report_gaps"),
    path("projects/dashboard/", views.dashboard, name="dashboard"),
    path("projects/annual-report/", views.annual_report, name="annual_report"),
    path("projects/import/", views.import_page, name="import"),
    path("projects/import/template/", views.import_template, name="import_template"),
    path("projects/import/<int:pk>/", views.import_detail, name="import_detail"),
    path("projects/import/<int:pk>/status/", views.import_status, name="import_status"),
    path("projects/new/", views.ProjectEditView.as_view(), name="create"),
    path("projects/from-dossier/<int:pk>/", views.dossier_proposal, name="dossier_proposal"),
    path("projects/investors/", views.InvestorListView.as_view(), name="investors"),
    path("projects/investors/new/", views.InvestorEditView.as_view(), name="investor_create"),
    path("projects/investors/<int:pk>/", views.InvestorDetailView.as_view(), name="investor"),
    path("projects/investors/<int:pk>/edit/", views.InvestorEditView.as_view(), name="investor_edit"),
    path("projects/investors/<int:pk>/history/", views.InvestorHistoryView.as_view(), name="investor_history"),
    path("projects/investors/<int:pk>/merge/", views.merge_investor, name="investor_merge"),
    path("projects/decisions/<int:pk>/edit/", views.DecisionEditView.as_view(), name="decision_edit"),
    path("projects/decisions/<int:pk>/confirm/", views.confirm_decision, name="decision_confirm"),
    path("projects/milestones/<int:pk>/edit/", views.MilestoneEditView.as_view(), name="milestone_edit"),
    path("projects/reports/<int:pk>/edit/", views.ReportEditView.as_view(), name="report_edit"),
    path("projects/inspections/<int:pk>/edit/", views.InspectionEditView.as_view(), name="inspection_edit"),
    path("projects/inspections/<int:pk>/close/", views.close_inspection, name="inspection_close"),
    path("projects/<str:code>/", views.ProjectDetailView.as_view(), name="detail"),
    path("projects/<str:code>/edit/", views.ProjectEditView.as_view(), name="edit"),
    path("projects/<str:code>/decisions/", views.DecisionsView.as_view(), name="decisions"),
    path("projects/<str:code>/decisions/new/", views.DecisionEditView.as_view(), name="decision_create"),
    path("projects/<str:code>/milestones/", views.MilestonesView.as_view(), name="milestones"),
    path("projects/<str:code>/milestones/new/", views.MilestoneEditView.as_view(), name="milestone_create"),
    path("projects/<str:code>/reports/", views.ReportsView.as_view(), name="reports"),
    path("projects/<str:code>/reports/new/", views.ReportEditView.as_view(), name="report_create"),
    path("projects/<str:code>/inspections/", views.InspectionsView.as_view(), name="inspections"),
    path("projects/<str:code>/inspections/new/", views.InspectionEditView.as_view(), name="inspection_create"),
    path("projects/<str:code>/dossiers/", views.DossiersView.as_view(), name="dossiers"),
    path("projects/<str:code>/history/", views.ProjectHistoryView.as_view(), name="history"),
]
