"""Who does a step: reassigning an open one, and the person who takes a role's steps by default."""

from django.db import transaction
from django.utils.translation import gettext as _

from investdesk.accounts.choices import Role
from investdesk.core.exceptions import ConcurrentEditError, DomainError, PermissionDeniedError
from investdesk.core.services import record_change, required_text, save_versioned
from investdesk.procedures.choices import ProcessRole
from investdesk.procedures.models import Procedure

from .. import access
from ..assignees import ASSIGNABLE_ROLES, assignment_candidates, holds_process_role, role_group
from ..models import DefaultAssignee, Step


@transaction.atomic
def reassign_step(actor, step: Step, person, reason: str) -> Step:
    """The division head gives an open step to someone else, with a reason kept in the history.

    Only to a person who can do the step and then open the dossier: active, holding the step's
    role, in the dossier's division (``assignment_candidates``); a head only within the division.
    """
    if not access.assigns_work(actor):
        raise PermissionDeniedError()
    current = (
        Step.objects.select_for_update(of=("self",))
        .select_related("dossier__procedure", "dossier__responsible")
        .get(pk=step.pk)
    )
    if not access.can_reassign(actor, current):
        raise PermissionDeniedError(_("Hồ sơ này không thuộc phòng của bạn; bạn không điều chuyển được bước này."))
    if current.finished_at is not None:
        raise ConcurrentEditError(_("Bước này đã được xử lý; không thể chuyển người xử lý."))
    if not person.is_active:
        raise DomainError(_("Người được giao đã ngừng hoạt động."), field="assignee")
    if not assignment_candidates(current.role, current.dossier).filter(pk=person.pk).exists():
        raise DomainError(
            _(
                "Không thể giao bước “%(step)s” cho %(name)s: chỉ giao được cho người đang làm việc, "
                "giữ vai trò %(role)s của phòng giải quyết hồ sơ."
            )
            % {"step": current.name, "name": person.get_full_name(), "role": Role(role_group(current.role)).label},
            field="assignee",
        )
    reason = required_text(reason, _("Hãy ghi lý do điều chuyển."), field="reason")
    current.assignee = person
    record_change(current, actor, _("Điều chuyển: %(r)s") % {"r": reason})
    current.save(update_fields=["assignee"])
    if current.role == ProcessRole.OFFICER:
        dossier = current.dossier
        dossier.responsible = person
        dossier._change_reason = current._change_reason
        save_versioned(dossier, dossier.version, actor=actor, update_fields=["responsible", "updated_at", "version"])
    return current


@transaction.atomic
def set_default_assignee(actor, *, procedure: Procedure | None, role: str, person) -> None:
    """Who takes ``role``'s steps of ``procedure`` (or of every procedure) by default; None clears it."""
    if not access.assigns_work(actor):
        raise PermissionDeniedError()
    if role not in ASSIGNABLE_ROLES:
        raise DomainError(_("Vai trò này không có người xử lý mặc định."), field="role")
    existing = DefaultAssignee.objects.filter(procedure=procedure, role=role).first()
    if person is None:
        if existing is not None:
            record_change(existing, actor)
            existing.delete()
        return
    if not person.is_active or not holds_process_role(person, role):
        raise DomainError(
            _("%(name)s không giữ vai trò %(role)s.")
            % {"name": person.get_full_name(), "role": ProcessRole(role).label},
            field="person",
        )
    record = existing or DefaultAssignee(procedure=procedure, role=role)
    record.person = person
    record_change(record, actor)
    record.save()
