"""API: the risk and opportunity register (API.md ``/risks``)."""

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from investdesk.core.api import READ_ERRORS, WRITE_ERRORS, error_responses, filter_rows
from investdesk.core.years import MAX_YEAR, MIN_YEAR, check_year

from . import services
from .choices import RiskBand, RiskKind, RiskSection
from .filters import RiskFilterSet
from .models import Risk

router = Router(tags=["Hệ thống quản lý chất lượng"])


class RiskIn(Schema):
    title: str = Field(min_length=1, max_length=5000)
    kind: RiskKind = RiskKind.RISK
    likelihood: int = Field(ge=1, le=5)
    severity: int = Field(ge=1, le=5)
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    section: RiskSection = RiskSection.INTERNAL
    number: str = Field("", max_length=20)
    written_level: str = Field("", max_length=50)
    action_plan: str = ""
    related_units: str = ""


class RiskCreated(Schema):
    id: int
    score: int
    band: str
    band_label: str


class RiskOut(Schema):
    id: int
    year: int
    section: str
    number: str
    kind: str
    title: str
    likelihood: int | None
    severity: int | None
    score: int | None
    band: str | None
    band_label: str | None
    written_level: str
    written_level_mismatch: bool
    treatment: str

    @staticmethod
    def resolve_year(risk) -> int:
        return risk.register.year

    @staticmethod
    def resolve_band(risk) -> str | None:
        return risk.band or None

    @staticmethod
    def resolve_band_label(risk) -> str | None:
        return _band_label(risk.band)


def _band_label(band: str) -> str | None:
    return str(RiskBand(band).label) if band else None


@router.post("/risks", response={201: RiskCreated, **error_responses(*WRITE_ERRORS)}, summary="Thêm rủi ro, cơ hội")
def create_risk(request, payload: RiskIn):
    """Adds a row to the year's register; score and band are computed on that year's matrix.
    Without ``number`` the row takes the next number of its section."""
    plan = services.open_year(request.user, payload.year)
    number = payload.number.strip()
    if not number:
        existing = Risk.objects.filter(register=plan, section=payload.section).values_list("number", flat=True)
        number = str(max((int(n) for n in existing if n.isdigit()), default=0) + 1)
    risk = Risk(
        register=plan,
        section=payload.section,
        number=number,
        kind=payload.kind,
        title=payload.title.strip(),
        likelihood=payload.likelihood,
        severity=payload.severity,
        written_level=payload.written_level,
        action_plan=payload.action_plan,
        related_units=payload.related_units,
    )
    services.save_risk(request.user, risk, reason="API")
    return Status(201, {"id": risk.pk, "score": risk.score, "band": risk.band, "band_label": _band_label(risk.band)})


@router.get(
    "/risks", response={200: list[RiskOut], **error_responses(*READ_ERRORS)}, summary="Bảng rủi ro, cơ hội của một năm"
)
def list_risks(
    request,
    year: int | None = None,
    q: str = "",
    likelihood: int | None = Query(None, ge=1, le=5),
    severity: int | None = Query(None, ge=1, le=5),
    kind: RiskKind | None = None,
    band: RiskBand | None = None,
    mismatch: bool | None = None,
):
    """The register rows of ``year`` (this year by default), captions left out, in the table's order;
    ``written_level_mismatch`` is true where a hand-entered level disagrees with P×S. The other
    parameters are the register page's filters."""
    year = check_year(timezone.localdate().year if year is None else year)
    rows = filter_rows(request, Risk.objects.assessed().filter(register__year=year), RiskFilterSet)
    return rows.select_related("register")
