"""The REST API under /api/v1/: each app contributes a router."""

from ninja import NinjaAPI

from investdesk.accounts.api import auth_router
from investdesk.accounts.api import router as accounts_router
from investdesk.core.api import API_AUTH, api_login_required, install_error_handlers, refuse_nul_characters
from investdesk.dossiers.api import router as dossiers_router
from investdesk.kpi.api import router as kpi_router
from investdesk.procedures.api import router as procedures_router
from investdesk.projects.api import router as projects_router
from investdesk.projects.api import upload_router as projects_upload_router
from investdesk.quality.api import router as quality_router
from investdesk.worktime.api import router as worktime_router

api = NinjaAPI(
    title="InvestDesk API",
    version="1",
    description="Hệ thống quản lý đầu tư ngoài ngân sách — API liên thông dữ liệu.",
    urls_namespace="api",
    auth=API_AUTH,
    docs_decorator=api_login_required,
)
install_error_handlers(api)
api.add_router("/auth", auth_router)  # reads its body under guard itself: every failure there is a 401
# Before the others: its path would otherwise be taken by GET /projects/{code}. A binary upload: see its module.
api.add_router("", projects_upload_router)
for router in (
    accounts_router,
    worktime_router,
    procedures_router,
    dossiers_router,
    kpi_router,
    quality_router,
    projects_router,
):
    router.add_decorator(refuse_nul_characters, mode="view")
    api.add_router("", router)
