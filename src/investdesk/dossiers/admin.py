from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DefaultAssignee, Dossier, Pause, ReceiptRefusal, Step


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    can_delete = False
    fields = ["name", "role", "assignee", "started_at", "due_at", "finished_at", "outcome"]
    readonly_fields = fields


@admin.register(Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    # Dossiers change only through their services (workflow, deadlines, history): read here.
    list_display = ["code", "applicant_name", "procedure", "received_at", "due_at", "status", "outcome"]
    list_filter = ["status", "outcome", "channel", "procedure"]
    search_fields = ["code", "search_key"]
    date_hierarchy = "received_at"
    inlines = [StepInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(DefaultAssignee)
class DefaultAssigneeAdmin(SimpleHistoryAdmin):
    list_display = ["procedure", "role", "person"]
    list_filter = ["role"]


@admin.register(Pause, ReceiptRefusal)
class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
