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


def _in_force(procedure: Procedure):
    # Read by ``ProcedureQuerySet.with_version_in_force``: the version in force first, if any.
    return procedure.versions_in_force[0] if procedure.versions_in_force else None


class ProcedureOut(Schema):
    code: str
    name: str
    working_days: str
    version: int | None
    effective_from: date | None
    authority: str
    field: str

    @staticmethod
    def resolve_working_days(procedure) -> str:
        current = _in_force(procedure)
        return plain_decimal(current.statutory_days if current else procedure.statutory_days)

    @staticmethod
    def resolve_version(procedure) -> int | None:
        current = _in_force(procedure)
        return current.number if current else None

    @staticmethod
    def resolve_effective_from(procedure) -> date | None:
        current = _in_force(procedure)
        return current.effective_from if current else None


@router.get(
    "/procedures", response={200: list[ProcedureOut], **error_responses(*READ_ERRORS)}, summary="Danh mục thủ tục"
)
def list_procedures(request, q: str = "", field: Field | None = None, authority: Authority | None = None):
    """Procedures matching ``q`` (diacritics and tone-mark placement ignored), ``field`` and
    ``authority`` (the catalogue page's filters), each with the version in force today: its number,
    effective date and statutory working days."""
    return filter_rows(request, Procedure, ProcedureFilterSet).with_version_in_force(timezone.localdate())
