"""Receipt at the one-stop desk: the dossier's number, the version in force, the first steps; a
refused receipt (form 03); documents added to a dossier."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.services import record_change, required_text
from investdesk.core.uploads import check_upload
from investdesk.procedures.models import Procedure
from investdesk.worktime.loader import get_calendar

from .. import access, daily, engine
from ..choices import Channel
from ..models import Dossier, DossierCounter, DossierDocument, ReceiptRefusal
from .common import now_or
from .linking import link_project
from .steps import open_ready_steps


def next_code(at: datetime) -> str:
    """The next dossier number of ``at``'s year, e.g. 2026-00042 (pattern: DOSSIER_CODE_PATTERN)."""
    year = timezone.localtime(at).year
    counter, _created = DossierCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return settings.DOSSIER_CODE_PATTERN.format(year=year, number=counter.last)


@transaction.atomic
def receive_dossier(
    actor,
    *,
    procedure: Procedure,
    applicant_name: str,
    channel: str,
    received_at: datetime | None = None,
    components: list[str] | None = None,
    applicant_tax_code: str = "",
    applicant_address: str = "",
    applicant_phone: str = "",
    applicant_email: str = "",
    note: str = "",
    project_code: str = "",
    check_permission: bool = True,
) -> Dossier:
    """Receives a dossier: its number, the version in force, the appointment, the first steps; with
    ``project_code``, the investment project it concerns (as ``link_project``: one the actor reads,
    in the history). A project that cannot be named refuses the whole receipt."""
    if check_permission and not access.receives_dossiers(actor):
        raise PermissionDeniedError()
    if channel not in Channel.values:
        raise DomainError(_("Hình thức nộp không hợp lệ: dùng online, direct hoặc post."), field="channel")
    applicant_name = (applicant_name or "").strip()
    if not applicant_name:
        raise DomainError(_("Hãy ghi tên tổ chức, cá nhân nộp hồ sơ."), field="applicant")
    at = now_or(received_at)
    if at > timezone.now() + timezone.timedelta(minutes=5):
        raise DomainError(_("Thời điểm tiếp nhận không thể ở tương lai."), field="received_at")
    version = procedure.version_at(timezone.localtime(at).date())
    if version is None:
        raise DomainError(
            _("Thủ tục %(p)s chưa có quy trình được phê duyệt có hiệu lực ngày %(d)s.")
            % {"p": procedure.name, "d": timezone.localtime(at).strftime("%d/%m/%Y")},
            field="procedure",
        )
    calendar = get_calendar()
    due = calendar.add_working_time(at, version.statutory_days)
    daily.hold(at)  # the reception step finishes at receipt: its day's recount locks come first
    dossier = Dossier(
        code=next_code(at),
        procedure=procedure,
        procedure_version=version,
        applicant_name=applicant_name[:255],
        applicant_tax_code=applicant_tax_code,
        applicant_address=applicant_address,
        applicant_phone=applicant_phone,
        applicant_email=applicant_email,
        channel=channel,
        components_received=list(components or []),
        received_at=at,
        received_by=actor if getattr(actor, "is_authenticated", False) else None,
        due_at=due,
        original_due_at=due,
        note=note,
    )
    record_change(dossier, actor, _("Tiếp nhận hồ sơ"))
    dossier.save()
    workflow = engine.start(version)
    open_ready_steps(dossier, workflow, at, actor)
    dossier.workflow_state = engine.save(workflow)
    dossier.save(update_fields=["workflow_state", "responsible", "updated_at"])
    if (project_code or "").strip():
        dossier = link_project(actor, dossier, project_code, at=at)
    return dossier


@transaction.atomic
def refuse_receipt(actor, *, procedure: Procedure, applicant_name: str, channel: str, reason: str):
    """Phiếu từ chối tiếp nhận (Mẫu 03): the desk does not accept a dossier, and says why."""
    if not access.receives_dossiers(actor):
        raise PermissionDeniedError()
    reason = required_text(reason, _("Hãy ghi lý do từ chối tiếp nhận."), field="reason")
    if not (applicant_name or "").strip():
        raise DomainError(_("Hãy ghi tên tổ chức, cá nhân nộp hồ sơ."), field="applicant_name")
    refusal = ReceiptRefusal(
        procedure=procedure,
        applicant_name=applicant_name.strip(),
        channel=channel,
        reason=reason,
        refused_at=timezone.now(),
        refused_by=actor,
    )
    record_change(refusal, actor)
    refusal.save()
    return refusal


@transaction.atomic
def attach_document(actor, dossier: Dossier, *, title: str, upload):
    """Adds a checked file to the dossier (anyone who may see the dossier and acts on it)."""
    if not access.can_attach_document(actor, dossier):
        raise PermissionDeniedError()
    content_type = check_upload(upload)
    document = DossierDocument(
        dossier=dossier,
        title=(title or upload.name)[:255],
        size=upload.size,
        content_type=content_type,
        uploaded_at=timezone.now(),
        uploaded_by=actor,
    )
    document.file.save(upload.name.rsplit("/", 1)[-1][-120:], upload, save=False)
    record_change(document, actor)
    document.save()
    return document
