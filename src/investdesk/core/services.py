"""Shared service helpers: the optimistic-locking save every app's services use."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import ConcurrentEditError, DomainError, PermissionDeniedError
from .jobs import start_job
from .models import Notification
from .tasks import backup_job

logger = logging.getLogger(__name__)


def record_change(instance: models.Model, actor, reason: str | None = None) -> None:
    """Who (and, if given, why) for the history row the next save of ``instance`` writes, also
    outside a web request (commands, jobs, the API). An anonymous actor leaves the history's
    own guess (the request's user) alone."""
    if reason:
        instance._change_reason = reason
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor


def required_text(value: str | None, message, *, field: str) -> str:
    """``value`` without surrounding blanks, or a ``DomainError`` naming ``field`` when nothing is
    left (a reason, a comment, a result a rule says must be written)."""
    text = (value or "").strip()
    if not text:
        raise DomainError(message, field=field)
    return text


def save_versioned(instance: models.Model, expected_version: int | None, *, actor=None, **save_kwargs) -> None:
    """Saves ``instance`` only if its row is still at ``expected_version``, then bumps the version.

    A new row needs no version; an existing one always does (a service updating a row it has just
    read passes that row's ``version``).

    The row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction holds the
    write lock) between the comparison and the write, so of two people saving the same form exactly
    one succeeds and the other gets ``ConcurrentEditError`` rather than silently overwriting.
    ``actor`` is recorded in the history even when no web request is under way (commands, jobs).
    """
    record_change(instance, actor)
    with transaction.atomic():
        if instance.pk is None:
            instance.version = 1
            instance.save(**save_kwargs)
            return
        current = (
            type(instance)
            ._base_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        # No version on an update is a conflict too: the caller cannot show it read the latest row.
        if current is None or expected_version is None or current != expected_version:
            raise ConcurrentEditError()
        instance.version = current + 1
        instance.save(**save_kwargs)


def start_backup(actor):
    """Queues a backup of the whole system; the person watches it on the job page."""
    if not actor.has_perm("accounts.manage_system"):
        raise PermissionDeniedError()
    return start_job(kind="backup", title=_("Sao lưu dữ liệu"), user=actor, task=backup_job)


def notify(recipient, *, key: str, title: str, body: str = "", url: str = "", email: bool = True) -> bool:
    """Stores an in-app notification once per (recipient, key) and e-mails it; False if already sent."""
    _notification, created = Notification.objects.get_or_create(
        recipient=recipient, key=key, defaults={"title": title[:255], "body": body, "url": url}
    )
    if created and email and recipient.email:
        try:
            send_mail(title, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
        except OSError:
            # The mail server being down must not stop the others' digests; the in-app copy is kept.
            logger.warning("could not e-mail notification %s to %s", key, recipient.pk, exc_info=True)
    return created


def mark_read(recipient, notification_ids=None) -> int:
    unread = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
