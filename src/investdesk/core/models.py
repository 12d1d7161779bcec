"""The shared kernel's models: the base of every domain model, background jobs, worker heartbeat."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import JobStatus
from .querysets import RestrictedQuerySet
from .text import fold, nfc, nfc_text, search_terms


class TimeStampedModel(models.Model):
    """Creation and last-change instants, and a version number for optimistic locking.

    ``version`` goes up by one on every save through a service; a form carries the version it was
    read at, and a save that finds another version refuses instead of overwriting (see
    ``core.services.save_versioned``).
    """

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True


class FoldedSearchQuerySet(RestrictedQuerySet):
    def search(self, query: str | None):
        """Rows whose folded search key holds every word of ``query`` (diacritics ignored)."""
        condition = Q()
        for term in search_terms(query):
            condition &= Q(search_key__contains=term)
        return self.filter(condition)


class FoldedSearchMixin(models.Model):
    """Keeps ``search_key`` = the folded text of ``search_fields`` and stores those fields in NFC.

    ``save()`` keeps it current; code that writes with ``bulk_create``/``bulk_update`` or
    ``update()`` calls ``refresh_search_key()`` itself (or ``refresh_search_keys`` in bulk).
    """

    search_fields: tuple[str, ...] = ()

    search_key = models.TextField(_("khóa tìm kiếm"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    def normalise_text_fields(self) -> None:
        for field in self._meta.concrete_fields:
            if field.name in {"search_key", "password"}:
                continue
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, nfc_text(value) if "\n" in value else nfc(value))

    def build_search_key(self) -> str:
        parts = []
        for name in self.search_fields:
            value = self
            for attr in name.split("__"):
                value = getattr(value, attr, None) if value is not None else None
            if value:
                parts.append(str(value))
        return fold(" ".join(parts))

    def refresh_search_key(self) -> None:
        self.normalise_text_fields()
        self.search_key = self.build_search_key()


class BackgroundJob(models.Model):
    """A long piece of work (import, export, backup) run by a worker, with visible progress."""

    kind = models.CharField(_("loại công việc"), max_length=64)
    title = models.CharField(_("tên công việc"), max_length=255)
    status = models.CharField(_("trạng thái"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.PROTECT,
        related_name="background_jobs",
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    message = models.TextField(_("thông báo"), blank=True, default="")
    result_file = models.FileField(_("tệp kết quả"), upload_to="jobs/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("công việc nền")
        verbose_name_plural = _("công việc nền")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="core_job_owner_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:job", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, round(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}

    # No job of this system runs this long; one still "running" after it lost its worker.
    STALE_AFTER = timedelta(hours=3)

    @property
    def is_stale(self) -> bool:
        return not self.is_finished and timezone.now() - (self.started_at or self.created_at) > self.STALE_AFTER


class WorkerHeartbeat(models.Model):
    """The last time a background worker proved it was alive (read by /health)."""

    name = models.CharField(_("tiến trình"), max_length=100, primary_key=True)
    beat_at = models.DateTimeField(_("lần cuối"))

    class Meta:
        verbose_name = _("nhịp của tiến trình nền")
        verbose_name_plural = _("nhịp của tiến trình nền")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """An in-app message to one person (the bell), e.g. the daily digest of work at risk.

    ``key`` makes sending idempotent: the same key for the same person is stored once.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(_("khóa"), max_length=100)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("liên kết"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.title
