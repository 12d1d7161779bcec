"""Dossiers (hồ sơ) of administrative procedures, their steps and pauses."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from investdesk.core.import_records import ImportRecord
from investdesk.core.models import FoldedSearchMixin, FoldedSearchQuerySet, TimeStampedModel
from investdesk.core.querysets import RestrictedQuerySet
from investdesk.procedures.choices import ProcessRole
from investdesk.procedures.models import Procedure, ProcedureVersion

from . import access
from .choices import Channel, DossierStatus, Outcome, PauseKind, Result


class DossierRowsQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = "view"):
        """The rows ``user`` may ``action`` (view, change, act, assign), by the one rule for
        dossiers and their steps (``access.scope``)."""
        return access.scope(self, user, action)


class DossierQuerySet(DossierRowsQuerySet, FoldedSearchQuerySet):
    pass


class CountedPerDay:
    """A row the per-day totals count (``daily``): on reading it from the database it keeps the fields
    those totals count by (``DAILY_FIELDS``), so a later save knows which day the row counted on
    before. Deferred fields are not read (that would cost a query each): the row then counts as new."""

    DAILY_FIELDS: tuple[str, ...] = ()

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        instance = super().from_db(db, field_names, values, *args, **kwargs)
        loaded = instance.__dict__
        if all(name in loaded for name in cls.DAILY_FIELDS):
            instance._daily_before = tuple(loaded[name] for name in cls.DAILY_FIELDS)
        return instance


class DossierCounter(models.Model):
    """The last dossier number given in a year (numbers are taken under a row lock)."""

    year = models.PositiveIntegerField(_("năm"), primary_key=True)
    last = models.PositiveIntegerField(_("số cuối"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số hồ sơ")
        verbose_name_plural = _("bộ đếm số hồ sơ")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Dossier(CountedPerDay, FoldedSearchMixin, TimeStampedModel):
    """Hồ sơ: one application by an investor under a procedure, from receipt to result.

    It keeps the procedure version in force when it was received. ``due_at`` is the appointment
    with the investor: received time + the version's statutory working days + working time paused
    for supplementation. ``original_due_at`` stays as first computed, for the statistics.
    """

    search_fields = ("code", "applicant_name", "applicant_tax_code", "procedure__name")
    search_index = True  # a trigram index on search_key (core.search): the list's search box

    code = models.CharField(_("số hồ sơ"), max_length=64, unique=True)
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="dossiers"
    )
    procedure_version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản quy trình"), on_delete=models.PROTECT, related_name="dossiers"
    )
    applicant_name = models.CharField(_("tổ chức, cá nhân nộp hồ sơ"), max_length=255)
    applicant_tax_code = models.CharField(_("mã số doanh nghiệp/thuế"), max_length=32, blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    channel = models.CharField(_("hình thức nộp"), max_length=16, choices=Channel.choices)
    components_received = models.JSONField(_("thành phần hồ sơ đã nhận"), default=list, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tiếp nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chịu trách nhiệm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_dossiers",
    )
    due_at = models.DateTimeField(_("hẹn trả kết quả"))
    original_due_at = models.DateTimeField(_("hạn ban đầu"))
    paused_seconds = models.PositiveIntegerField(_("thời gian tạm dừng (giây làm việc)"), default=0)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=DossierStatus.choices, default=DossierStatus.IN_PROGRESS
    )
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    outcome = models.CharField(_("kết quả về thời hạn"), max_length=16, choices=Outcome.choices, blank=True)
    processing_days = models.DecimalField(
        _("thời gian giải quyết (ngày làm việc)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Từ tiếp nhận đến có kết quả, trừ thời gian tạm dừng; ghi khi hồ sơ được giải quyết."),
    )
    result = models.CharField(_("kết quả giải quyết"), max_length=16, choices=Result.choices, blank=True)
    result_number = models.CharField(_("số văn bản kết quả"), max_length=100, blank=True)
    result_date = models.DateField(_("ngày văn bản kết quả"), null=True, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    extended_due_at = models.DateTimeField(
        _("hẹn trả mới (đã xin lỗi)"),
        null=True,
        blank=True,
        help_text=_("Hẹn lại theo văn bản xin lỗi (Mẫu 04); thống kê vẫn tính theo hạn giải quyết."),
    )
    apology_reason = models.TextField(_("lý do chậm (văn bản xin lỗi)"), blank=True)
    apology_at = models.DateTimeField(_("gửi văn bản xin lỗi lúc"), null=True, blank=True)
    apology_late = models.BooleanField(
        _("văn bản xin lỗi gửi sau khi quá hạn"),
        default=False,
        help_text=_("Chỉ quản trị viên ghi nhận được; được đánh dấu trong sổ theo dõi và báo cáo."),
    )
    closing_reason = models.TextField(_("lý do rút, dừng giải quyết"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # The investment project the dossier concerns (a certificate, an approval, an adjustment…): its
    # page lists the dossier, and a resolved one proposes the project's new decision version.
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("dự án đầu tư"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    workflow_state = models.JSONField(_("trạng thái quy trình"), default=dict, editable=False)

    history = HistoricalRecords(excluded_fields=["workflow_state", "search_key"])
    objects = DossierQuerySet.as_manager()
    # Internal counters the history tab does not show (the pauses themselves are listed on the dossier).
    HISTORY_HIDDEN_FIELDS = ("paused_seconds", "workflow_state")

    DAILY_FIELDS = (
        "status",
        "finished_at",
        "outcome",
        "procedure_id",
        "channel",
        "responsible_id",
        "processing_days",
        "apology_at",
    )

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-received_at", "-id"]
        permissions = [
            ("receive_dossier", _("Tiếp nhận hồ sơ")),
            ("assign_dossier", _("Phân công, điều chuyển xử lý hồ sơ")),
            ("view_all_dossiers", _("Xem mọi hồ sơ của Sở")),
            ("process_dossier", _("Xử lý hồ sơ được giao")),
            ("apologise_dossier", _("Gửi văn bản xin lỗi và đề nghị gia hạn (Mẫu 04)")),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="dossier_status_due_idx"),
            models.Index(fields=["responsible", "status"], name="dossier_responsible_idx"),
            models.Index(fields=["received_at"], name="dossier_received_idx"),
            # The finishing times first (a period's dossiers are a range of them), then every column
            # the period report counts by: the report reads a year's finished dossiers from the index
            # alone, without a lookup of each row in the table (``stats.relevant_parts``).
            models.Index(
                fields=[
                    "finished_at",
                    "received_at",
                    "status",
                    "outcome",
                    "channel",
                    "apology_at",
                    "apology_late",
                    "procedure",
                ],
                name="dossier_finished_counts_idx",
            ),
            models.Index(fields=["procedure", "received_at"], name="dossier_procedure_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("dossiers:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (DossierStatus.IN_PROGRESS, DossierStatus.PAUSED)


def at_risk_condition(now) -> models.Q:
    """Steps "sắp đến hạn" at ``now``: past the instant they turn at risk, not yet overdue."""
    return models.Q(at_risk_from__lte=now, due_at__gte=now)


class StepQuerySet(DossierRowsQuerySet):
    def open(self):
        return self.filter(finished_at__isnull=True)

    def at_risk(self, now):
        return self.filter(at_risk_condition(now))


class Step(CountedPerDay, models.Model):
    """Bước xử lý: a task of the dossier's workflow, with the named person who must do it."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="steps")
    task_id = models.CharField(_("mã nhiệm vụ"), max_length=64, editable=False)
    element_id = models.CharField(_("mã bước trong sơ đồ"), max_length=200)
    name = models.CharField(_("nội dung công việc"), max_length=500)
    role = models.CharField(_("đơn vị/người thực hiện"), max_length=32, choices=ProcessRole.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossier_steps",
    )
    working_days = models.DecimalField(_("thời gian (ngày làm việc)"), max_digits=6, decimal_places=2)
    counts_time = models.BooleanField(_("tính vào thời hạn"), default=True)
    paused_seconds = models.PositiveIntegerField(_("thời gian tạm dừng (giây làm việc)"), default=0)
    silence_means_consent = models.BooleanField(_("quá hạn là đồng ý"), default=False)
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    # From when the step counts as "sắp đến hạn" (``rules.at_risk_from``), kept with ``due_at`` while
    # the step is open so the board counts and pages the steps at risk in SQL.
    at_risk_from = models.DateTimeField(_("sắp đến hạn từ"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hoàn thành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(_("kết quả về thời hạn"), max_length=16, choices=Outcome.choices, blank=True)
    answer = models.JSONField(_("trả lời"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    # ``at_risk_from`` follows from the due time; the history shows the due time itself.
    history = HistoricalRecords(excluded_fields=["at_risk_from"])
    objects = StepQuerySet.as_manager()

    DAILY_FIELDS = ("finished_at", "outcome", "name", "counts_time")

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("bước xử lý hồ sơ")
        ordering = ["dossier", "started_at", "id"]
        indexes = [
            models.Index(fields=["assignee", "finished_at", "due_at"], name="step_assignee_open_idx"),
            models.Index(fields=["dossier", "finished_at"], name="step_dossier_idx"),
            # The open steps in due order; with the instant each turns at risk and the person, the
            # board counts per person and pages the steps at risk from the index alone.
            models.Index(fields=["finished_at", "due_at", "at_risk_from", "assignee"], name="step_open_due_idx"),
            models.Index(fields=["assignee", "started_at"], name="step_assignee_started_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["dossier", "task_id"], name="step_task_unique")]

    def __str__(self) -> str:
        return f"{self.dossier.code}: {self.name}"

    @property
    def is_open(self) -> bool:
        return self.finished_at is None


class Pause(models.Model):
    """Tạm dừng: time the investor takes to supplement or explain; it is not counted."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(_("loại"), max_length=16, choices=PauseKind.choices)
    started_at = models.DateTimeField(_("từ"))
    ended_at = models.DateTimeField(_("đến"), null=True, blank=True)
    reason = models.TextField(_("nội dung yêu cầu"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    flagged = models.BooleanField(
        _("yêu cầu lần thứ hai trở lên"), default=False, help_text=_("Phải được lãnh đạo phòng đồng ý.")
    )
    legal_basis = models.CharField(_("căn cứ yêu cầu"), max_length=500, blank=True)
    reply_by = models.DateTimeField(_("hạn nhà đầu tư bổ sung, giải trình"), null=True, blank=True)
    exception_reason = models.TextField(_("lý do yêu cầu thêm lần nữa"), blank=True)
    # The marks "due as at an instant" is read from in SQL (``timing.pause_marks``), written
    # whenever the dossier's pauses change and when the calendar changes.
    due_before = models.DateTimeField(_("hạn giải quyết khi bắt đầu tạm dừng"), null=True, blank=True)
    left_seconds = models.IntegerField(
        _("thời gian còn lại khi bắt đầu tạm dừng (giây làm việc)"), null=True, blank=True
    )
    due_after = models.DateTimeField(_("hạn giải quyết sau khi hết tạm dừng"), null=True, blank=True)
    seconds = models.PositiveIntegerField(_("thời gian tạm dừng (giây làm việc)"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tạm dừng")
        verbose_name_plural = _("tạm dừng")
        ordering = ["dossier", "started_at"]
        indexes = [models.Index(fields=["dossier", "ended_at"], name="pause_dossier_ended_idx")]

    def __str__(self) -> str:
        return f"{self.dossier.code}: {self.get_kind_display()}"


class DefaultAssignee(models.Model):
    """Who takes a role's steps of a procedure by default (else the system picks the least loaded)."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("vai trò trong quy trình"), max_length=32, choices=ProcessRole.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người xử lý"), on_delete=models.CASCADE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người xử lý mặc định")
        verbose_name_plural = _("người xử lý mặc định")
        ordering = ["procedure", "role"]
        constraints = [models.UniqueConstraint(fields=["procedure", "role"], name="default_assignee_unique")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.person}"


class ReceiptRefusal(models.Model):
    """Từ chối tiếp nhận (Mẫu 03): a dossier the desk did not accept, with the reason given.

    It is not a dossier (nothing is processed); it is kept so the refusal can be printed, counted
    and checked later.
    """

    procedure = models.ForeignKey(Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+")
    applicant_name = models.CharField(_("tổ chức, cá nhân nộp hồ sơ"), max_length=255)
    channel = models.CharField(_("hình thức nộp"), max_length=16, choices=Channel.choices)
    reason = models.TextField(_("lý do từ chối"))
    refused_at = models.DateTimeField(_("từ chối lúc"))
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người từ chối"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiếu từ chối tiếp nhận")
        verbose_name_plural = _("phiếu từ chối tiếp nhận")
        ordering = ["-refused_at", "-id"]

    def __str__(self) -> str:
        return f"{self.applicant_name} – {self.refused_at:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:refusal", args=[self.pk])


def document_path(instance, filename: str) -> str:
    return f"dossiers/{instance.dossier_id}/{instance.uploaded_at:%Y%m%d%H%M%S}-{filename}"


class DossierDocument(models.Model):
    """A file of the dossier: what the investor filed, supplements, drafts, the result."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to=document_path, max_length=500)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("loại tệp"), max_length=100)
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["dossier", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class DossierImport(ImportRecord):
    """A one-stop system's .xlsx of historical dossiers on its way in: the file, how its columns map
    to the dossier's fields, the dry run's errors, and what the import wrote."""

    file = models.FileField(_("tệp"), upload_to="imports/dossiers/%Y/%m/", max_length=500)
    row_count = models.PositiveIntegerField(_("số dòng hồ sơ"), default=0)
    created_count = models.PositiveIntegerField(_("số hồ sơ mới"), default=0)
    updated_count = models.PositiveIntegerField(_("số hồ sơ cập nhật"), default=0)

    class Meta(ImportRecord.Meta):
        verbose_name = _("lần nhập hồ sơ cũ")
        verbose_name_plural = _("các lần nhập hồ sơ cũ")

    def get_absolute_url(self) -> str:
        return reverse("dossiers:import", args=[self.pk])


class OutcomeSums(models.Model):
    """The resolved dossiers' counts and processing time a row of totals holds, per day or per month."""

    early = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    late_with_apology = models.PositiveIntegerField(default=0)
    processing_days_sum = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    processing_days_count = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class DailyOutcome(OutcomeSums):
    """Dossiers resolved on one local day, per procedure, channel and responsible person, with their
    outcomes: the dashboard's breakdowns read a few thousand of these rather than a million dossiers.
    Derived data (``daily.refresh`` recomputes a day from the dossiers); never edited by hand."""

    day = models.DateField(_("ngày"))
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tổng hợp hồ sơ giải quyết theo ngày")
        verbose_name_plural = _("tổng hợp hồ sơ giải quyết theo ngày")
        indexes = [models.Index(fields=["day"], name="daily_outcome_day_idx")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.procedure_id} {self.channel}"


class DailyStepOutcome(models.Model):
    """Steps finished on one local day, per step name: how many, how many late (derived data)."""

    day = models.DateField(_("ngày"))
    name = models.CharField(max_length=500)
    total = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tổng hợp bước xử lý theo ngày")
        verbose_name_plural = _("tổng hợp bước xử lý theo ngày")
        indexes = [models.Index(fields=["day"], name="daily_step_day_idx")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name[:40]}"


class MonthlyOutcome(OutcomeSums):
    """Dossiers resolved in one local month, summed from the per-day totals along one dimension at a
    time: per procedure, per channel, per responsible person (the dashboard's three breakdowns). A
    year is a few thousand of these where the per-day totals, per day × procedure × channel × person,
    hardly compress at all. Every resolution counts once in each dimension, so the channel rows also
    give the month's totals. Derived data (``daily`` keeps it equal to the sum of the month's days)."""

    class Dimension(models.TextChoices):
        PROCEDURE = "procedure", _("Thủ tục")
        CHANNEL = "channel", _("Hình thức")
        PERSON = "person", _("Người chịu trách nhiệm")

    month = models.DateField(_("tháng thống kê"))  # its first day
    dimension = models.CharField(max_length=16, choices=Dimension.choices)
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    channel = models.CharField(max_length=16, choices=Channel.choices, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tổng hợp hồ sơ giải quyết theo tháng")
        verbose_name_plural = _("tổng hợp hồ sơ giải quyết theo tháng")
        indexes = [models.Index(fields=["month", "dimension"], name="monthly_outcome_month_idx")]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.dimension}"


class MonthlyStepOutcome(models.Model):
    """Steps finished in one local month, per step name (the sum of the month's ``DailyStepOutcome``)."""

    month = models.DateField(_("tháng thống kê"))  # its first day
    name = models.CharField(max_length=500)
    total = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tổng hợp bước xử lý theo tháng")
        verbose_name_plural = _("tổng hợp bước xử lý theo tháng")
        indexes = [models.Index(fields=["month"], name="monthly_step_month_idx")]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.name[:40]}"


class StagedDossier(models.Model):
    """A dossier of an import under way, computed and waiting to be published (``imports``).

    An import writes its rows here in short transactions, batch by batch, then publishes them all
    into ``Dossier`` in one short transaction: nothing of it is visible before, everything after.
    ``run`` names the import; the rows of a run that never published (its worker died) are deleted
    when the import is run again or once they are old. Nothing else reads this table.
    """

    run = models.CharField(max_length=64)
    row_index = models.PositiveIntegerField()
    existing_id = models.BigIntegerField(null=True)  # the dossier it updates; None creates one
    code = models.CharField(max_length=64)
    procedure_id = models.BigIntegerField()
    procedure_version_id = models.BigIntegerField()
    applicant_name = models.CharField(max_length=255)
    channel = models.CharField(max_length=16)
    received_at = models.DateTimeField()
    due_at = models.DateTimeField()
    original_due_at = models.DateTimeField()
    paused_seconds = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=16)
    finished_at = models.DateTimeField(null=True)
    outcome = models.CharField(max_length=16, blank=True)
    processing_days = models.DecimalField(max_digits=8, decimal_places=2, null=True)
    result = models.CharField(max_length=16, blank=True)
    responsible_id = models.BigIntegerField(null=True)
    workflow_state = models.JSONField(default=dict)
    search_key = models.TextField(blank=True, default="")
    staged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["run", "row_index"], name="staged_dossier_run_idx")]

    def __str__(self) -> str:
        return f"{self.run}: {self.code}"


class StagedStep(models.Model):
    """The first steps of a still-open dossier of an import under way (see ``StagedDossier``)."""

    run = models.CharField(max_length=64)
    code = models.CharField(max_length=64)
    task_id = models.CharField(max_length=64)
    element_id = models.CharField(max_length=200)
    name = models.CharField(max_length=500)
    role = models.CharField(max_length=32)
    assignee_id = models.BigIntegerField(null=True)
    working_days = models.DecimalField(max_digits=6, decimal_places=2)
    counts_time = models.BooleanField(default=True)
    silence_means_consent = models.BooleanField(default=False)
    started_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True)
    at_risk_from = models.DateTimeField(null=True)
    staged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["run"], name="staged_step_run_idx")]

    def __str__(self) -> str:
        return f"{self.run}: {self.code} {self.name[:40]}"


class StagedPause(models.Model):
    """A pause of a dossier of an import under way (see ``StagedDossier``)."""

    run = models.CharField(max_length=64)
    code = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    # The marks a pause keeps (``Pause``), computed when the row is staged.
    due_before = models.DateTimeField(null=True)
    left_seconds = models.IntegerField(null=True)
    due_after = models.DateTimeField(null=True)
    seconds = models.PositiveIntegerField(default=0)
    staged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["run"], name="staged_pause_run_idx")]

    def __str__(self) -> str:
        return f"{self.run}: {self.code}"
