"""Shared service helpers: the optimistic-locking save every app's services use."""

from django.db import models, transaction
from django.utils.translation import gettext as _

from .exceptions import ConcurrentEditError, PermissionDeniedError
from .jobs import start_job
from .tasks import backup_job


def save_versioned(instance: models.Model, expected_version: int | None, *, actor=None, **save_kwargs) -> None:
    """Saves ``instance`` only if its row is still at ``expected_version``, then bumps the version.

    The row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction holds the
    write lock) between the comparison and the write, so of two people saving the same form exactly
    one succeeds and the other gets ``ConcurrentEditError`` rather than silently overwriting.
    ``actor`` is recorded in the history even when no web request is under way (commands, jobs).
    """
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor
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
        if current is None or (expected_version is not None and current != expected_version):
            raise ConcurrentEditError()
        instance.version = current + 1
        instance.save(**save_kwargs)


def start_backup(actor):
    """Queues a backup of the whole system; the person watches it on the job page."""
    if not actor.has_perm("accounts.manage_system"):
        raise PermissionDeniedError()
    return start_job(kind="backup", title=_("Sao lưu dữ liệu"), user=actor, task=backup_job)
