from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("quality/", views.home, name="home"),
    path("quality/<int:year>/", views.dashboard, name="dashboard"),
    path("quality/<int:year>/settings/", views.YearSettingsView.as_view(), name="year_settings"),
    path("quality/<int:year>/open/", views.open_year, name="open_year"),
    path("quality/<int:year>/objectives/", views.objectives, name="objectives"),
    path("quality/<int:year>/objectives/new/", views.ObjectiveEditView.as_view(), name="objective_new"),
    path("quality/<int:year>/objectives/<int:pk>/edit/", views.ObjectiveEditView.as_view(), name="objective_edit"),
    path("quality/<int:year>/risks/", views.register, name="register"),
    path("quality/<int:year>/risks/new/", views.RiskEditView.as_view(), name="risk_new"),
    path("quality/<int:year>/risks/<int:pk>/edit/", views.RiskEditView.as_view(), name="risk_edit"),
    path("quality/<int:year>/actions/new/", views.ActionEditView.as_view(), name="action_new"),
    path("quality/<int:year>/actions/<int:pk>/edit/", views.ActionEditView.as_view(), name="action_edit"),
    path("quality/<int:year>/<slug:table>.<slug:fmt>", views.ExportView.as_view(), name="export"),
    path("quality/objectives/<int:pk>/", views.ObjectiveDetailView.as_view(), name="objective"),
    path("quality/objectives/<int:pk>/history/", views.ObjectiveHistoryView.as_view(), name="objective_history"),
    path("quality/objectives/<int:pk>/<slug:action>/", views.objective_action, name="objective_action"),
    path("quality/milestones/<int:pk>/toggle/", views.milestone_toggle, name="milestone_toggle"),
    path("quality/risks/<int:pk>/", views.RiskDetailView.as_view(), name="risk"),
    path("quality/risks/<int:pk>/review/", views.risk_review, name="risk_review"),
    path("quality/risks/<int:pk>/history/", views.RiskHistoryView.as_view(), name="risk_history"),
    path("quality/actions/", views.ActionListView.as_view(), name="actions"),
    path("quality/actions/<int:pk>/", views.ActionDetailView.as_view(), name="action"),
    path("quality/actions/<int:pk>/evidence/", views.action_evidence, name="action_evidence"),
    path("quality/actions/<int:pk>/history/", views.ActionHistoryView.as_view(), name="action_history"),
    path("quality/evidence/<int:pk>/", views.EvidenceFileView.as_view(), name="evidence"),
]
