"""The year at a glance, overrides and office hours for administrators, and the due calculator."""

import calendar as month_calendar
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from investdesk.core import generic
from investdesk.core.years import date_range_message, year_in_range

from . import services
from .choices import DaySource, OverrideKind
from .forms import DueForm, OfficeHoursForm, OverrideForm
from .loader import get_calendar
from .models import CalendarOverride, OfficeHours
from .working_calendar import OutOfCalendarRange

WEEKDAYS = [
    gettext_lazy("T2"),
    gettext_lazy("T3"),
    gettext_lazy("T4"),
    gettext_lazy("T5"),
    gettext_lazy("T6"),
    gettext_lazy("T7"),
    gettext_lazy("CN"),
]


def year_grid(year: int):
    """Twelve months of weeks, each day with its kind and the note that explains it."""
    cal = get_calendar()
    months = []
    for month in range(1, 13):
        weeks = []
        for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                note = cal.notes.get(day)
                cells.append({"date": day, "kind": cal.day_kind(day), "note": note})
            weeks.append(cells)
        months.append({"number": month, "weeks": weeks})
    return months


def calendar_redirect(request):
    return redirect("worktime:year", year=timezone.localdate().year)


def year_view(request, year: int):
    if not year_in_range(year):
        raise Http404
    cal = get_calendar()
    start, end = date(year, 1, 1), date(year, 12, 31)
    special = []
    for day in sorted(d for d in cal.notes if d.year == year):
        kind = cal.day_kind(day)
        if kind in {"day_off", "working_weekend"} or day.weekday() < 5:
            special.append({"date": day, "kind": kind, "note": cal.notes[day]})
    overrides = {o.date: o for o in CalendarOverride.objects.filter(date__year=year)}
    for row in special:
        row["override"] = overrides.get(row["date"])
    can_manage = request.user.has_perm("worktime.manage_calendar")
    changes = (
        CalendarOverride.history.filter(date__year=year).select_related("history_user").order_by("-history_date")[:30]
    )
    return render(
        request,
        "worktime/year.html",
        {
            "title": _("Lịch làm việc năm %(year)s") % {"year": year},
            "year": year,
            "months": year_grid(year),
            "weekdays": WEEKDAYS,
            "special_days": special,
            "working_day_count": cal.working_days_in(start, end),
            "hours": OfficeHours.current(),
            "day_hours": cal.day_seconds / 3600,
            "can_manage": can_manage,
            "override_form": OverrideForm(initial={"kind": OverrideKind.DAY_OFF}) if can_manage else None,
            "due_form": DueForm(initial={"received_at": timezone.localtime().replace(second=0, microsecond=0)}),
            "changes": changes,
            "sources": dict(DaySource.choices),
        },
    )


@require_POST
@permission_required("worktime.manage_calendar", raise_exception=True)
def override_create(request):
    form = OverrideForm(request.POST)
    year = timezone.localdate().year
    if form.is_valid():
        data = form.cleaned_data
        year = data["date"].year
        generic.perform(
            request,
            lambda: services.save_override(
                request.user,
                day=data["date"],
                kind=data["kind"],
                reason=data["reason"],
                legal_reference=data["legal_reference"],
            ),
            _("Đã lưu điều chỉnh ngày %(d)s.") % {"d": data["date"].strftime("%d/%m/%Y")},
        )
    else:
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
    return redirect("worktime:year", year=year)


@require_POST
@permission_required("worktime.manage_calendar", raise_exception=True)
def override_delete(request, pk: int):
    override = get_object_or_404(CalendarOverride, pk=pk)
    year = override.date.year
    services.delete_override(request.user, override)
    messages.success(request, _("Đã xóa điều chỉnh ngày %(d)s.") % {"d": override.date.strftime("%d/%m/%Y")})
    return redirect("worktime:year", year=year)


@permission_required("worktime.manage_calendar", raise_exception=True)
def office_hours(request):
    hours = OfficeHours.current()
    form = OfficeHoursForm(request.POST or None, instance=hours)
    if request.method == "POST" and form.is_valid():
        times = {name: form.cleaned_data[name] for name in OfficeHoursForm.Meta.fields}
        if generic.perform(
            request,
            lambda: services.update_office_hours(
                request.user, expected_version=form.cleaned_data["expected_version"], **times
            ),
            _("Đã lưu giờ làm việc. Hạn xử lý của công việc đang mở được tính lại."),
            form=form,
        ):
            return redirect("worktime:calendar")
    return render(request, "worktime/office_hours.html", {"form": form, "title": _("Giờ làm việc")})


def due_calculator(request):
    """Received at + N working days = due: the answer the reception desk gives an investor."""
    form = DueForm(request.GET or None)
    result = None
    if form.is_valid():
        received = form.cleaned_data["received_at"]
        try:
            cal = get_calendar()
            result = {
                "received": received,
                "opening": cal.next_opening(received),
                "due": cal.add_working_time(received, form.cleaned_data["working_days"]),
                "working_days": form.cleaned_data["working_days"],
            }
        except OutOfCalendarRange:
            form.add_error("received_at", date_range_message())
    template = "worktime/_due_result.html" if request.htmx else "worktime/due.html"
    return render(request, template, {"form": form, "result": result, "title": _("Tính hạn trả kết quả")})
