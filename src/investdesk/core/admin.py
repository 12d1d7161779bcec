from django.contrib import admin

from .models import BackgroundJob, WorkerHeartbeat


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "status"]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "beat_at"]
