"""What every service of the package shares: the instant of an action and the row lock on an
open dossier (who is recorded in the history: ``core.services.record_change``)."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError

from .. import daily
from ..models import Dossier


def now_or(at: datetime | None) -> datetime:
    return at or timezone.now()


def local(instant: datetime) -> str:
    return timezone.localtime(instant).strftime("%H:%M %d/%m/%Y")


def locked_open(dossier: Dossier, *, finishing_at: datetime | None = None) -> Dossier:
    """The open dossier, locked. ``finishing_at``: the change finishes or re-dates something then,
    so the day's recount locks are taken first (``daily.hold``)."""
    if finishing_at is not None:
        daily.hold(finishing_at)
    locked = Dossier.objects.select_for_update().select_related("procedure_version").get(pk=dossier.pk)
    if not locked.is_open:
        raise DomainError(_("Hồ sơ đã kết thúc."))
    return locked
