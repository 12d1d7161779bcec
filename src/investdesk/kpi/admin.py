"""Maintenance views of the KPI rows; people use the KPI pages, which go through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Evaluation, ScoringRule, WorkItem


@admin.register(ScoringRule)
class ScoringRuleAdmin(SimpleHistoryAdmin):
    list_display = ["year", "frequency", "general_max", "task_max", "excellent_min", "good_min", "completed_min"]


@admin.register(WorkItem)
class WorkItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "person", "period", "source", "finished_at", "is_late", "has_error"]
    list_filter = ["source", "is_late", "period"]
    raw_id_fields = ["person", "step"]
    list_select_related = ["person", "period"]


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "period", "status", "total", "band"]
    list_filter = ["status", "band", "period"]
    list_select_related = ["person", "period"]
    # Scores and statuses change through the review flow, never here.
    readonly_fields = [f.name for f in Evaluation._meta.concrete_fields if f.name != "id"]
