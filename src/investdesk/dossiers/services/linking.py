"""Naming the investment project a dossier concerns (or none)."""

from django.db import transaction
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.services import record_change, save_versioned

from .. import access
from ..models import Dossier


def link_project(actor, dossier: Dossier, code: str, *, at=None) -> Dossier:
    """Links the dossier to the project with the national code ``code`` (blank: unlinks it); the
    project must be one the actor reads. Kept in the dossier's history."""
    from investdesk.projects.models import Project

    if not access.can_link_project(actor, dossier):
        raise PermissionDeniedError()
    code = (code or "").strip()
    project = None
    if code:
        project = Project.objects.restrict(actor).filter(code=code).first()
        if project is None:
            raise DomainError(_("Không có dự án mã số %(c)s.") % {"c": code}, field="project")
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.project_id == (project.pk if project else None):
            return locked
        locked.project = project
        reason = _("Gắn với dự án %(c)s") % {"c": code} if project else _("Bỏ gắn với dự án")
        record_change(locked, actor, reason)
        save_versioned(locked, locked.version, actor=actor)
    return locked
