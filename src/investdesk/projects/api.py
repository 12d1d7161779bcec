"""API: the project list with filters, one project with its schedule and delay, the import."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import File, Form, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from investdesk.core.api import READ_ERRORS, WRITE_ERRORS, error_responses
from investdesk.core.downloads import XLSX, attachment

from . import access, imports
from .filters import ProjectFilterSet
from .models import Project

router = Router(tags=["Dự án đầu tư"])
# The import takes a binary .xlsx, which holds NUL bytes by nature: it cannot sit behind the API's
# refusal of NUL characters in request bodies. Its text reaches the database only through the
# import's cell reader, which drops NUL and other invisible characters.
upload_router = Router(tags=["Dự án đầu tư"])
PAGE_SIZE = 50


class InvestorOut(Schema):
    id: int
    name: str
    kind: str
    country: str
    enterprise_code: str


class ProjectItem(Schema):
    code: str
    name: str
    investor: str
    kind: str
    sector: str
    commune: str
    commune_name: str
    status: str
    total_capital_vnd: Decimal
    registered_on: date | None
    delay_status: str
    delay_months: int


class DecisionOut(Schema):
    number: int
    kind: str
    reference: str
    decided_on: date
    status: str
    changes: list[str]
    total_capital_vnd: Decimal | None


class MilestoneOut(Schema):
    kind: str
    phase: int
    committed_on: date
    actual_on: date | None
    exempt_months: int
    exemption_reason: str | None
    delay_months: int


class ProjectOut(ProjectItem):
    address: str
    objectives: str
    scale: str
    land_area_ha: Decimal | None
    contributed_capital_vnd: Decimal
    mobilised_capital_vnd: Decimal
    total_capital_usd: Decimal | None
    term_years: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    investors: list[InvestorOut]
    decisions: list[DecisionOut]
    milestones: list[MilestoneOut]


class ProjectPage(Schema):
    count: int
    items: list[ProjectItem]


class ListQuery(Schema):
    q: str | None = None
    status: str | None = None
    delay: str | None = None
    commune: str | None = None
    kind: str | None = None
    sector: str | None = None
    page: int = 1


class ImportError_(Schema):
    row: int
    column: str
    message: str


class ImportOut(Schema):
    created: int
    updated: int
    errors: list[ImportError_]


def _item(project: Project) -> dict:
    return {
        "code": project.code,
        "name": project.name,
        "investor": project.investor.name,
        "kind": project.kind,
        "sector": project.sector,
        "commune": project.commune,
        "commune_name": project.commune_name,
        "status": project.status,
        "total_capital_vnd": project.total_capital_vnd,
        "registered_on": project.registered_on,
        "delay_status": project.delay_status,
        "delay_months": project.delay_months,
    }


@router.get(
    "/projects",
    response={200: ProjectPage, **error_responses(*READ_ERRORS)},
    summary="Danh sách dự án (lọc, tìm không dấu, phân trang)",
)
def list_projects(request, filters: Query[ListQuery]):
    params = {k: v for k, v in filters.dict().items() if v not in (None, "") and k != "page"}
    filterset = ProjectFilterSet(params, queryset=Project.objects.restrict(request.user, "view"))
    if not filterset.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        raise HttpError(400, problems)
    rows = filterset.qs.select_related("investor").order_by("code")
    page = max(1, min(filters.page, 100_000))
    start = (page - 1) * PAGE_SIZE
    return {"count": rows.count(), "items": [_item(p) for p in rows[start : start + PAGE_SIZE]]}


@router.get(
    "/projects/import-template",
    response={200: None, **error_responses(*READ_ERRORS)},
    summary="Mẫu tệp Excel để nhập danh sách dự án",
)
def import_template(request):
    if not access.sees_projects(request.user):
        raise PermissionDenied
    return attachment(imports.build_template(), "mau-nhap-du-an.xlsx", XLSX)


@upload_router.post(
    "/projects/import",
    response={200: ImportOut, **error_responses(*WRITE_ERRORS)},
    summary="Nhập danh sách dự án từ tệp Excel (tất cả hoặc không)",
)
def import_projects(request, file: File[UploadedFile | None] = None, dry_run: Form[bool] = False):
    # The file is optional in the schema so that a person without the right hears 403 before any
    # complaint about the request's shape; the import itself refuses a missing file.
    return imports.import_projects(request.user, file, dry_run=dry_run)


@router.get(
    "/projects/{code}",
    response={200: ProjectOut, **error_responses(*READ_ERRORS, 404)},
    summary="Một dự án với các quyết định, mốc tiến độ và tình trạng chậm",
)
def get_project(request, code: str):
    project = get_object_or_404(
        Project.objects.restrict(request.user, "view").select_related("investor").prefetch_related("other_investors"),
        code=code,
    )
    investors = [project.investor, *project.other_investors.all()]
    return {
        **_item(project),
        "address": project.address,
        "objectives": project.objectives,
        "scale": project.scale,
        "land_area_ha": project.land_area_ha,
        "contributed_capital_vnd": project.contributed_capital_vnd,
        "mobilised_capital_vnd": project.mobilised_capital_vnd,
        "total_capital_usd": project.total_capital_usd,
        "term_years": project.term_years,
        "latitude": project.latitude,
        "longitude": project.longitude,
        "investors": [
            {"id": i.pk, "name": i.name, "kind": i.kind, "country": i.country, "enterprise_code": i.enterprise_code}
            for i in investors
        ],
        "decisions": [
            {
                "number": d.number,
                "kind": d.kind,
                "reference": d.reference,
                "decided_on": d.decided_on,
                "status": d.status,
                "changes": [
                    name for name in ("capital", "schedule", "investor", "location") if getattr(d, f"changes_{name}")
                ],
                "total_capital_vnd": d.total_capital_vnd,
            }
            for d in project.decisions.all()
        ],
        "milestones": [
            {
                "kind": m.kind,
                "phase": m.phase,
                "committed_on": m.committed_on,
                "actual_on": m.actual_on,
                "exempt_months": m.exempt_months,
                "exemption_reason": m.exemption_reason or None,
                "delay_months": m.delay_months,
            }
            for m in project.milestones.all()
        ],
    }
