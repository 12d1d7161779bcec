from django.urls import path

from . import views

app_name = "worktime"

urlpatterns = [
    path("worktime/", views.calendar_redirect, name="calendar"),
    path("worktime/<int:year>/", views.year_view, name="year"),
    path("worktime/overrides/", views.override_create, name="override_create"),
    path("worktime/overrides/<int:pk>/delete/", views.override_delete, name="override_delete"),
    path("worktime/office-hours/", views.office_hours, name="office_hours"),
    path("worktime/due/", views.due_calculator, name="due"),
]
