from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Procedure, ProcedureStep, ProcedureVersion


class StepInline(admin.TabularInline):
    model = ProcedureStep
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in ProcedureStep._meta.fields]


@admin.register(Procedure)
class ProcedureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "field", "authority", "statutory_days"]
    list_filter = ["field", "authority"]
    search_fields = ["code", "name", "search_key"]


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(SimpleHistoryAdmin):
    # Versions change only through the catalogue pages, which check the model first.
    list_display = ["procedure", "number", "status", "effective_from", "effective_to", "total_days"]
    list_filter = ["status"]
    readonly_fields = ["bpmn_xml", "total_days", "process_id", "status"]
    inlines = [StepInline]
