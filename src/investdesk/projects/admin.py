"""The Django admin for maintenance only: every change a person makes goes through the pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Investor, Project


@admin.register(Investor)
class InvestorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "enterprise_code"]
    search_fields = ["search_key", "enterprise_code"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "status", "delay_status", "delay_months"]
    list_filter = ["status", "delay_status", "kind"]
    list_select_related = ["investor"]
    search_fields = ["code", "search_key"]
    raw_id_fields = ["investor", "officer", "other_investors"]
    readonly_fields = ["delay_status", "delay_months", "delay_checked_on"]
