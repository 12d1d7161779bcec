"""Changes to the procedure catalogue: new versions from BPMN, approval, procedure details."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.formatting import format_decimal
from investdesk.core.services import save_versioned

from .bpmn import Analysis, BpmnError, analyse
from .choices import VersionStatus
from .models import Procedure, ProcedureStep, ProcedureVersion


class ModelRejected(DomainError):
    """The uploaded model breaks the conventions; ``messages`` lists every problem."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__(_("Mô hình không hợp lệ: %(m)s") % {"m": " ".join(messages)}, field="bpmn")


def _require_manager(actor) -> None:
    # Gateway conditions in a model are Python code run by the workflow engine: only the people
    # trusted with the whole system may load one.
    if not (actor.is_authenticated and actor.has_perm("procedures.manage_procedures")):
        raise PermissionDeniedError()


def check_model(statutory_days: Decimal, xml: str, difference_note: str = "") -> Analysis:
    """The model's analysis, or ``ModelRejected`` with every problem (nothing is saved)."""
    try:
        analysis = analyse(xml)
    except BpmnError as error:
        raise ModelRejected(error.messages) from error
    if analysis.longest_days != statutory_days and not difference_note.strip():
        raise ModelRejected(
            [
                _(
                    "Tổng thời gian theo đường dài nhất của sơ đồ là %(total)s ngày làm việc, khác thời hạn "
                    "luật định %(law)s ngày. Hãy sửa thời gian các bước hoặc ghi giải thích chênh lệch."
                )
                % {"total": _number(analysis.longest_days), "law": _number(statutory_days)}
            ]
        )
    return analysis


def _number(value: Decimal) -> str:
    return format_decimal(value)


@transaction.atomic
def create_version(
    actor,
    procedure: Procedure,
    xml: str,
    *,
    difference_note: str = "",
    legal_basis: str = "",
    statutory_days: Decimal | None = None,
    note: str = "",
    check_permission: bool = True,
) -> ProcedureVersion:
    """A new draft version from ``xml`` with its step table derived from the model.

    ``statutory_days`` is the legal time under the texts this version applies (the procedure's
    current time unless given, e.g. for a version under an older law)."""
    if check_permission:
        _require_manager(actor)
    statutory = procedure.statutory_days if statutory_days is None else Decimal(statutory_days)
    analysis = check_model(statutory, xml, difference_note)
    locked = Procedure.objects.select_for_update().get(pk=procedure.pk)
    number = (locked.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = ProcedureVersion(
        procedure=locked,
        number=number,
        status=VersionStatus.DRAFT,
        statutory_days=statutory,
        process_id=analysis.process_id,
        bpmn_xml=xml,
        total_days=analysis.longest_days,
        difference_note=difference_note.strip(),
        legal_basis=legal_basis,
        note=note.strip(),
    )
    version._change_reason = _("Tạo phiên bản quy trình")
    save_versioned(version, None, actor=actor)
    ProcedureStep.objects.bulk_create(
        ProcedureStep(
            version=version,
            order=index,
            element_id=step.element_id,
            name=step.name[:500],
            role=step.role,
            working_days=step.working_days,
            result=step.result[:500],
            parallel=step.parallel,
            silence_means_consent=step.silence_means_consent,
            in_loop=step.in_loop,
        )
        for index, step in enumerate(analysis.steps, start=1)
    )
    return version


@transaction.atomic
def approve_version(
    actor,
    version: ProcedureVersion,
    *,
    effective_from: date,
    decision_number: str = "",
    decision_date: date | None = None,
    expected_version: int | None = None,
    check_permission: bool = True,
) -> ProcedureVersion:
    """Puts a draft in force from ``effective_from``; the version it replaces ends the day before."""
    if check_permission:
        _require_manager(actor)
    if version.status != VersionStatus.DRAFT:
        raise DomainError(_("Chỉ phê duyệt được bản nháp; phiên bản đã phê duyệt không được sửa."))
    in_force = (
        ProcedureVersion.objects.select_for_update()
        .filter(procedure=version.procedure, status=VersionStatus.APPROVED)
        .exclude(pk=version.pk)
    )
    for previous in in_force:
        if previous.effective_from and previous.effective_from >= effective_from:
            raise DomainError(
                _("Ngày hiệu lực phải sau ngày hiệu lực của phiên bản %(n)s (%(d)s).")
                % {"n": previous.number, "d": previous.effective_from.strftime("%d/%m/%Y")},
                field="effective_from",
            )
        previous.effective_to = effective_from - timedelta(days=1)
        previous.status = VersionStatus.RETIRED
        previous._change_reason = _("Hết hiệu lực do phiên bản mới được phê duyệt")
        save_versioned(previous, previous.version, actor=actor)
    version.status = VersionStatus.APPROVED
    version.effective_from = effective_from
    version.decision_number = decision_number
    version.decision_date = decision_date
    version._change_reason = _("Phê duyệt phiên bản quy trình")
    save_versioned(version, expected_version, actor=actor)
    return version


@transaction.atomic
def record_past_version(
    actor, version: ProcedureVersion, *, effective_from: date, effective_to: date, check_permission: bool = True
) -> ProcedureVersion:
    """Records a draft as the version that WAS in force from ``effective_from`` to ``effective_to``
    (e.g. the process under a replaced law, added after the current one), so dossiers received then
    keep its times. The period must not overlap another version's."""
    if check_permission:
        _require_manager(actor)
    if version.status != VersionStatus.DRAFT:
        raise DomainError(_("Chỉ ghi nhận được bản nháp làm phiên bản đã hết hiệu lực."))
    if effective_to < effective_from:
        raise DomainError(_("Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi."), field="effective_to")
    others = ProcedureVersion.objects.filter(
        procedure=version.procedure, status__in=[VersionStatus.APPROVED, VersionStatus.RETIRED]
    ).exclude(pk=version.pk)
    for other in others:
        starts_before_end = other.effective_from is None or other.effective_from <= effective_to
        ends_after_start = other.effective_to is None or other.effective_to >= effective_from
        if starts_before_end and ends_after_start:
            raise DomainError(
                _("Khoảng hiệu lực trùng với phiên bản %(n)s.") % {"n": other.number}, field="effective_from"
            )
    version.status = VersionStatus.RETIRED
    version.effective_from = effective_from
    version.effective_to = effective_to
    version._change_reason = _("Ghi nhận phiên bản đã hết hiệu lực")
    save_versioned(version, version.version, actor=actor)
    return version


@transaction.atomic
def save_procedure(actor, procedure: Procedure, *, expected_version: int | None) -> Procedure:
    _require_manager(actor)
    procedure._change_reason = _("Cập nhật thông tin thủ tục")
    save_versioned(procedure, expected_version, actor=actor)
    return procedure
