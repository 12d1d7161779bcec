from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LegalDocument


@admin.register(LegalDocument)
class LegalDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["number", "kind", "issuer", "effective_from", "replaced_by"]
    list_filter = ["kind"]
    search_fields = ["number", "search_key"]
