"""What the quality pages share: the year a page belongs to, and who manages the records."""

from functools import wraps

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from investdesk.core.years import year_in_range

from .. import services
from ..models import QualityYear


class NoYear(Exception):
    """The year has no quality records yet (a manager opens it)."""

    def __init__(self, year: int):
        super().__init__(year)
        self.year = year


def plan_of(year: int) -> QualityYear:
    if not year_in_range(year):
        raise Http404
    plan = QualityYear.objects.filter(year=year).first()
    if plan is None:
        raise NoYear(year)
    return plan


def no_year_page(request, year: int):
    return render(
        request,
        "quality/no_year.html",
        {
            "year": year,
            "can_manage": services.can_manage(request.user),
            "title": _("Hệ thống quản lý chất lượng năm %(y)s") % {"y": year},
        },
        status=404,
    )


def shows_unopened_years(view):
    """A page of a year nobody has opened shows that, with the button to open it for managers,
    rather than creating records on a visit."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NoYear as missing:
            return no_year_page(request, missing.year)

    return wrapper


class InYear:
    """A page under ``quality/<year>/``: its rows belong to that year's plan (``self.plan``)."""

    permission_required = "quality.manage_quality"

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except NoYear as missing:
            return no_year_page(request, missing.year)

    @property
    def plan(self) -> QualityYear:
        if not hasattr(self, "_plan"):
            self._plan = plan_of(self.kwargs["year"])
        return self._plan

    def get_extra_context(self, obj):
        return {"plan": self.plan}
