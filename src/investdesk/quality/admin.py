from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, Objective, QualityYear, Risk


@admin.register(QualityYear)
class QualityYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "low_max", "medium_max", "register_issued_on", "signer_name"]


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    # Rows change through the register pages, which compute the score and record reviews.
    list_display = ["register", "section", "number", "kind", "likelihood", "severity", "score", "band"]
    list_filter = ["register", "section", "kind", "band"]
    search_fields = ["number", "search_key"]
    readonly_fields = ["score", "band"]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "number", "indicator", "target", "finishes_on"]
    list_filter = ["plan", "indicator"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "due_on", "status"]
    list_filter = ["plan", "status"]
