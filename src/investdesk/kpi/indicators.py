"""Quality objective 4 read live: the share of the division's staff evaluated by KPI for the latest
scoring period that has ended, and the share rated good or above, against the objective's target."""

from datetime import date

from django.utils.translation import gettext as _

from investdesk.accounts.models import Division
from investdesk.accounts.seed import DIVISIONS
from investdesk.core.formatting import format_decimal
from investdesk.quality.choices import Light
from investdesk.quality.indicators import Reading, _light_for_share

from . import periods
from .choices import Frequency
from .summary import division_summary


def the_division() -> Division | None:
    """The division this installation serves (the quality objectives are its own)."""
    return Division.objects.filter(code=DIVISIONS[0][0]).first()


def last_ended_period(year: int, today: date) -> periods.Span | None:
    from .services import rule_for

    kind = periods.MONTH if rule_for(year).frequency == Frequency.MONTH else periods.QUARTER
    # A period is over once its last day is: on that day people are still finishing its work.
    ended = [span for span in periods.periods_of_year(year, kind) if span.ends_on < today]
    return ended[-1] if ended else None


def read(objective, today: date) -> Reading:
    division = the_division()
    year = objective.plan.year
    span = last_ended_period(year, min(today, date(year + 1, 1, 1)))
    if division is None or span is None:
        return Reading(None, _("Chưa hết kỳ đánh giá KPI nào của năm."), Light.GREY)
    summary = division_summary(division, span)
    if not summary.staff:
        return Reading(None, _("Phòng chưa có cán bộ nào để đánh giá."), Light.GREY)
    evaluated, good = summary.share(summary.evaluated), summary.share(summary.good_or_above)
    figure = _(
        "Kỳ %(period)s: %(n)s/%(staff)s cán bộ được đánh giá KPI (%(share)s%%), %(good)s/%(staff)s đạt "
        "hoàn thành tốt trở lên (%(good_share)s%%)"
    ) % {
        "period": span.code,
        "n": summary.evaluated,
        "staff": summary.staff,
        "share": format_decimal(evaluated),
        "good": summary.good_or_above,
        "good_share": format_decimal(good),
    }
    # The objective is met only when everyone is both evaluated and rated good or above.
    return Reading(good, figure, _light_for_share(objective, good, today))
