from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("system/", views.system, name="system"),
    path("system/backups/", views.backup_start, name="backup_start"),
    path("notifications/", views.notification_list, name="notifications"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/result/", views.job_result, name="job_result"),
]
