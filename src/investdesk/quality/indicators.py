"""Each objective's live figure, read from the apps that hold the facts.

Objective 3 reads the dossiers' on-time rate, objective 1 the procedures with an approved flowchart,
a milestone objective its checklist. An indicator whose source app is not in this installation yet
(the project database, KPI) says so and shows grey, never an invented figure.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from investdesk.core.formatting import format_decimal, format_number

from .choices import Indicator, Light
from .models import Objective

AMBER_MARGIN = Decimal(2)  # a rate within this many points below its target is amber, not red


@dataclass(frozen=True)
class Reading:
    value: Decimal | None  # percent
    figure: str
    light: str
    note: str = ""

    @property
    def progress(self) -> int:
        return int(min(Decimal(100), self.value or 0))


def percent(part: int, whole: int) -> Decimal:
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def read(objective: Objective, today: date | None = None) -> Reading:
    """The objective's figure as it stands at the end of ``today`` (a past day gives the figure as
    it stood then: a quarterly review keeps its quarter's)."""
    today = today or timezone.localdate()
    reader = READERS[objective.indicator]
    return reader(objective, today)


def _light_for_share(objective: Objective, value: Decimal, today: date) -> str:
    """A share that builds up over the plan: green at the target, red once the plan's time is out."""
    if value >= objective.target:
        return Light.GREEN
    return Light.RED if today > objective.finishes_on else Light.AMBER


def _dossier_on_time(objective: Objective, today: date) -> Reading:
    from investdesk.dossiers import stats

    first = max(objective.starts_on, date(objective.plan.year, 1, 1))
    last = min(objective.finishes_on, date(objective.plan.year, 12, 31), today)
    if last < first:
        return Reading(None, _("Kỳ đo chưa bắt đầu."), Light.GREY)
    # The resolutions of the period from the monthly and per-day totals: the same figures as the
    # period report's, without counting a year of dossiers on each reading of the quality dashboard.
    counts = stats.resolved_counts(stats.Period.of(first, last))
    on_time = counts["early"] + counts["on_time"]
    resolved = on_time + counts["late"]
    if not resolved:
        return Reading(None, _("Chưa có hồ sơ được giải quyết trong kỳ."), Light.GREY)
    rate = Decimal(str(stats.percent_on_time(on_time, resolved)))
    if rate >= objective.target:
        light = Light.GREEN
    elif rate >= objective.target - AMBER_MARGIN:
        light = Light.AMBER
    else:
        light = Light.RED
    figure = _("%(rate)s%% đúng hạn (%(on_time)s/%(resolved)s hồ sơ), %(late)s trễ hạn") % {
        "rate": format_decimal(rate),
        "on_time": format_number(on_time),
        "resolved": format_number(resolved),
        "late": format_number(counts["late"]),
    }
    return Reading(rate, figure, light)


def _procedure_flowcharts(objective: Objective, today: date) -> Reading:
    from investdesk.procedures.choices import VersionStatus
    from investdesk.procedures.models import Procedure

    counts = Procedure.objects.aggregate(
        total=Count("pk", distinct=True),
        charted=Count(
            "pk",
            distinct=True,
            # Versions carry no approval instant, so this is today's state whatever ``today`` is.
            filter=Q(versions__status__in=[VersionStatus.APPROVED, VersionStatus.RETIRED]),
        ),
    )
    if not counts["total"]:
        return Reading(None, _("Danh mục thủ tục chưa có thủ tục nào."), Light.GREY)
    value = percent(counts["charted"], counts["total"])
    figure = _("%(n)s/%(total)s thủ tục có quy trình lưu đồ được phê duyệt") % {
        "n": format_number(counts["charted"]),
        "total": format_number(counts["total"]),
    }
    return Reading(value, figure, _light_for_share(objective, value, today))


def _milestones(objective: Objective, today: date) -> Reading:
    counts = objective.milestones.aggregate(total=Count("pk"), done=Count("pk", filter=Q(done_on__lte=today)))
    if not counts["total"]:
        return Reading(None, _("Chưa có mốc công việc nào."), Light.GREY)
    value = percent(counts["done"], counts["total"])
    figure = _("%(n)s/%(total)s mốc đã hoàn thành") % {"n": counts["done"], "total": counts["total"]}
    return Reading(value, figure, _light_for_share(objective, value, today))


def _from_app(app: str, label: str):
    """The reader of an indicator whose facts live in ``app``: its ``indicators.read(objective, today)``
    once the app is installed; until then an honest "no data yet"."""

    def reader(objective: Objective, today: date) -> Reading:
        if not apps.is_installed(f"investdesk.{app}"):
            note = _("Phân hệ %(app)s chưa được triển khai nên chưa có số liệu.") % {"app": label}
            # The plan's own milestones still say how the work stands, without a figure to judge by.
            checklist = _milestones(objective, today)
            figure = checklist.figure if checklist.value is not None else _("Chưa có số liệu")
            return Reading(None, figure, Light.GREY, note)
        from importlib import import_module

        return import_module(f"investdesk.{app}.indicators").read(objective, today)

    return reader


READERS = {
    Indicator.DOSSIER_ON_TIME: _dossier_on_time,
    Indicator.PROCEDURE_FLOWCHARTS: _procedure_flowcharts,
    Indicator.MILESTONES: _milestones,
    Indicator.PROJECT_DATABASE: _from_app("projects", gettext_lazy("Dự án đầu tư")),
    Indicator.KPI_RATING: _from_app("kpi", gettext_lazy("KPI")),
}
