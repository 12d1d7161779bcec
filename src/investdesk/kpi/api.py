"""API: the KPI summary of a division for a month, a quarter or a year (API.md)."""

from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from investdesk.accounts.models import Division
from investdesk.core.api import READ_ERRORS, error_responses
from investdesk.core.exceptions import DomainError, PermissionDeniedError

from . import access, periods
from .summary import division_summary

router = Router(tags=["KPI"])


class SummaryQuery(Schema):
    division: str = ""
    period: str


class RowOut(Schema):
    person: str
    person_id: int
    position: str
    items_assigned: int
    items_on_time: int
    items_late: int
    items_open: int
    general_score: Decimal | None
    task_score: Decimal | None
    total: Decimal | None
    band: str | None


class CoverageOut(Schema):
    staff: int
    evaluated: int
    evaluated_percent: Decimal | None
    good_or_above: int
    good_or_above_percent: Decimal | None


class SummaryOut(Schema):
    division: str
    period: str
    rows: list[RowOut]
    coverage: CoverageOut
    excellent_quota_exceeded_by: list[str]


def find_division(user, value: str) -> Division:
    value = (value or "").strip()
    if not value:
        if user.division_id is None:
            raise DomainError(_("Hãy chọn phòng."), field="division")
        return user.division
    divisions = Division.objects.all()
    division = (
        divisions.filter(pk=int(value)).first()
        if value.isdigit() and len(value) < 10
        else divisions.filter(code=value).first()
    )
    if division is None:
        raise DomainError(_("Không có phòng “%(d)s”.") % {"d": value[:50]}, field="division")
    return division


def parse_period(value: str) -> periods.Span:
    try:
        return periods.parse(value)
    except ValueError:
        raise DomainError(
            _("Kỳ không hợp lệ: dùng YYYY-MM (tháng), YYYY-Qn (quý) hoặc YYYY (năm)."), field="period"
        ) from None


@router.get(
    "/kpi/summary",
    response={200: SummaryOut, **error_responses(*READ_ERRORS, 403)},
    summary="Tổng hợp KPI của một phòng trong kỳ",
)
def kpi_summary(request, filters: Query[SummaryQuery]):
    """One row per person of the division: items assigned / on time / late / open and the approved
    scores (a quarter or year of monthly scores averages them); ``coverage`` = the share of the
    division's staff evaluated and rated good or above. A person who does not lead the division or
    the department reads only their own row."""
    span = parse_period(filters.period)
    division = find_division(request.user, filters.division)
    whole = access.can_view_division(request.user, division)
    if not whole and request.user.division_id != division.pk:
        raise PermissionDeniedError()
    summary = division_summary(division, span)
    rows = summary.rows if whole else [row for row in summary.rows if row.person.pk == request.user.pk]
    over = set(summary.quota.over) if whole else set()
    return {
        "division": division.code,
        "period": span.code,
        "rows": [
            {
                "person": row.person.get_full_name(),
                "person_id": row.person.pk,
                "position": row.position,
                "items_assigned": row.items_assigned,
                "items_on_time": row.items_on_time,
                "items_late": row.items_late,
                "items_open": row.items_open,
                "general_score": row.general_score,
                "task_score": row.task_score,
                "total": row.total,
                "band": row.band or None,
            }
            for row in rows
        ],
        "coverage": summary.coverage,
        "excellent_quota_exceeded_by": [row.person.get_full_name() for row in summary.rows if row.person.pk in over],
    }
