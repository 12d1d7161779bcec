"""Django admin for the organisation (day-to-day management is on the Vietnamese pages)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, Department, Division, Position, User


@admin.register(User)
class PersonAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "full_name", "position", "division", "is_active"]
    list_filter = ["is_active", "division", "groups"]
    search_fields = ["username", "full_name", "email", "search_key"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Thông tin", {"fields": ("full_name", "position", "division", "email", "phone", "language")}),
        ("Quyền", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Thời gian", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")}),)
    ordering = ["full_name"]


@admin.register(Department, Division, Position)
class OrganisationAdmin(SimpleHistoryAdmin):
    search_fields = ["code", "name"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "digest"]
    search_fields = ["name", "user__username"]
