from django.urls import path

from . import views

app_name = "kpi"

urlpatterns = [
    path("kpi/", views.home, name="home"),
    path("kpi/people/<int:person_id>/<str:period>/", views.person_period, name="person_period"),
    path(
        "kpi/people/<int:person_id>/<str:period>/<slug:action>/",
        views.person_period_action,
        name="person_period_action",
    ),
    path("kpi/evaluations/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation"),
    path("kpi/evaluations/<int:pk>/history/", views.EvaluationHistoryView.as_view(), name="evaluation_history"),
    path("kpi/evaluations/<int:pk>/<slug:action>/", views.evaluation_action, name="evaluation_action"),
    path("kpi/items/", views.WorkItemListView.as_view(), name="items"),
    path("kpi/items/new/<int:person_id>/", views.item_new, name="item_new"),
    path("kpi/items/<int:pk>/", views.WorkItemDetailView.as_view(), name="item"),
    path("kpi/items/<int:pk>/history/", views.WorkItemHistoryView.as_view(), name="item_history"),
    path("kpi/items/<int:pk>/<slug:action>/", views.item_action, name="item_action"),
    path("kpi/adjustments/<int:pk>/decide/", views.adjustment_decide, name="adjustment_decide"),
    path("kpi/team/", views.team, name="team"),
    path("kpi/overview/", views.overview, name="overview"),
    path("kpi/export.<slug:fmt>", views.export_summary, name="export"),
    path("kpi/rules/<int:year>/", views.RuleEditView.as_view(), name="rule"),
    path("kpi/templates/", views.export_templates, name="templates"),
]
