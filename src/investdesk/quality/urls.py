from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("quality/", views.home, name="home"),
    path("quality/<int:year>/", views.dashboard, name="dashboard"),
    path("quality/<int:year>/settings/", views.year_settings, name="year_settings"),
    path("quality/<int:year>/open/", views.open_year, name="open_year"),
    path("quality/<int:year>/objectives/", views.objectives, name="objectives"),
    path("quality/<int:year>/objectives/new/", views.objective_form, name="objective_new"),
    path("quality/<int:year>/objectives/<int:pk>/edit/", views.objective_form, name="objective_edit"),
    path("quality/<int:year>/risks/", views.register, name="register"),
    path("quality/<int:year>/risks/new/", views.risk_form, name="risk_new"),
    path("quality/<int:year>/risks/<int:pk>/edit/", views.risk_form, name="risk_edit"),
    path("quality/<int:year>/actions/new/", views.action_form, name="action_new"),
    path("quality/<int:year>/actions/<int:pk>/edit/", views.action_form, name="action_edit"),
    path("quality/<int:year>/<slug:table>.<slug:fmt>", views.export, name="export"),
    path("quality/objectives/<int:pk>/", views.objective_detail, name="objective"),
    path("quality/objectives/<int:pk>/history/", views.objective_history, name="objective_history"),
    path("quality/objectives/<int:pk>/<slug:action>/", views.objective_action, name="objective_action"),
    path("quality/milestones/<int:pk>/toggle/", views.milestone_toggle, name="milestone_toggle"),
    path("quality/risks/<int:pk>/", views.risk_detail, name="risk"),
    path("quality/risks/<int:pk>/review/", views.risk_review, name="risk_review"),
    path("quality/risks/<int:pk>/history/", views.risk_history, name="risk_history"),
    path("quality/actions/", views.ActionListView.as_view(), name="actions"),
    path("quality/actions/<int:pk>/", views.action_detail, name="action"),
    path("quality/actions/<int:pk>/evidence/", views.action_evidence, name="action_evidence"),
    path("quality/actions/<int:pk>/history/", views.action_history, name="action_history"),
    path("quality/evidence/<int:pk>/", views.evidence_file, name="evidence"),
    path("legal-documents/", views.LegalDocumentListView.as_view(), name="documents"),
    path("legal-documents/new/", views.document_form, name="document_new"),
    path("legal-documents/changes/<int:year>/", views.document_changes, name="document_changes"),
    path("legal-documents/<int:pk>/", views.document_detail, name="document"),
    path("legal-documents/<int:pk>/edit/", views.document_form, name="document_edit"),
    path("legal-documents/<int:pk>/file/", views.document_file, name="document_file"),
    path("legal-documents/<int:pk>/history/", views.document_history, name="document_history"),
]
