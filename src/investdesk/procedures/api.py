"""API: the procedure catalogue with the version in force."""

from datetime import date

from django.utils import timezone
from ninja import Router, Schema

from investdesk.core.api import READ_ERRORS, error_responses, filter_rows
from investdesk.core.formatting import plain_decimal

from .choices import Authority, Field
from .filters import ProcedureFilterSet
from .models import Procedure

router = Router(tags=["Thủ tục hành chính"])


class ProcedureOut(Schema):
    code: str
    name: str
    working_days: str
    version: int | None
    effective_from: date | None
    authority: str
    field: str


@router.get(
    "/procedures", response={200: list[ProcedureOut], **error_responses(*READ_ERRORS)}, summary="Danh mục thủ tục"
)
def list_procedures(request, q: str = "", field: Field | None = None, authority: Authority | None = None):
    """Procedures matching ``q`` (diacritics and tone-mark placement ignored), ``field`` and
    ``authority`` (the catalogue page's filters), each with the version in force today: its number,
    effective date and statutory working days."""
    today = timezone.localdate()
    procedures = filter_rows(request, Procedure, ProcedureFilterSet).prefetch_related("versions")
    rows = []
    for procedure in procedures:
        current = _in_force(procedure, today)
        rows.append(
            {
                "code": procedure.code,
                "name": procedure.name,
                "working_days": plain_decimal(current.statutory_days if current else procedure.statutory_days),
                "version": current.number if current else None,
                "effective_from": current.effective_from if current else None,
                "authority": procedure.authority,
                "field": procedure.field,
            }
        )
    return rows


def _in_force(procedure, day):
    # From the prefetched versions, so the list costs two queries whatever its length.
    candidates = [
        v
        for v in procedure.versions.all()
        if v.status in {"approved", "retired"}
        and v.effective_from
        and v.effective_from <= day
        and (v.effective_to is None or v.effective_to >= day)
    ]
    return max(candidates, key=lambda v: (v.effective_from, v.number), default=None)
