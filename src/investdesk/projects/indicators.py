"""Quality objective 2 (the project database and its monitoring) read from this module.

Definition: of the projects being monitored at the end of ``today`` (registered by then and not
terminated or revoked), the share with a monitoring record in the plan's year up to ``today`` — an
investor report received or an inspection/evaluation done in that year. Beside it: of the investor
reports due in that year up to ``today``, how many arrived by their due date.
"""

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from investdesk.core.formatting import format_decimal, format_number
from investdesk.quality.choices import Light
from investdesk.quality.indicators import Reading, _light_for_share, percent

from .choices import CLOSED_STATUSES
from .models import Inspection, InvestorReport, Project

DEFINITION = gettext_lazy(
    "Tỷ lệ dự án đang theo dõi (đã cấp/chấp thuận, chưa chấm dứt, chưa bị thu hồi) có báo cáo của nhà đầu tư "
    "được nhận hoặc có đợt kiểm tra, đánh giá trong năm; kèm tỷ lệ báo cáo đến hạn trong năm được nộp đúng hạn."
)


def read(objective, today: date) -> Reading:
    year = objective.plan.year
    first, last = date(year, 1, 1), min(date(year, 12, 31), today)
    if last < first:
        return Reading(None, _("Kỳ đo chưa bắt đầu."), Light.GREY, str(DEFINITION))
    monitored = Project.objects.exclude(status__in=CLOSED_STATUSES).filter(
        Q(registered_on__isnull=True) | Q(registered_on__lte=last)
    )
    reported = InvestorReport.objects.filter(project=OuterRef("pk"), received_on__range=(first, last))
    inspected = Inspection.objects.filter(project=OuterRef("pk"), inspected_on__range=(first, last))
    counts = monitored.aggregate(
        total=Count("pk"),
        followed=Count("pk", filter=Q(Exists(reported)) | Q(Exists(inspected))),
    )
    if not counts["total"]:
        return Reading(None, _("Cơ sở dữ liệu chưa có dự án nào."), Light.GREY, str(DEFINITION))
    value = percent(counts["followed"], counts["total"])
    due = InvestorReport.objects.filter(due_on__range=(first, last))
    reports = due.aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(received_on__isnull=False, received_on__lte=F("due_on"))),
    )
    figure = _("%(n)s/%(total)s dự án có theo dõi trong năm (%(rate)s%%)") % {
        "n": format_number(counts["followed"]),
        "total": format_number(counts["total"]),
        "rate": format_decimal(value),
    }
    if reports["total"]:
        figure += _("; báo cáo đúng hạn %(on_time)s/%(due)s") % {
            "on_time": format_number(reports["on_time"]),
            "due": format_number(reports["total"]),
        }
    return Reading(value, figure, _light_for_share(objective, value, today), str(DEFINITION))
