"""What an import of a spreadsheet keeps while it goes through upload → column mapping → check →
import as a background job: the same fields, steps and states for every kind of row imported."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Chờ ghép cột")
    CHECKING = "checking", _("Đang kiểm tra")
    INVALID = "invalid", _("Có lỗi, chưa nhập")
    READY = "ready", _("Hợp lệ, sẵn sàng nhập")
    IMPORTING = "importing", _("Đang nhập")
    IMPORTED = "imported", _("Đã nhập")
    FAILED = "failed", _("Không hoàn thành")


RUNNING = frozenset({ImportStatus.CHECKING, ImportStatus.IMPORTING})


class ImportRecord(models.Model):
    """The file, how its columns map to the import's, the check's errors, and what the import wrote.
    Not domain data: the rows an import writes keep their own history. A concrete import sets where
    its files go (``file``) and names its rows in ``row_count``, ``created_count`` and
    ``updated_count``."""

    file = models.FileField(_("tệp"), max_length=500)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    headings = models.JSONField(_("tên các cột"), default=list)
    preview = models.JSONField(_("các dòng đầu"), default=list)
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    mapping = models.JSONField(_("ghép cột"), default=dict)
    checked_mapping = models.JSONField(_("ghép cột đã kiểm tra không lỗi"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    errors = models.JSONField(_("lỗi"), default=list)
    created_count = models.PositiveIntegerField(_("số dòng mới"), default=0)
    updated_count = models.PositiveIntegerField(_("số dòng cập nhật"), default=0)
    job = models.ForeignKey(
        "core.BackgroundJob", verbose_name=_("công việc nền"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        abstract = True
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_busy(self) -> bool:
        return self.status in RUNNING and not self.is_stalled

    @property
    def is_stalled(self) -> bool:
        """Checking or importing, but its job lost its worker: it may be started again."""
        return self.status in RUNNING and self.job is not None and self.job.is_stale

    @property
    def can_import(self) -> bool:
        return self.status == ImportStatus.READY and self.checked_mapping == self.mapping
