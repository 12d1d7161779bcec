from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarOverride, OfficeHours


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "reason", "legal_reference"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(OfficeHours)
class OfficeHoursAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "updated_at"]
